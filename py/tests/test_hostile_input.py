"""Hostile input (issue 14): every public function, constructor and method of the package,
found by reading the stubs, called with values of every type at every position.

The rule (py/README.md, "Errors and options"): a call either answers or raises a
``MedJourneyError`` subclass with one of the core's codes; a ``TypeError`` only when an
argument's Python type is not one its stub annotation admits; ``IndexError`` only from
``Findings[i]`` (the sequence protocol). Never ``OverflowError``, ``UnicodeEncodeError``,
``RecursionError``, a borrow ``RuntimeError`` or a bare ``ValueError``; and after every
error the module still gives exact answers. New entry points are covered by being stubbed.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import decimal
import inspect
import pathlib
import types
import typing
from decimal import Decimal

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import medjourney as mj
from medjourney import _medjourney

STUBS = pathlib.Path(mj.__file__).parent
# numpy warns when it casts NaN to an integer while a column is checked; the column is refused.
pytestmark = pytest.mark.filterwarnings("ignore:invalid value encountered in cast:RuntimeWarning")


def _stub_namespace() -> dict[str, typing.Any]:
    """The stub files executed as Python, so their annotations can be evaluated."""
    ns: dict[str, typing.Any] = {"__name__": "medjourney._stub"}
    text = (STUBS / "_medjourney.pyi").read_text().replace("from . import samples as samples", "")
    exec(compile("from __future__ import annotations\n" + text, "_medjourney.pyi", "exec"), ns)
    samples_ns: dict[str, typing.Any] = {"__name__": "medjourney._stub_samples"}
    text = (STUBS / "samples.pyi").read_text().replace("from ._medjourney import", "from medjourney._medjourney import")
    exec(compile("from __future__ import annotations\n" + text, "samples.pyi", "exec"), samples_ns)
    ns["samples"] = types.SimpleNamespace(**{k: v for k, v in samples_ns.items() if inspect.isfunction(v)})
    ns["_samples_globals"] = samples_ns
    return ns


NS = _stub_namespace()


class Entry(typing.NamedTuple):
    """One callable: its name, how to call it, and its stub parameters with annotations."""

    label: str
    call: typing.Callable[..., typing.Any]
    params: list[tuple[str, typing.Any, inspect._ParameterKind, bool]]  # name, annotation, kind, has default


def _params(stub_func, globalns) -> list[tuple[str, typing.Any, inspect._ParameterKind, bool]]:
    hints = typing.get_type_hints(stub_func, globalns=globalns)
    out = []
    for p in list(inspect.signature(stub_func).parameters.values()):
        if p.name in ("self", "cls"):
            continue
        out.append((p.name, hints.get(p.name, typing.Any), p.kind, p.default is not inspect.Parameter.empty))
    return out


def _is_stub_func(v) -> bool:
    return inspect.isfunction(v) or isinstance(v, (staticmethod, classmethod))


def _discover_instances() -> dict[type, typing.Callable[[], typing.Any]]:
    """A maker of one instance of every class reachable from the samples, by walking their
    getters and zero-argument methods (so new classes are found without being listed)."""
    found: dict[type, typing.Callable[[], typing.Any]] = {}
    roots: list[typing.Callable[[], typing.Any]] = [
        *(getattr(mj.samples, name) for name in dir(mj.samples) if not name.startswith("_") and name != "journey_table"),
        lambda: mj.Money("12.34", "EUR"),
        lambda: mj.Currency("EUR"),
        lambda: mj.MapAccumulator(),
        lambda: mj.MapAccumulator("exact"),
        lambda: mj.journey_tables(mj.samples.journeys()),
        lambda: mj.samples.journey_map().to_arrow(),
        lambda: mj.ItineraryRules(),
        lambda: mj.GuideBook(),
        lambda: mj.Glossary(),
        lambda: mj.explain("laparoscopic cholecystectomy"),
        lambda: mj.plan_trip(mj.samples.plan_request()),
        lambda: mj.rank(mj.samples.catalog(), mj.samples.request(), fx=mj.samples.fx()),
    ]
    queue: list[tuple[typing.Any, typing.Callable[[], typing.Any], int]] = []
    for root in roots:
        try:
            queue.append((root(), root, 0))
        except Exception:
            continue
    while queue:
        value, make, depth = queue.pop(0)
        if depth > 5:
            continue
        if isinstance(value, (list, tuple)):
            queue += [(v, (lambda m=make, i=i: m()[i]), depth + 1) for i, v in enumerate(value[:2])]
            continue
        cls = type(value)
        if cls.__module__ != "medjourney" or cls in found:
            continue
        found[cls] = make
        stub = NS.get(cls.__name__)
        for name in dir(cls):
            if name.startswith("_") or name in ("to_pandas",) or name.startswith("from_"):
                continue
            if isinstance(inspect.getattr_static(cls, name, None), (staticmethod, classmethod)):
                continue
            attr = getattr(stub, name, None) if stub else None
            if inspect.isfunction(attr) and any(
                p.default is inspect.Parameter.empty and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
                for p in list(inspect.signature(attr).parameters.values())[1:]
            ):
                continue  # it needs arguments
            try:
                got = getattr(value, name)
                if callable(got):
                    got, next_make = got(), (lambda m=make, n=name: getattr(m(), n)())
                else:
                    next_make = lambda m=make, n=name: getattr(m(), n)  # noqa: E731
            except Exception:
                continue
            queue.append((got, next_make, depth + 1))
    return found


INSTANCES = _discover_instances()


def _entries() -> list[Entry]:
    out = []
    for name, value in NS.items():
        if name.startswith("_"):
            continue
        if inspect.isfunction(value) and value.__module__ == "medjourney._stub":
            out.append(Entry(name, getattr(_medjourney, name), _params(value, NS)))
    for name, value in vars(NS["samples"]).items():
        out.append(Entry(f"samples.{name}", getattr(mj.samples, name), _params(value, NS["_samples_globals"])))
    for name, stub_cls in NS.items():
        if name.startswith("_") or not isinstance(stub_cls, type) or stub_cls.__module__ != "medjourney._stub":
            continue
        runtime = getattr(_medjourney, name, None)
        if runtime is None or issubclass(stub_cls, BaseException) or typing.is_typeddict(stub_cls):
            continue
        methods: dict[str, typing.Any] = {}
        for klass in reversed(stub_cls.__mro__[:-1]):
            methods.update({k: v for k, v in vars(klass).items() if _is_stub_func(v)})
        for mname, m in methods.items():
            if mname in ("__eq__", "__ne__", "__hash__"):
                continue  # `other: object`: any value, a bool back
            func = m.__func__ if isinstance(m, (staticmethod, classmethod)) else m
            params = _params(func, NS)
            if mname == "__new__":
                out.append(Entry(f"{name}()", runtime, params))
            elif isinstance(m, (staticmethod, classmethod)):
                out.append(Entry(f"{name}.{mname}", getattr(runtime, mname), params))
            elif params:
                make = INSTANCES.get(runtime)
                assert make, f"no instance of {name} to call {name}.{mname}: reach it from the samples"
                out.append(Entry(f"{name}.{mname}", (lambda *a, make=make, mname=mname, **k: getattr(make(), mname)(*a, **k)), params))
    return out


ENTRIES = [e for e in _entries() if e.params]

# ---- what a stub annotation admits, by type --------------------------------------------


def admits(ann: typing.Any, value: typing.Any) -> bool:
    """Whether ``value``'s Python type is one the annotation admits (values of Literals and
    the fields of TypedDicts are not types: they are the core's to judge)."""
    if ann in (typing.Any, object) or isinstance(ann, typing.TypeVar) or ann is npt.ArrayLike:
        return True
    if ann is None or ann is type(None):
        return value is None
    origin, args = typing.get_origin(ann), typing.get_args(ann)
    if origin in (typing.Union, types.UnionType):
        return any(admits(a, value) for a in args)
    if origin is typing.Literal:
        return any(isinstance(value, type(a)) for a in args)
    if origin in (list, collections.abc.Sequence):
        return isinstance(value, list) and all(admits(args[0], v) for v in value)
    if origin is tuple:
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(admits(args[0], v) for v in value)
        return len(args) == len(value) and all(admits(a, v) for a, v in zip(args, value))
    if origin is dict:
        return isinstance(value, dict) and all(admits(args[0], k) and admits(args[1], v) for k, v in value.items())
    if typing.is_typeddict(ann):
        return isinstance(value, dict)
    if ann is float:
        return isinstance(value, (int, float))
    if isinstance(ann, type):
        if ann.__module__ == "medjourney._stub":
            return isinstance(value, getattr(_medjourney, ann.__name__))
        return isinstance(value, ann)
    return True


