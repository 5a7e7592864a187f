"""Conversions are rounded once, from the exact rate: `FxTable.convert`, the batch
`FxTable.convert_sum` and `compare_quotes` checked against Python's exact fractions, on
amounts built to land on a whole minor unit or a midpoint (or one unit of their last digit
beside it), in every rounding mode."""

import json
import math
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings, strategies as st

import medjourney as mj

MODES = ["half_even", "half_up", "half_down", "up", "down", "ceiling", "floor"]


def plain(units: int, scale: int) -> str:
    """`units · 10^-scale` in plain notation (amounts are read without exponents)."""
    return format(Decimal(units).scaleb(-scale), "f")


def round_fraction(x: Fraction, mode: str) -> int:
    """`x` rounded to an integer with `mode`: which of the two integers around it."""
    floor = math.floor(x)
    fraction = x - floor
    if fraction == 0:
        return floor
    half, negative = Fraction(1, 2), x < 0
    tie, above = fraction == half, fraction > half
    take_ceiling = {
        "half_even": above or (tie and floor % 2 == 1),
        "half_up": above or (tie and not negative),
        "half_down": above or (tie and negative),
        "up": not negative,
        "down": negative,
        "ceiling": True,
        "floor": False,
    }[mode]
    return floor + 1 if take_ceiling else floor


class Table:
    """An EUR-based table: every path's rate is `per_eur[to] / per_eur[from]` (direct,
    inverse and across EUR alike)."""

    def __init__(self, fx: mj.FxTable):
        self.fx = fx
        rates = fx.to_dict()["rates"]
        assert all(r["from"] == "EUR" for r in rates)
        self.per_eur = {"EUR": Fraction(1)} | {r["to"]: Fraction(str(r["rate"])) for r in rates}
        self.codes = sorted(self.per_eur)

    def rate(self, source: str, target: str) -> Fraction:
        return self.per_eur[target] / self.per_eur[source]

    def exact(self, money: mj.Money, target: str, mode: str) -> mj.Money:
        mu = mj.Currency(target).minor_units
        units = round_fraction(Fraction(money.amount) * self.rate(money.currency, target) * 10**mu, mode)
        return mj.Money(plain(units, mu), target)

    def landing(self, source: str, target: str, scale: int, j: int, nudge: int) -> mj.Money | None:
        """An amount at `scale` decimals whose exact conversion is `j/2` times a fixed
        number of target minor units, moved by `nudge` units of its last digit; `None`
        when the amount or its conversion is beyond what these tests need (10^18)."""
        mu = mj.Currency(target).minor_units
        rate = self.rate(source, target)
        step = Fraction(10**scale) / (2 * rate * 10**mu)
        units = j * step.numerator + nudge
        if abs(units) >= 10**18 or abs(Fraction(units, 10**scale) * rate) >= 10**18:
            return None
        return mj.Money(plain(units, scale), source)


SAMPLE = Table(mj.samples.fx())


def random_table(rates: list[tuple[int, int]]) -> Table:
    codes = ["USD", "GBP", "JPY", "KWD", "CHF", "CAD"]
    return Table(
        mj.FxTable.from_json(
            json.dumps(
                {
                    "base": "EUR",
                    "rates": [
                        {"from": "EUR", "to": code, "rate": plain(m, s), "asOf": "2026-11-20T16:00:00Z"}
                        for code, (m, s) in zip(codes, rates)
                    ],
                }
            )
        )
    )


tables = st.one_of(
    st.just(SAMPLE),
    st.lists(st.tuples(st.integers(1, 10**8), st.integers(0, 8)), min_size=6, max_size=6).map(random_table),
)


def test_cross_conversion_rounds_once_from_the_exact_rate():
    # 12.64 × 0.9354 / 1.5168 = 7.795 CHF exactly; 126.40 CAD is exactly 77.95 CHF.
    fx = mj.samples.fx()
    assert fx.convert(mj.Money("12.64", "CAD"), "CHF") == mj.Money("7.80", "CHF")
    assert fx.convert(mj.Money("126.40", "CAD"), "CHF", rounding="down") == mj.Money("77.95", "CHF")
    assert fx.convert_sum([1264, 12640], [0, 0], ["CAD"], "CHF", "down") == mj.Money("85.74", "CHF")


@settings(max_examples=300, deadline=None)
@given(
    table=tables,
    data=st.data(),
    mode=st.sampled_from(MODES),
)
def test_convert_and_convert_sum_equal_the_exact_fraction_rounded_once(table, data, mode):
    codes = table.codes
    target = data.draw(st.sampled_from(codes))
    rows = data.draw(
        st.lists(
            st.tuples(st.sampled_from(codes), st.integers(-10**6, 10**6), st.integers(-1, 1)),
            min_size=1,
            max_size=20,
        )
    )
    items = [table.landing(c, target, mj.Currency(c).minor_units, j, nudge) for c, j, nudge in rows]
    items = [m for m in items if m is not None]
    want = [table.exact(m, target, mode) for m in items]
    for m, w in zip(items, want):
        assert table.fx.convert(m, target, rounding=mode) == w, (m, target, mode)
    minor = [m.to_minor() for m in items]
    index = [codes.index(m.currency) for m in items]
    total = sum((w.amount for w in want), Decimal(0))
    assert table.fx.convert_sum(minor, index, codes, target, mode) == mj.Money(format(total, "f"), target)


@settings(max_examples=150, deadline=None)
@given(table=tables, data=st.data(), mode=st.sampled_from(MODES))
def test_compare_quotes_converts_each_line_once_from_the_exact_rate(table, data, mode):
    codes = table.codes
    target = data.draw(st.sampled_from(codes))
    lines = data.draw(
        st.lists(
            st.tuples(st.sampled_from(codes), st.integers(1, 10**5), st.integers(-1, 1)),
            min_size=1,
            max_size=10,
        )
    )
    quotes: dict[str, list[mj.Money]] = {}
    for c, j, nudge in lines:
        price = table.landing(c, target, mj.Currency(c).minor_units, j, nudge)
        if price is not None and price.amount > 0:
            quotes.setdefault(c, []).append(price)
    if not quotes:
        return
    dicts = [
        {
            "id": f"q-{code}",
            "providerId": f"p-{code}",
            "procedure": "knee_replacement",
            "currency": code,
            "items": [
                {"category": "procedure", "description": "line", "unitPrice": p.to_dict(), "inclusion": "extra"}
                for p in prices
            ],
        }
        for code, prices in quotes.items()
    ]
    comparison = mj.compare_quotes(dicts, table.fx, target, rounding=mode)
    assert len(comparison.columns) == len(quotes)
    for column in comparison.columns:
        prices = quotes[column.quote_id.removeprefix("q-")]
        want = sum((table.exact(p, target, mode).amount for p in prices), Decimal(0))
        assert column.total == mj.Money(format(want, "f"), target), (column.quote_id, mode)
