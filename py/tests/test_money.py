from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

import medjourney as mj


def test_amounts_are_decimals_and_codes_are_strings():
    m = mj.Money("1234.5", "EUR")
    assert m.amount == Decimal("1234.5")
    assert isinstance(m.amount, Decimal)
    assert m.currency == "EUR"
    assert str(m) == "1234.50 EUR"
    assert repr(m) == "Money('1234.5', 'EUR')"


def test_money_accepts_decimal_str_and_int_but_not_float():
    assert mj.Money(Decimal("1.10"), "EUR") == mj.Money("1.1", "EUR")
    assert mj.Money(7, "JPY").amount == 7
    with pytest.raises(mj.ValidationError) as e:
        mj.Money(0.1, "EUR")  # type: ignore[arg-type]
    assert e.value.code == "invalid_amount"


def test_adding_different_currencies_raises_currency_mismatch():
    with pytest.raises(mj.MedJourneyError) as e:
        mj.Money("1", "EUR") + mj.Money("1", "USD")
    assert e.value.code == "currency_mismatch"
    assert isinstance(e.value, mj.CurrencyMismatchError)
    assert isinstance(e.value, ValueError)


def test_unknown_currency_has_its_code():
    with pytest.raises(mj.UnknownCurrencyError) as e:
        mj.Currency("ABC")
    assert e.value.code == "unknown_currency"


def test_overflow_is_an_error_not_a_wrap():
    big = mj.Money("79228162514264337593543950335", "EUR")
    with pytest.raises(mj.ArithmeticOverflowError) as e:
        big + mj.Money("1", "EUR")
    assert e.value.code == "overflow"


def test_decimal_nan_is_refused_with_a_code():
    with pytest.raises(mj.MedJourneyError) as e:
        mj.Money(Decimal("NaN"), "EUR")
    assert e.value.code == "invalid_amount"


def test_ordering_across_currencies_raises():
    with pytest.raises(mj.CurrencyMismatchError):
        mj.Money("1", "EUR") < mj.Money("2", "USD")
    assert mj.Money("1", "EUR") < mj.Money("2", "EUR")
    assert mj.Money("1", "EUR") != mj.Money("1", "USD")


def test_minor_units_follow_iso_4217():
    assert mj.Currency("JPY").minor_units == 0
    assert mj.Currency("KWD").minor_units == 3
    assert mj.Currency("CLF").minor_units == 4
    assert mj.Currency("XAU").minor_units is None


def test_minor_units_match_the_iso4217_package():
    iso4217 = pytest.importorskip("iso4217")
    compared = 0
    for cur in mj.Currency.all():
        try:
            other = iso4217.Currency(cur.code)
        except Exception:
            continue
        theirs = other.exponent
        assert cur.minor_units == theirs, cur.code
        compared += 1
    assert compared > 150


def test_to_dict_round_trips():
    m = mj.Money("12.5", "EUR")
    assert m.to_dict() == {"amount": "12.50", "currency": "EUR"}
    assert mj.Money.from_dict(m.to_dict()) == m
    assert mj.Money.from_json(m.to_json()) == m


def test_fx_convert_and_stale_rate():
    fx = mj.samples.fx()
    assert fx.convert(mj.Money("100", "EUR"), "USD") == mj.Money("108.42", "USD")
    import datetime as dt

    now = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
    with pytest.raises(mj.RateError) as e:
        fx.convert(mj.Money("100", "EUR"), "USD", now=now, max_age_hours=24)
    assert e.value.code == "stale_rate"


amounts = st.integers(min_value=-(10**12), max_value=10**12)
ratios = st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=12).filter(any)


@given(amounts, ratios)
def test_allocation_sums_exactly_and_stays_within_one_cent(units, rs):
    m = mj.Money.from_minor(units, "EUR")
    parts = m.allocate(rs)
    assert sum((p.to_minor() for p in parts), 0) == units
    total = sum(rs)
    for p, r in zip(parts, rs):
        exact = Decimal(units) * r / total
        assert abs(Decimal(p.to_minor()) - exact) < 1


def test_convert_sum_over_numpy_columns_equals_the_sum_of_single_conversions():
    import numpy as np

    fx = mj.samples.fx()
    currencies = ["EUR", "USD", "GBP"]
    minor = np.array([12345, 1, -999, 500000, 7, 42], dtype=np.int64)
    index = np.array([0, 1, 2, 1, 0, 2], dtype=np.uint8)
    got = fx.convert_sum(minor, index, currencies, "GBP")
    want = sum(
        (
            fx.convert(mj.Money.from_minor(int(m), currencies[i]), "GBP").amount
            for m, i in zip(minor, index)
        ),
        Decimal(0),
    )
    assert got == mj.Money(want, "GBP")
    # Plain lists convert too; an empty batch sums to zero in the target currency.
    assert fx.convert_sum(minor.tolist(), index.tolist(), currencies, "GBP") == got
    assert fx.convert_sum(np.array([], np.int64), np.array([], np.uint8), [], "USD") == mj.Money(
        "0", "USD"
    )


def test_convert_sum_refuses_mismatched_or_unusable_columns_with_a_code():
    import numpy as np

    fx = mj.samples.fx()
    minor = np.array([100, 200], dtype=np.int64)
    with pytest.raises(mj.ValidationError) as e:
        fx.convert_sum(minor, np.array([0], np.uint8), ["EUR"], "GBP")
    assert e.value.code == "invalid_input"
    with pytest.raises(mj.ValidationError) as e:
        fx.convert_sum(minor, np.array([0, 1], np.uint8), ["EUR"], "GBP")
    assert e.value.code == "invalid_input"
    with pytest.raises(mj.ValidationError) as e:
        fx.convert_sum(minor, np.array([0, 300]), ["EUR"], "GBP")
    assert e.value.code == "invalid_input"
    with pytest.raises(mj.CurrencyError) as e:
        fx.convert_sum(minor, np.array([0, 0], np.uint8), ["XYZ"], "GBP")
    assert e.value.code == "unknown_currency"
    with pytest.raises(mj.ValidationError) as e:
        fx.convert_sum(minor, np.array([0, 0], np.uint8), ["EUR"], "GBP", rounding="sideways")
    assert e.value.code == "invalid_input"