# ---- hostile values ---------------------------------------------------------------------


def _deep(levels: int, dicts: bool = False):
    value: typing.Any = []
    for _ in range(levels):
        value = {"x": value} if dicts else [value]
    return value


_cyclic: list = []
_cyclic.append(_cyclic)
NESTED = [_deep(100_000), _deep(1_000, dicts=True), _cyclic]
HOSTILE = [*NESTED, 
    None, True, 0, -1, 2**64, -(2**64), 10**400, 1.5, float("nan"), float("inf"), -0.0,
    Decimal("1E-7"), Decimal("1E+2"), Decimal("1E+999999999"), Decimal("-1E-999999999"), Decimal("NaN"), Decimal("sNaN"),
    "", "EUR", "not what is expected", "\ud800", "1.00 EUR\udfff", b"bytes", bytearray(b"x"),
    dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.datetime(2026, 1, 1), dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-14))),
    dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))), dt.time(12), dt.timedelta(days=1),
    [], {}, (), [1, "x"], {"a": object()}, {1: 2}, {"\ud800": 1}, set(), frozenset([1]), object(), type, print,
    np.array([1, "a"], dtype=object), np.array(["1", "2"]), np.array([]), np.ones((2, 2)), np.array([np.nan]),
    np.array([2**63], dtype=np.uint64), np.int64(3), np.float64(1.5),
]


