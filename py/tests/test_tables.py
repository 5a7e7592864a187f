"""Dataframes in and out through the Arrow C interfaces (issue 18): the four journey tables
from pyarrow, polars, pandas and numpy give one map; every bad table gets its code."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medjourney as mj

NO_TIME = np.iinfo(np.int64).min
NAMES = mj.enum_values()


def _code(call) -> str:
    with pytest.raises(mj.MedJourneyError) as e:
        call()
    return e.value.code


def arrow_tables(cols: dict, *, names: bool = True, unit: str | None = "s", ids: str = "int") -> tuple:
    """The four tables as pyarrow tables from integer-coded numpy columns."""
    n = len(cols["status"])
    as_id = (lambda a: np.asarray(a, dtype=np.int64) * 7 + 1000) if ids == "int" else (lambda a: np.char.add("j-", np.asarray(a).astype(str)))
    named = (lambda enum, codes: pa.array(np.asarray(NAMES[enum], dtype=object)[codes])) if names else (lambda enum, codes: pa.array(codes))

    def instant(v, nullable=False):
        mask = (v == NO_TIME) if nullable else None
        if unit is None:
            return pa.array(v, mask=mask)
        scale = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}[unit]
        return pa.array(np.where(v == NO_TIME, 0, v) * scale, type=pa.timestamp(unit, tz="UTC"), mask=mask)

    journeys = pa.table({"journey_id": as_id(np.arange(n)), "status": named("Status", cols["status"])})
    visits = pa.table({
        "journey_id": as_id(cols["visit_journey"]), "stage": named("Stage", cols["visit_stage"]),
        "entered": instant(cols["visit_entered"]), "left": instant(cols["visit_left"], nullable=True),
    })
    s = cols["touch_sentiment"]
    touchpoints = pa.table({
        "journey_id": as_id(cols["touch_journey"]), "stage": named("Stage", cols["touch_stage"]),
        "at": instant(cols["touch_at"]), "channel": named("Channel", cols["touch_channel"]),
        "kind": named("TouchpointKind", cols["touch_kind"]), "sentiment": pa.array(s, mask=np.isnan(s)),
    })
    needs = pa.table({
        "journey_id": as_id(cols["need_journey"]), "stage": named("Stage", cols["need_stage"]),
        "need": named("Need", cols["need_code"]), "met": pa.array(cols["need_met"].astype(bool)),
    })
    return journeys, visits, touchpoints, needs


@pytest.fixture(scope="module")
def cols():
    return mj.samples.journey_table(2_000, 20_000, 7)


@pytest.fixture(scope="module")
def expected(cols):
    return mj.journey_map_columns(**cols).to_dict()


def test_the_same_map_from_numpy_pyarrow_polars_and_pandas(cols, expected):
    tables = arrow_tables(cols)
    assert mj.journey_map_tables(*tables).to_dict() == expected
    assert mj.journey_map_tables(*(pl.from_arrow(t) for t in tables)).to_dict() == expected
    frames = [t.to_pandas(types_mapper=pd.ArrowDtype) for t in tables]
    assert mj.journey_map_tables(*frames).to_dict() == expected
    assert mj.journey_map_tables(*(t.to_pandas() for t in tables[:3]), tables[3].to_pandas()).to_dict() == expected


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns", None])
@pytest.mark.parametrize("names", [True, False])
@pytest.mark.parametrize("ids", ["int", "str"])
def test_ids_codes_names_and_every_timestamp_unit_give_one_map(cols, expected, unit, names, ids):
    assert mj.journey_map_tables(*arrow_tables(cols, names=names, unit=unit, ids=ids)).to_dict() == expected


def test_dictionary_large_and_view_strings_and_categoricals_read_alike(cols, expected):
    j, v, t, n = arrow_tables(cols, ids="str")
    enc = lambda tab: pa.table({c: (tab[c].dictionary_encode() if pa.types.is_string(tab[c].type) else tab[c]) for c in tab.column_names})  # noqa: E731
    assert mj.journey_map_tables(enc(j), enc(v), enc(t), enc(n)).to_dict() == expected
    large = lambda tab: tab.cast(pa.schema([f.with_type(pa.large_string()) if pa.types.is_string(f.type) else f for f in tab.schema]))  # noqa: E731
    assert mj.journey_map_tables(large(j), large(v), large(t), large(n)).to_dict() == expected
    view = lambda tab: tab.cast(pa.schema([f.with_type(pa.string_view()) if pa.types.is_string(f.type) else f for f in tab.schema]))  # noqa: E731
    assert mj.journey_map_tables(view(j), view(v), view(t), view(n)).to_dict() == expected
    cat = lambda tab: pl.from_arrow(tab).with_columns(pl.col(pl.String).cast(pl.Categorical))  # noqa: E731
    assert mj.journey_map_tables(cat(j), cat(v), cat(t), cat(n)).to_dict() == expected


def _categoricals(tab: pa.Table, dtype: pl.DataType) -> pl.DataFrame:
    return pl.from_arrow(tab).with_columns(pl.col(pl.String).cast(dtype))


@pytest.mark.parametrize("categories", [None, "medjourney-test", "small"])
def test_polars_categoricals_read_by_their_codes_give_the_strings_map(cols, expected, categories):
    # Unrelated names registered first, so the codes of the journey names do not start at 0
    # (`keep` holds them: polars drops a category list no data uses).
    if categories == "small":
        keep = pl.Series(["unrelated"], dtype=pl.Categorical(pl.Categories("small", physical=pl.UInt16)))
        dtype = pl.Categorical(pl.Categories("small", physical=pl.UInt16))
    else:
        keep = pl.Series([f"unrelated-{i}" for i in range(300)], dtype=pl.Categorical(pl.Categories(categories)))
        dtype = pl.Categorical(pl.Categories(categories))
    j, v, t, n = (_categoricals(tab, dtype) for tab in arrow_tables(cols, ids="str"))
    assert mj.journey_map_tables(j, v, t, n).to_dict() == expected
    # A frame of several chunks reads as one.
    halves = pl.concat([t.head(len(t) // 2), t.tail(len(t) - len(t) // 2)], rechunk=False)
    assert halves.n_chunks() == 2
    assert mj.journey_map_tables(j, v, halves, n).to_dict() == expected
    acc = mj.MapAccumulator("exact")
    acc.add_tables(j, v, t, n)
    assert acc.finish().to_dict() == expected
    del keep


def test_polars_categoricals_keep_the_codes_of_bad_rows(cols):
    j, v, t, n = arrow_tables(cols)
    unknown = t.set_column(t.column_names.index("channel"), "channel",
                           pa.array(["fax"] + t["channel"].to_pylist()[1:]))
    as_str = [pl.from_arrow(x) for x in (j, v, unknown, n)]
    as_cat = [_categoricals(x, pl.Categorical) for x in (j, v, unknown, n)]
    code = _code(lambda: mj.journey_map_tables(*as_str))
    assert code == _code(lambda: mj.journey_map_tables(*as_cat)) == "invalid_input"
    missing = t.set_column(t.column_names.index("stage"), "stage", pa.array([None] + t["stage"].to_pylist()[1:]))
    as_str = [pl.from_arrow(x) for x in (j, v, missing, n)]
    as_cat = [_categoricals(x, pl.Categorical) for x in (j, v, missing, n)]
    code = _code(lambda: mj.journey_map_tables(*as_str))
    assert code == _code(lambda: mj.journey_map_tables(*as_cat)) == "invalid_input"
    message = lambda tables: str(pytest.raises(mj.MedJourneyError, mj.journey_map_tables, *tables).value)  # noqa: E731
    assert message(as_cat) == message(as_str)


def test_duckdb_results_are_tables_too(cols, expected):
    duckdb = pytest.importorskip("duckdb")
    j, v, t, n = arrow_tables(cols)
    con = duckdb.connect()
    for name, tab in zip("jvtn", (j, v, t, n)):
        con.register(name, tab)
    rel = [con.sql(f"select * from {name}") for name in "jvtn"]
    assert mj.journey_map_tables(*rel).to_dict() == expected


def test_journey_tables_round_trip_to_the_map_of_the_journey_objects():
    js = mj.samples.journeys()
    tables = mj.journey_tables(js)
    assert [t.column_names for t in tables] == [
        ["journey_id", "status"], ["journey_id", "stage", "entered", "left"],
        ["journey_id", "stage", "at", "channel", "kind", "sentiment"], ["journey_id", "stage", "need", "met"],
    ]
    assert mj.journey_map_tables(*tables).to_dict() == mj.journey_map(js).to_dict()
    visits = pa.table(tables[1])
    assert visits.schema.field("entered").type == pa.timestamp("s", tz="UTC")
    assert visits.num_rows == sum(len(j.stages) for j in js) == tables[1].num_rows
    assert pl.DataFrame(tables[0])["journey_id"].to_list() == [j.id for j in js]
    assert pl.from_arrow(tables[0]).struct.unnest()["journey_id"].to_list() == [j.id for j in js]


def test_the_needs_table_and_the_sentiment_column_may_be_left_out():
    js = mj.samples.journeys()
    j, v, t, _ = mj.journey_tables(js)
    no_needs = [{**x.to_dict(), "needs": []} for x in js]
    assert mj.journey_map_tables(j, v, t).to_dict() == mj.journey_map(no_needs).to_dict()
    unrated = [{**d, "touchpoints": [{**tp, "sentiment": None} for tp in d["touchpoints"]]} for d in no_needs]
    t2 = pa.table(t).drop_columns(["sentiment"])
    assert mj.journey_map_tables(j, v, t2).to_dict() == mj.journey_map(unrated).to_dict()


def test_table_results_export_arrow_that_polars_and_pyarrow_read():
    m = mj.samples.journey_map()
    table = pa.table(m.to_arrow())
    rows = m.to_dicts()
    assert table.num_rows == len(rows) == 7
    assert table.column("stage").to_pylist() == [r["stage"] for r in rows]
    assert table.column("entered").to_pylist() == [r["entered"] for r in rows]
    assert table.column_names == list(rows[0])
    assert pl.DataFrame(m.to_arrow())["moved_on"].to_list() == [r["moved_on"] for r in rows]
    ranking = mj.rank(mj.samples.catalog(), mj.samples.request(), fx=mj.samples.fx())
    ranked = pa.table(ranking.to_arrow())
    assert ranked.column("provider_id").to_pylist() == [m.provider_id for m in ranking.matches]
    comparison = mj.compare_quotes(mj.samples.quotes(), mj.samples.fx(), "GBP")
    assert pa.table(comparison.to_arrow()).num_rows == len(comparison.to_dicts())


def test_add_tables_in_parts_equals_one_pass(cols, expected):
    j, v, t, n = arrow_tables(cols)
    exact, sketch, whole_sketch = mj.MapAccumulator("exact"), mj.MapAccumulator(), mj.MapAccumulator()
    for lo, hi in [(0, 700), (700, 1500), (1500, 2000)]:
        ids = pa.array(np.arange(lo, hi) * 7 + 1000)
        pick = lambda tab: tab.filter(pc.is_in(tab["journey_id"], ids))  # noqa: E731
        exact.add_tables(pick(j), pick(v), pick(t), pick(n))
        sketch.add_tables(pick(j), pick(v), pick(t), pick(n))
    assert exact.finish().to_dict() == expected
    # The bounded default: parts give the very sketch of one pass.
    whole_sketch.add_tables(j, v, t, n)
    assert sketch == whole_sketch
    assert sketch.finish().quantiles == "sketch"


def test_a_record_batch_reader_streams_in_batches(cols, expected):
    j, v, t, n = arrow_tables(cols)
    reader = lambda tab: pa.RecordBatchReader.from_batches(tab.schema, tab.to_batches(max_chunksize=333))  # noqa: E731
    assert mj.journey_map_tables(reader(j), reader(v), reader(t), reader(n)).to_dict() == expected
    batch = j.combine_chunks().to_batches()[0]
    assert mj.journey_map_tables(batch, v, t, n).to_dict() == expected  # __arrow_c_array__


def test_a_directory_of_parquet_parts_streams_to_the_same_map(cols, expected, tmp_path):
    j, v, t, n = arrow_tables(cols)
    for name, tab in zip(("journeys", "visits", "touchpoints", "needs"), (j, v, t, n)):
        (tmp_path / name).mkdir()
        for part, (lo, hi) in enumerate([(0, 900), (900, 2000)]):
            ids = pa.array(np.arange(lo, hi) * 7 + 1000)
            pq.write_table(tab.filter(pc.is_in(tab["journey_id"], ids)), tmp_path / name / f"part-{part}.parquet")
    assert mj.journey_map_parquet(tmp_path, quantiles="exact").to_dict() == expected
    sketched, one = mj.journey_map_parquet(tmp_path), mj.MapAccumulator()
    one.add_tables(j, v, t, n)
    assert sketched.to_dict() == one.finish().to_dict()


@settings(max_examples=25, deadline=None)
@given(cuts=st.lists(st.integers(0, 60), max_size=4))
def test_any_split_by_journey_gives_the_map_of_the_whole(cuts):
    cols = mj.samples.journey_table(60, 400, 11)
    j, v, t, n = arrow_tables(cols, ids="str")
    whole = mj.journey_map_tables(j, v, t, n).to_dict()
    acc = mj.MapAccumulator("exact")
    bounds = sorted({0, 60, *cuts})
    for lo, hi in zip(bounds, bounds[1:]):
        ids = pa.array([f"j-{i}" for i in range(lo, hi)])
        pick = lambda tab: tab.filter(pc.is_in(tab["journey_id"], ids))  # noqa: E731
        acc.add_tables(pick(j), pick(v), pick(t), pick(n))
    assert acc.finish().to_dict() == whole


# ---- every bad table gets its code -----------------------------------------------------


def _small():
    return [pa.table(t) for t in mj.journey_tables(mj.samples.journeys())]


def _replace(tab, name, values):
    i = tab.column_names.index(name)
    return tab.set_column(i, name, values)


BAD = {
    "not a table": lambda j, v, t, n: (j, [1, 2], t, n),
    "a required column missing": lambda j, v, t, n: (j, v.drop_columns(["entered"]), t, n),
    "status missing": lambda j, v, t, n: (j.drop_columns(["status"]), v, t, n),
    "a stage name unknown": lambda j, v, t, n: (j, _replace(v, "stage", pa.array(["nowhere"] * v.num_rows)), t, n),
    "a stage code too big": lambda j, v, t, n: (j, _replace(v, "stage", pa.array([7] * v.num_rows)), t, n),
    "a negative channel code": lambda j, v, t, n: (j, v, _replace(t, "channel", pa.array([-1] * t.num_rows)), n),
    "a null stage": lambda j, v, t, n: (j, _replace(v, "stage", pa.array([None] * v.num_rows, pa.string())), t, n),
    "a null entered": lambda j, v, t, n: (j, _replace(v, "entered", pa.array([None] * v.num_rows, pa.timestamp("s"))), t, n),
    "a null journey id": lambda j, v, t, n: (_replace(j, "journey_id", pa.array([None] * j.num_rows, pa.string())), v, t, n),
    "a float stage": lambda j, v, t, n: (j, _replace(v, "stage", pa.array([1.5] * v.num_rows)), t, n),
    "a string instant": lambda j, v, t, n: (j, v, _replace(t, "at", pa.array(["2026-01-01"] * t.num_rows)), n),
    "a date instant": lambda j, v, t, n: (j, v, _replace(t, "at", pa.array([dt.date(2026, 1, 1)] * t.num_rows)), n),
    "an instant past 9999": lambda j, v, t, n: (j, v, _replace(t, "at", pa.array([2**62] * t.num_rows)), n),
    "a string sentiment": lambda j, v, t, n: (j, v, _replace(t, "sentiment", pa.array(["good"] * t.num_rows)), n),
    "a sentiment off the scale": lambda j, v, t, n: (j, v, _replace(t, "sentiment", pa.array([9.0] * t.num_rows)), n),
    "met is 2": lambda j, v, t, n: (j, v, t, _replace(n, "met", pa.array([2] * n.num_rows))),
    "met is a string": lambda j, v, t, n: (j, v, t, _replace(n, "met", pa.array(["yes"] * n.num_rows))),
    "a duplicate journey id": lambda j, v, t, n: (pa.concat_tables([j, j]), v, t, n),
    "an unknown journey id": lambda j, v, t, n: (j.slice(0, 1), v, t, n),
    "string ids against integer ids": lambda j, v, t, n: (_replace(j, "journey_id", pa.array(range(j.num_rows))), v, t, n),
    "a list column": lambda j, v, t, n: (j, _replace(v, "stage", pa.array([[1]] * v.num_rows)), t, n),
    "columns of unequal length": lambda j, v, t, n: (j, v, t, n),  # replaced below: a struct array
}


@pytest.mark.parametrize("case", [c for c in BAD if c != "columns of unequal length"])
def test_every_bad_table_is_an_invalid_input_error_naming_the_column(case):
    args = BAD[case](*_small())
    assert _code(lambda: mj.journey_map_tables(*args)) == "invalid_input"
    acc = mj.MapAccumulator()
    assert _code(lambda: acc.add_tables(*args)) == "invalid_input"
    assert acc.finish().journeys == 0  # nothing was added


def test_the_error_names_the_table_column_and_row():
    j, v, t, n = _small()
    bad = _replace(v, "stage", pa.array(["awareness"] * (v.num_rows - 1) + ["nowhere"]))
    with pytest.raises(mj.ValidationError, match=r"visits\.stage\[\d+\].*nowhere"):
        mj.journey_map_tables(j, bad, t, n)
    with pytest.raises(mj.ValidationError, match=r"visits\.entered.*required"):
        mj.journey_map_tables(j, v.drop_columns(["entered"]), t, n)


def test_a_long_name_in_polars_string_views_that_only_starts_like_one_is_named_by_its_row(cols):
    # polars holds strings as views; one over 12 bytes is read from its data buffer, and
    # "treatment_updatf" has the length and first bytes of "treatment_update".
    j, v, t, n = (pl.from_arrow(x) for x in arrow_tables(cols))
    row = t.height - 3
    bad = t.with_columns(pl.when(pl.int_range(pl.len()) == row).then(pl.lit("treatment_updatf"))
                         .otherwise(pl.col("kind")).alias("kind"))
    assert bad.schema["kind"] == pl.String
    with pytest.raises(mj.ValidationError, match=rf"touchpoints\.kind\[{row}\].*treatment_updatf"):
        mj.journey_map_tables(j, v, bad, n)


def test_an_arrow_array_that_is_not_a_table_is_refused():
    j, v, t, n = _small()
    assert _code(lambda: mj.journey_map_tables(pa.array([1, 2]), v, t, n)) == "invalid_input"
    assert _code(lambda: mj.journey_map_tables(j, v, t, 42)) == "invalid_input"


def test_the_map_from_tables_releases_the_gil(cols):
    from test_gil import _assert_the_gil_was_released

    big = mj.samples.journey_table(300_000, 3_000_000, 3)
    tables = arrow_tables(big, names=False)
    _assert_the_gil_was_released(lambda: mj.journey_map_tables(*tables))