def _sample_objects():
    return [mj.Money("1.00", "EUR"), mj.Currency("JPY"), mj.samples.fx(), mj.samples.catalog(), mj.MapAccumulator(), mj.samples.pt0042()]


# Deep and cyclic values stay out of hypothesis, which shows drawn values with repr.
_leaves = st.one_of(
    st.sampled_from(HOSTILE[len(NESTED):]),
    st.none(), st.booleans(), st.integers(), st.floats(), st.decimals(),
    st.text(st.characters(codec="utf-8") | st.sampled_from(["\ud800", "\udc00"]), max_size=8),
    st.binary(max_size=8), st.dates(), st.datetimes(), st.datetimes(timezones=st.just(dt.timezone.utc)),
    st.integers(0, 5).map(lambda i: _sample_objects()[i]),
)
VALUES = st.recursive(
    _leaves,
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=6), kids, max_size=3) | st.tuples(kids, kids),
    max_leaves=8,
)

# ---- valid arguments, so each position is also tried with the others right --------------

EUR = lambda: mj.Money("10.00", "EUR")  # noqa: E731
EXAMPLES: dict[str, typing.Callable[[], dict[str, typing.Any]]] = {
    "Money()": lambda: {"amount": "1.00", "currency": "EUR"},
    "Money.parse": lambda: {"text": "1.00 EUR"},
    "Money.from_minor": lambda: {"units": 1234, "currency": "EUR"},
    "Money.round": lambda: {"mode": "half_up"},
    "Money.allocate": lambda: {"ratios": [1, 2]},
    "Money.split": lambda: {"n": 3},
    "Money.__mul__": lambda: {"factor": "1.5"},
    "Currency()": lambda: {"code": "EUR"},
    "FxTable.from_csv": lambda: {"text": "from,to,rate,as_of,source\nEUR,USD,1.1,2026-01-01T00:00:00Z,x\n", "base": "EUR"},
    "FxTable.convert": lambda: {"money": EUR(), "currency": "GBP"},
    "FxTable.convert_sum": lambda: {"minor": np.array([100]), "currency_index": np.array([0]), "currencies": ["EUR"], "to": "GBP"},
    "PaymentPlan()": lambda: {"total": EUR(), "installments": 3, "interval": {"months": 1}, "start": dt.date(2027, 1, 1)},
    "Touchpoint()": lambda: {"id": "t", "stage": "awareness", "at": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
                             "channel": "email", "initiator": "patient", "kind": "inquiry"},
    "Journey()": lambda: {"id": "j", "patient": "p", "procedure": "knee", "stage": "awareness",
                          "at": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)},
    "Journey.advance": lambda: {"at": dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)},
    "Journey.go_back": lambda: {"reason": "quote_expired", "at": dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)},
    "Journey.set_need": lambda: {"stage": "preparation", "need": "interpreter", "met": True},
    "JourneyMap.to_svg": lambda: {"title": "Title"},
    "compare_quotes": lambda: {"quotes": mj.samples.quotes(), "fx": mj.samples.fx(), "currency": "GBP"},
    "estimate_trip": lambda: {"quote": mj.samples.quotes()[0], "travel": mj.samples.travel(), "fx": mj.samples.fx(), "currency": "GBP"},
    "adjudicate": lambda: {"estimate": mj.samples.estimate(), "policy": mj.samples.policy()},
    "budget_fit": lambda: {"total": EUR(), "budget": mj.samples.budget(), "fx": mj.samples.fx()},
    "journey_map": lambda: {"journeys": mj.samples.journeys()},
    "journey_tables": lambda: {"journeys": mj.samples.journeys()},
    "journey_map_tables": lambda: dict(zip(("journeys", "visits", "touchpoints", "needs"), mj.journey_tables(mj.samples.journeys()))),
    "MapAccumulator.add_tables": lambda: dict(zip(("journeys", "visits", "touchpoints", "needs"), mj.journey_tables(mj.samples.journeys()))),
    "rank": lambda: {"catalog": mj.samples.catalog(), "request": mj.samples.request(), "fx": mj.samples.fx()},
    "topsis": lambda: {"matrix": np.ones((2, 2)), "weights": [0.5, 0.5], "types": [1, -1]},
    "weighted_sum": lambda: {"matrix": np.ones((2, 2)), "weights": [0.5, 0.5], "types": [1, -1]},
    "weighted_rating": lambda: {"mean": 4.5, "votes": 10, "prior_votes": 5, "prior_mean": 3},
    "wilson_lower_bound": lambda: {"successes": 8, "n": 10},
    "dirichlet_star_score": lambda: {"counts": [5, 4, 3, 2, 1]},
    "local_instant": lambda: {"local": dt.datetime(2027, 2, 17, 8), "zone": "Europe/Istanbul"},
    "samples.journey_table": lambda: {"journeys": 10, "touchpoints": 20},
}


def _call(entry: Entry, args: dict[str, typing.Any]):
    positional, keywords = [], {}
    for name, _, kind, _ in entry.params:
        if name not in args:
            continue
        if kind == inspect.Parameter.POSITIONAL_ONLY:
            positional.append(args[name])
        elif kind == inspect.Parameter.VAR_KEYWORD:
            keywords.update(args[name])
        else:
            keywords[name] = args[name]
    return entry.call(*positional, **keywords)


FX = mj.samples.fx()
CONVERTED = FX.convert(mj.Money("8400.00", "EUR"), "GBP")


def _still_exact(after: str) -> None:
    assert mj.Money("0.10", "EUR") + mj.Money("0.20", "EUR") == mj.Money("0.30", "EUR"), after
    assert FX.convert(mj.Money("8400.00", "EUR"), "GBP") == CONVERTED, after


def _check(entry: Entry, args: dict[str, typing.Any]) -> None:
    """Calls, and holds the outcome to the rule."""
    annotations = {name: ann for name, ann, _, _ in entry.params}
    try:
        _call(entry, args)
    except mj.MedJourneyError as e:
        assert e.code in mj.ERROR_CODES, (entry.label, e.code)
        assert type(e) is mj.ERROR_CLASSES[e.code], (entry.label, e.code)
    except TypeError as e:
        offending = [n for n, v in args.items() if n in annotations and not _admitted(annotations[n], v, entry, n)]
        assert offending, f"{entry.label}: TypeError for arguments its stub admits: {e}"
        return
    except IndexError:
        assert entry.label == "Findings.__getitem__", entry.label
    else:
        return
    _still_exact(entry.label)


def _admitted(ann, value, entry: Entry, name: str) -> bool:
    kind = next(k for n, _, k, _ in entry.params if n == name)
    if kind == inspect.Parameter.VAR_KEYWORD:
        return isinstance(value, dict) and all(isinstance(k, str) and admits(ann, v) for k, v in value.items())
    return admits(ann, value)


def _arguments(entry: Entry, position: int, value, valid: bool) -> dict[str, typing.Any]:
    """``value`` at ``position``; the other required arguments from the entry's example
    (``valid``) or ``value`` too, so no call fails for a missing argument."""
    base = EXAMPLES[entry.label]() if valid and entry.label in EXAMPLES else {}
    for i, (name, _, kind, has_default) in enumerate(entry.params):
        if i == position:
            base[name] = {"min_samples": value} if kind == inspect.Parameter.VAR_KEYWORD else value
        elif name not in base and not has_default and kind not in (inspect.Parameter.VAR_KEYWORD, inspect.Parameter.VAR_POSITIONAL):
            base[name] = value
    return base


def test_the_walk_finds_every_entry_point_and_an_instance_for_every_method():
    labels = {e.label for e in ENTRIES}
    for expected in ["Money()", "Money.split", "FxTable.convert", "Journey.advance", "MapAccumulator.merge",
                     "MapAccumulator()", "MapAccumulator.from_bytes",
                     "Findings.__getitem__", "rank", "local_instant", "samples.journey_table", "Quote.from_dict",
                     "journey_map_tables", "journey_tables", "MapAccumulator.add_tables", "ArrowTable.__arrow_c_stream__"]:
        assert expected in labels, expected
    assert len(ENTRIES) > 100


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.label)
def test_every_entry_point_holds_to_the_rule_for_every_hostile_value(entry):
    for position in range(len(entry.params)):
        for value in HOSTILE + _sample_objects():
            for valid in (True, False):
                _check(entry, _arguments(entry, position, value, valid))


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.label)
@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_hypothesis_any_value_of_any_type_at_any_position(entry, data):
    position = data.draw(st.integers(0, len(entry.params) - 1), label="position")
    value = data.draw(VALUES, label="value")
    valid = data.draw(st.booleans(), label="others valid")
    _check(entry, _arguments(entry, position, value, valid))


# ---- one named regression per class of hostile input (issue 14) -------------------------


def _code(call) -> str:
    try:
        call()
    except mj.MedJourneyError as e:
        assert type(e) is mj.ERROR_CLASSES[e.code]
        return e.code
    return "ok"


def test_a_decimal_in_scientific_form_is_read_exactly():
    tiny = mj.Money("0.0000001", "EUR").amount
    assert str(tiny) == "1E-7"
    assert mj.Money(tiny, "EUR") == mj.Money("0.0000001", "EUR")
    assert mj.Money(Decimal("1E+2"), "EUR") == mj.Money("100", "EUR")
    assert mj.Money("10", "EUR") * Decimal("1E+2") == mj.Money("1000", "EUR")
    assert mj.Money.from_dict({"amount": Decimal("-2.5E-3"), "currency": "EUR"}).amount == Decimal("-0.0025")
    assert _code(lambda: mj.Money(Decimal("1E+999999999"), "EUR")) == "invalid_amount"
    assert _code(lambda: mj.Money(Decimal("1E-999999999"), "EUR")) == "invalid_amount"


def test_integers_out_of_range_are_parse_errors_not_overflow_errors():
    m = mj.Money("10.00", "EUR")
    assert _code(lambda: m.split(-1)) == "parse_error"
    assert _code(lambda: m.split(2**64)) == "parse_error"
    assert _code(lambda: mj.Money.from_minor(2**200, "EUR")) == "parse_error"
    assert _code(lambda: mj.PaymentPlan(m, -1, {"months": 1}, dt.date(2027, 1, 1))) == "parse_error"
    assert _code(lambda: mj.PaymentPlan(m, 2**40, {"months": 1}, dt.date(2027, 1, 1))) == "parse_error"
    now = dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc)
    assert _code(lambda: FX.convert(m, "GBP", now=now, max_age_hours=2**70)) == "parse_error"
    assert _code(lambda: mj.journey_map(mj.samples.journeys(), min_samples=-1)) == "parse_error"
    assert _code(lambda: mj.wilson_lower_bound(-1, 3)) == "parse_error"
    assert _code(lambda: mj.weighted_rating(10**400, 1, 1, 1)) == "parse_error"
    assert _code(lambda: mj.samples.journey_table(-1, 3)) == "parse_error"
    assert _code(lambda: mj.dirichlet_star_score([1, 2, 3, 4, -5])) == "parse_error"
    assert _code(lambda: mj.dirichlet_star_score([1, 2, 3])) == "invalid_input"
    with pytest.raises(IndexError):
        mj.samples.itinerary().check()[2**70]
    assert [p.amount for p in m.split(3)] == [Decimal("3.34"), Decimal("3.33"), Decimal("3.33")]


def test_lone_surrogates_are_parse_errors_not_unicode_encode_errors():
    assert _code(lambda: mj.Money.parse("1 \ud800")) == "parse_error"
    assert _code(lambda: mj.Money.from_json("\ud800")) == "parse_error"
    assert _code(lambda: mj.Money("1", "\ud800")) == "parse_error"
    assert _code(lambda: mj.samples.journey_map().to_svg("\ud800")) == "parse_error"
    assert _code(lambda: mj.journey_map([], **{"\ud800": 1})) == "parse_error"
    assert _code(lambda: mj.journey_map_columns(**{"\ud800": [1]})) == "parse_error"
    assert _code(lambda: mj.Quote.from_json('"\ud800"')) == "parse_error"


def test_naive_and_aware_datetimes_where_the_other_is_expected_are_parse_errors():
    naive, aware = dt.datetime(2026, 1, 1), dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    assert _code(lambda: mj.Journey("j", "p", "x", "awareness", naive)) == "parse_error"
    journey = mj.Journey("j", "p", "x", "awareness", aware)
    assert _code(lambda: journey.advance(naive)) == "parse_error"
    assert _code(lambda: FX.convert(mj.Money("1", "EUR"), "GBP", now=naive, max_age_hours=1)) == "parse_error"
    assert _code(lambda: mj.local_instant(aware, "Europe/Paris")) == "parse_error"
    assert journey.advance(aware + dt.timedelta(days=1)) == "research"


def test_deep_nesting_and_cycles_are_parse_errors_not_recursion_errors_or_crashes():
    for deep in (_deep(100_000), _deep(100_000, dicts=True), _cyclic):
        assert _code(lambda: mj.Money.from_dict(deep)) == "parse_error"
        assert _code(lambda: mj.Money("1", "EUR").allocate(deep)) == "parse_error"
        assert _code(lambda: mj.Journey.from_dict({"id": deep})) == "parse_error"
        assert _code(lambda: mj.journey_map([], min_samples=deep)) == "parse_error"
        assert _code(lambda: mj.Itinerary.from_dict({"items": [{"type": "leisure", "x": deep}]})) == "parse_error"
    _still_exact("deep nesting")


def test_object_and_string_numpy_arrays_are_coded_errors():
    index = np.array([0, 0], dtype=np.uint8)
    assert _code(lambda: FX.convert_sum(np.array([1, "a"], dtype=object), index, ["EUR"], "EUR")) == "invalid_input"
    assert _code(lambda: FX.convert_sum(np.array(["1", "2"]), index, ["EUR"], "EUR")) == "invalid_input"
    assert _code(lambda: mj.topsis(np.ones((2, 2)), np.array([object(), 1], dtype=object), [1, -1])) == "invalid_input"
    assert _code(lambda: mj.topsis(np.ones((2, 2)), [0.5, 0.5], np.array(["1", "-1"]))) == "invalid_input"
    assert _code(lambda: mj.topsis(np.array([[object()]]), [1.0], [1])) == "invalid_matrix"


def test_an_accumulator_merged_with_itself_is_a_validation_error_and_stays_usable():
    acc = mj.MapAccumulator("exact")
    acc.add_journeys(mj.samples.journeys())
    with pytest.raises(mj.ValidationError) as e:
        acc.merge(acc)
    assert e.value.code == "invalid_input"
    assert acc.finish() == mj.journey_map(mj.samples.journeys())
    journey = mj.samples.pt0042()
    assert _code(lambda: journey.record(journey)) in ("parse_error", "invalid_input")


def test_a_date_python_cannot_hold_is_an_overflow_error_in_getters_and_a_plain_repr():
    # Year 10000: the core's date range (issue 14, core half) may refuse it earlier; if it
    # is there, the getters raise the core's overflow code, and repr shows the JSON form.
    plan = mj.PaymentPlan(mj.Money("10.00", "EUR"), 3, {"months": 1}, dt.date(9999, 11, 1))
    try:
        schedule = plan.schedule()
    except mj.MedJourneyError:
        return
    assert _code(lambda: schedule.payments[-1].due) == "overflow"
    assert _code(lambda: schedule.to_dicts()) == "overflow"
    assert '"+10000-' in repr(schedule.payments[-1])


def test_a_local_time_whose_utc_instant_python_cannot_hold_is_a_coded_error_not_a_value_error():
    # Year 1 east of Greenwich and year 9999 west of it fall outside Python's years in UTC.
    assert _code(lambda: mj.local_instant(dt.datetime(1, 1, 1), "Europe/Istanbul")) != "ok"
    assert _code(lambda: mj.local_instant(dt.datetime(9999, 12, 31, 23, 59), "America/New_York")) != "ok"
    assert mj.local_instant(dt.datetime(2027, 2, 17, 8), "Europe/Istanbul") == dt.datetime(2027, 2, 17, 5, tzinfo=dt.timezone.utc)
    _still_exact("a local time at the edge of the date range")
