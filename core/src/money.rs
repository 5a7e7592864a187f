//! Exact money: ISO 4217 currencies, decimal amounts, explicit rounding and allocation,
//! and exchange-rate tables that never fetch anything.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Duration, Utc};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// Marker put in front of serde error messages so [`Error::json`] can restore the
/// specific error code after a JSON (or pythonize / serde-wasm-bindgen) round trip.
pub(crate) const UNKNOWN_CURRENCY_MARK: &str = "[unknown_currency]";
pub(crate) const INVALID_AMOUNT_MARK: &str = "[invalid_amount]";

// ---------------------------------------------------------------------------------------
// Currency
// ---------------------------------------------------------------------------------------

/// An ISO 4217 currency (active codes, including funds and precious metals).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(iso_currency::Currency);

impl Currency {
    /// Looks up a currency by its three-letter code (ASCII case-insensitive).
    pub fn from_code(code: &str) -> Result<Self> {
        Self::from_code_in(code, "currency")
    }

    /// Like [`Currency::from_code`], naming `field` in the error.
    pub fn from_code_in(code: &str, field: &str) -> Result<Self> {
        let trimmed = code.trim();
        let upper = trimmed.to_ascii_uppercase();
        if upper.len() != 3 || !upper.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Error::UnknownCurrency {
                field: field.into(),
                code: code.chars().take(40).collect(),
            });
        }
        iso_currency::Currency::from_code(&upper)
            .map(Currency)
            .ok_or_else(|| Error::UnknownCurrency {
                field: field.into(),
                code: code.chars().take(40).collect(),
            })
    }

    /// The three-letter ISO code, e.g. `"EUR"`.
    pub fn code(&self) -> &'static str {
        self.0.code()
    }

    /// The ISO 4217 minor units (exponent): 2 for EUR, 0 for JPY, 3 for KWD.
    /// `None` for funds and metals (XAU, XDR, XXX…), which ISO gives none.
    pub fn minor_units(&self) -> Option<u32> {
        self.0.exponent().map(u32::from)
    }

    /// The ISO 4217 numeric code, e.g. 978 for EUR.
    pub fn numeric(&self) -> u16 {
        self.0.numeric()
    }

    /// The English name ISO gives the currency.
    pub fn name(&self) -> String {
        self.0.name().to_string()
    }

    /// Every currency the table knows, in code order.
    pub fn all() -> Vec<Currency> {
        let mut all: Vec<Currency> = ALL_CODES
            .iter()
            .filter_map(|c| iso_currency::Currency::from_code(c).map(Currency))
            .collect();
        all.sort();
        all.dedup();
        all
    }

    fn minor_units_for(&self, operation: &str) -> Result<u32> {
        self.minor_units().ok_or_else(|| Error::NoMinorUnits {
            code: self.code().into(),
            operation: operation.into(),
        })
    }
}

/// Codes iterated by [`Currency::all`]; lookups go through `iso_currency`, so a code the
/// crate does not know is simply skipped.
const ALL_CODES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP",
    "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
    "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HRK", "HTG", "HUF", "IDR",
    "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW",
    "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA",
    "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD",
    "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG",
    "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE",
    "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP",
    "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED",
    "VES", "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG",
    "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW", "ZWG",
    "ZWL",
];

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Currency::from_code(s)
    }
}

/// The TypeScript declaration of [`Currency`]'s JSON shape: its ISO 4217 code.
#[cfg(feature = "typescript")]
mod currency_ts {
    /// An ISO 4217 currency code such as "EUR".
    #[allow(dead_code)] // only its TypeScript declaration is used
    #[tsify::declare]
    pub type Currency = String;
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Currency::from_code(&code).map_err(|_| {
            de::Error::custom(format!(
                "{UNKNOWN_CURRENCY_MARK} unknown currency {:?}",
                code.chars().take(40).collect::<String>()
            ))
        })
    }
}

// ---------------------------------------------------------------------------------------
// Rounding
// ---------------------------------------------------------------------------------------

/// How an amount is rounded to a currency's minor units; `half_even` unless said otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// Ties to the even neighbour (banker's rounding).
    #[default]
    HalfEven,
    /// Ties away from zero.
    HalfUp,
    /// Ties toward zero.
    HalfDown,
    /// Always away from zero.
    Up,
    /// Always toward zero (truncate).
    Down,
    /// Toward positive infinity.
    Ceiling,
    /// Toward negative infinity.
    Floor,
}

impl RoundingMode {
    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfDown => RoundingStrategy::MidpointTowardZero,
            RoundingMode::Up => RoundingStrategy::AwayFromZero,
            RoundingMode::Down => RoundingStrategy::ToZero,
            RoundingMode::Ceiling => RoundingStrategy::ToPositiveInfinity,
            RoundingMode::Floor => RoundingStrategy::ToNegativeInfinity,
        }
    }

    /// The snake_case name used in JSON and by the wrappers.
    pub fn as_str(self) -> &'static str {
        match self {
            RoundingMode::HalfEven => "half_even",
            RoundingMode::HalfUp => "half_up",
            RoundingMode::HalfDown => "half_down",
            RoundingMode::Up => "up",
            RoundingMode::Down => "down",
            RoundingMode::Ceiling => "ceiling",
            RoundingMode::Floor => "floor",
        }
    }
}

impl FromStr for RoundingMode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s {
            "half_even" => RoundingMode::HalfEven,
            "half_up" => RoundingMode::HalfUp,
            "half_down" => RoundingMode::HalfDown,
            "up" => RoundingMode::Up,
            "down" => RoundingMode::Down,
            "ceiling" => RoundingMode::Ceiling,
            "floor" => RoundingMode::Floor,
            other => {
                return Err(Error::invalid(
                    "rounding",
                    format!(
                    "{:?} is not one of half_even, half_up, half_down, up, down, ceiling, floor",
                    other.chars().take(40).collect::<String>()
                ),
                ))
            }
        })
    }
}

// ---------------------------------------------------------------------------------------
// Money
// ---------------------------------------------------------------------------------------

/// An exact amount in one currency. Arithmetic is checked; rounding is explicit.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

/// Parses a decimal amount in plain notation ("1234.50", "-3", "0.005"); no exponents,
/// no thousands separators, so that "1,234" cannot silently mean 1.234.
pub fn parse_amount(text: &str, field: &str) -> Result<Decimal> {
    let t = text.trim();
    let bad = |reason: &str| Error::InvalidAmount {
        field: field.into(),
        value: text.chars().take(60).collect(),
        reason: reason.into(),
    };
    if t.is_empty() {
        return Err(bad("empty"));
    }
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    if body.is_empty()
        || !body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || body.bytes().filter(|&b| b == b'.').count() > 1
        || body.starts_with('.')
        || body.ends_with('.')
    {
        return Err(bad("expected a plain decimal such as 1234.50"));
    }
    Decimal::from_str_exact(t).map_err(|_| bad("out of range: at most 28 significant digits"))
}

impl Money {
    /// Money from an exact amount and a currency; no rounding happens here.
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }

    /// Zero in the given currency.
    pub fn zero(currency: Currency) -> Self {
        Money::new(Decimal::ZERO, currency)
    }

    /// Money from an amount text and a currency code, e.g. `("1234.50", "EUR")`.
    pub fn from_parts(amount: &str, currency: &str) -> Result<Self> {
        Ok(Money::new(
            parse_amount(amount, "amount")?,
            Currency::from_code(currency)?,
        ))
    }

    /// Parses `"1234.5 EUR"` (or `"EUR 1234.5"`).
    pub fn parse(text: &str) -> Result<Self> {
        let mut parts = text.split_whitespace();
        let (a, b) = match (parts.next(), parts.next(), parts.next()) {
            (Some(a), Some(b), None) => (a, b),
            _ => {
                return Err(Error::InvalidAmount {
                    field: "money".into(),
                    value: text.chars().take(60).collect(),
                    reason: "expected \"<amount> <currency>\", e.g. \"1234.50 EUR\"".into(),
                })
            }
        };
        let a_is_code = a.len() == 3 && a.bytes().all(|c| c.is_ascii_alphabetic());
        let (amount, code) = if a_is_code { (b, a) } else { (a, b) };
        Ok(Money::new(
            parse_amount(amount, "money")?,
            Currency::from_code_in(code, "money")?,
        ))
    }

    /// Money from a count of minor units: `from_minor(12345, EUR)` is 123.45 EUR.
    pub fn from_minor(units: i128, currency: Currency) -> Result<Self> {
        let mu = currency.minor_units_for("from_minor")?;
        let amount = Decimal::try_from_i128_with_scale(units, mu)
            .map_err(|_| Error::overflow("from_minor"))?;
        Ok(Money::new(amount, currency))
    }

    /// The exact amount.
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// True when the amount is zero.
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// True when the amount is below zero.
    pub fn is_negative(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    fn same_currency(&self, other: &Money, operation: &str) -> Result<()> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Error::CurrencyMismatch {
                operation: operation.into(),
                left: self.currency.code().into(),
                right: other.currency.code().into(),
            })
        }
    }

    /// `self + other`; different currencies are a `currency_mismatch` error.
    pub fn add(&self, other: &Money) -> Result<Money> {
        self.same_currency(other, "add")?;
        let amount = self
            .amount
            .checked_add(other.amount)
            .ok_or_else(|| Error::overflow("add"))?;
        Ok(Money::new(amount, self.currency))
    }

    /// `self - other`; different currencies are a `currency_mismatch` error.
    pub fn sub(&self, other: &Money) -> Result<Money> {
        self.same_currency(other, "sub")?;
        let amount = self
            .amount
            .checked_sub(other.amount)
            .ok_or_else(|| Error::overflow("sub"))?;
        Ok(Money::new(amount, self.currency))
    }

    /// The amount with its sign flipped.
    pub fn neg(&self) -> Money {
        Money::new(-self.amount, self.currency)
    }

    /// The absolute value.
    pub fn abs(&self) -> Money {
        Money::new(self.amount.abs(), self.currency)
    }

    /// `self × factor`, exact (no rounding).
    pub fn mul(&self, factor: Decimal) -> Result<Money> {
        let amount = self
            .amount
            .checked_mul(factor)
            .ok_or_else(|| Error::overflow("mul"))?;
        Ok(Money::new(amount, self.currency))
    }

    /// Compares two amounts of the same currency.
    pub fn compare(&self, other: &Money) -> Result<Ordering> {
        self.same_currency(other, "compare")?;
        Ok(self.amount.cmp(&other.amount))
    }

    /// The larger of two amounts of the same currency.
    pub fn max(&self, other: &Money) -> Result<Money> {
        Ok(if self.compare(other)? == Ordering::Less {
            *other
        } else {
            *self
        })
    }

    /// The smaller of two amounts of the same currency.
    pub fn min(&self, other: &Money) -> Result<Money> {
        Ok(if self.compare(other)? == Ordering::Greater {
            *other
        } else {
            *self
        })
    }

    /// Sums amounts that must all be in `currency` (an empty sum is zero).
    pub fn sum<'a>(
        items: impl IntoIterator<Item = &'a Money>,
        currency: Currency,
    ) -> Result<Money> {
        items
            .into_iter()
            .try_fold(Money::zero(currency), |acc, m| acc.add(m))
    }

    /// Rounds to the currency's ISO minor units with `mode`.
    pub fn round(&self, mode: RoundingMode) -> Result<Money> {
        let mu = self.currency.minor_units_for("round")?;
        Ok(Money::new(self.round_dp(mu, mode), self.currency))
    }

    /// Rounds to `dp` decimal places with `mode` (for display digits other than ISO's).
    pub fn round_dp(&self, dp: u32, mode: RoundingMode) -> Decimal {
        let mut d = self.amount.round_dp_with_strategy(dp, mode.strategy());
        // rust_decimal keeps a smaller scale when it can; money shows its minor units.
        if d.scale() < dp {
            d.rescale(dp);
        }
        d
    }

    /// True when the amount has no digits below the currency's minor unit.
    pub fn is_rounded(&self) -> bool {
        match self.currency.minor_units() {
            Some(mu) => self.amount.round_dp(mu) == self.amount,
            None => true,
        }
    }

    /// The amount as a whole number of minor units; an error if it has finer digits.
    pub fn to_minor(&self) -> Result<i128> {
        let mu = self.currency.minor_units_for("to_minor")?;
        if !self.is_rounded() {
            return Err(Error::InvalidAmount {
                field: "amount".into(),
                value: self.amount.to_string(),
                reason: format!(
                    "has digits below the {} minor unit; round it first",
                    self.currency
                ),
            });
        }
        let scaled = self
            .amount
            .checked_mul(Decimal::from(10u64.pow(mu)))
            .ok_or_else(|| Error::overflow("to_minor"))?;
        scaled
            .trunc()
            .to_i128()
            .ok_or_else(|| Error::overflow("to_minor"))
    }

    /// Splits the amount by `ratios` into parts in whole minor units that sum exactly to
    /// the original.
    ///
    /// Largest remainder (Hamilton): each part is the floor of its exact share; the units
    /// left over go one each to the largest fractional remainders, ties to the larger
    /// ratio, then to the earlier index. Dinero.js instead hands leftovers out in list
    /// order, so `allocate(2 units, [1, 1, 2])` is `[0, 0, 2]` there and `[1, 0, 1]` here.
    /// Negative amounts are split by magnitude and keep their sign.
    pub fn allocate(&self, ratios: &[Decimal]) -> Result<Vec<Money>> {
        let bad = |reason: &str| Error::InvalidRatios {
            value: format!("{ratios:?}").chars().take(120).collect(),
            reason: reason.into(),
        };
        if ratios.is_empty() {
            return Err(bad("no ratios given"));
        }
        if ratios.iter().any(|r| r.is_sign_negative() && !r.is_zero()) {
            return Err(bad("a ratio is negative"));
        }
        if ratios.iter().all(|r| r.is_zero()) {
            return Err(bad("all ratios are zero"));
        }
        let units = self.to_minor()?;
        let negative = units < 0;
        let total_units = units
            .checked_abs()
            .ok_or_else(|| Error::overflow("allocate"))?;

        // Scale ratios to integers so shares and remainders are exact.
        let scale = ratios.iter().map(|r| r.scale()).max().unwrap_or(0);
        let mut ints = Vec::with_capacity(ratios.len());
        for r in ratios {
            let factor = 10i128
                .checked_pow(scale - r.scale())
                .ok_or_else(|| Error::overflow("allocate"))?;
            ints.push(
                r.mantissa()
                    .checked_mul(factor)
                    .ok_or_else(|| Error::overflow("allocate"))?,
            );
        }
        let sum = ints
            .iter()
            .try_fold(0i128, |a, &b| a.checked_add(b))
            .ok_or_else(|| Error::overflow("allocate"))?;

        let mut parts = Vec::with_capacity(ints.len());
        let mut remainders = Vec::with_capacity(ints.len());
        let mut given = 0i128;
        for (i, &r) in ints.iter().enumerate() {
            let product = total_units
                .checked_mul(r)
                .ok_or_else(|| Error::overflow("allocate"))?;
            let share = product / sum;
            parts.push(share);
            remainders.push((product % sum, r, i));
            given += share;
        }
        let mut leftover = total_units - given;
        remainders.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        for &(_, _, i) in &remainders {
            if leftover == 0 {
                break;
            }
            if let Some(p) = parts.get_mut(i) {
                *p += 1;
                leftover -= 1;
            }
        }
        parts
            .into_iter()
            .map(|p| Money::from_minor(if negative { -p } else { p }, self.currency))
            .collect()
    }

    /// Splits the amount into `n` parts as equal as minor units allow (see [`Money::allocate`]).
    pub fn split(&self, n: usize) -> Result<Vec<Money>> {
        if n == 0 {
            return Err(Error::InvalidRatios {
                value: "0".into(),
                reason: "cannot split into zero parts".into(),
            });
        }
        if n > 1_000_000 {
            return Err(Error::InvalidRatios {
                value: n.to_string(),
                reason: "at most 1,000,000 parts".into(),
            });
        }
        self.allocate(&vec![Decimal::ONE; n])
    }

    /// The amount as text with at least the currency's minor units, e.g. `"1234.50"`.
    pub fn amount_string(&self) -> String {
        let mut d = self.amount;
        if let Some(mu) = self.currency.minor_units() {
            if d.scale() < mu {
                d.rescale(mu);
            }
        }
        d.to_string()
    }

    /// The JSON shape `{"amount": "1234.50", "currency": "EUR"}` as text.
    pub fn to_json(&self) -> String {
        serde_json::json!({"amount": self.amount_string(), "currency": self.currency.code()})
            .to_string()
    }

    /// Reads the JSON shape `{"amount": "1234.50", "currency": "EUR"}`.
    pub fn from_json(text: &str) -> Result<Money> {
        serde_json::from_str(text).map_err(|e| Error::json("money", &e))
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({} {})", self.amount, self.currency)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount_string(), self.currency)
    }
}

impl FromStr for Money {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Money::parse(s)
    }
}

/// Serializes a decimal as a JSON string so no reader turns it into a float.
struct AmountText(Decimal);

impl<'de> Deserialize<'de> for AmountText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = AmountText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a decimal amount as a string, e.g. \"1234.50\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<AmountText, E> {
                parse_amount(v, "amount")
                    .map(AmountText)
                    .map_err(|e| E::custom(format!("{INVALID_AMOUNT_MARK} {e}")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<AmountText, E> {
                Ok(AmountText(Decimal::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<AmountText, E> {
                Ok(AmountText(Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<AmountText, E> {
                Err(E::custom(format!(
                    "{INVALID_AMOUNT_MARK} amount {v} is a float; give it as a string such as \"{v}\" so no digits are lost"
                )))
            }
        }
        d.deserialize_any(V)
    }
}

/// Serde helpers for a `Decimal` field written as a JSON string and read from a string
/// or an integer (never a float).
pub mod decimal_text {
    use super::*;

    /// Writes the decimal as a string.
    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&d.to_string())
    }

    /// Reads the decimal from a string or an integer.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Decimal, D::Error> {
        AmountText::deserialize(d).map(|a| a.0)
    }

    /// The same for `Option<Decimal>`.
    pub mod option {
        use super::*;

        /// Writes the decimal as a string, or null.
        pub fn serialize<S: Serializer>(
            d: &Option<Decimal>,
            s: S,
        ) -> std::result::Result<S::Ok, S::Error> {
            match d {
                Some(d) => s.serialize_some(&d.to_string()),
                None => s.serialize_none(),
            }
        }

        /// Reads an optional decimal from a string, an integer or null.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> std::result::Result<Option<Decimal>, D::Error> {
            Option::<AmountText>::deserialize(d).map(|o| o.map(|a| a.0))
        }
    }
}

#[derive(Deserialize)]
struct MoneyRepr {
    #[serde(with = "decimal_text")]
    amount: Decimal,
    currency: Currency,
}

/// Money's JSON shape: the amount is a decimal string.
#[derive(Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "Money"))]
struct MoneyOut {
    amount: String,
    currency: Currency,
}

impl Serialize for Money {
    /// Writes `{"amount": "1234.50", "currency": "EUR"}`: the amount shows at least the
    /// currency's minor units, and every finer digit it has.
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        MoneyOut {
            amount: self.amount_string(),
            currency: self.currency,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let r = MoneyRepr::deserialize(d)?;
        Ok(Money::new(r.amount, r.currency))
    }
}

// ---------------------------------------------------------------------------------------
// Exchange rates
// ---------------------------------------------------------------------------------------

/// One quoted rate: 1 `from` = `rate` `to`, as of an instant, from a named source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    /// The currency being priced.
    pub from: Currency,
    /// The currency it is priced in.
    pub to: Currency,
    /// Units of `to` per unit of `from`.
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub rate: Decimal,
    /// When the rate was observed.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub as_of: DateTime<Utc>,
    /// Who published it (e.g. "ECB reference rate").
    #[serde(default)]
    pub source: String,
}

/// What to do when a rate is older than the caller allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "snake_case")]
pub enum StalePolicy {
    /// Refuse with a `stale_rate` error.
    #[default]
    Error,
    /// Convert, but set [`Conversion::stale`].
    Flag,
}

impl FromStr for StalePolicy {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "error" => Ok(StalePolicy::Error),
            "flag" => Ok(StalePolicy::Flag),
            other => Err(Error::invalid(
                "stale",
                format!(
                    "{:?} is not one of error, flag",
                    other.chars().take(40).collect::<String>()
                ),
            )),
        }
    }
}

/// How a conversion rounds and judges freshness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", default)]
pub struct ConvertOptions {
    /// Rounding applied once, to the target currency's minor units.
    pub rounding: RoundingMode,
    /// The caller's "now"; staleness is only judged when this and `max_age_hours` are set.
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub now: Option<DateTime<Utc>>,
    /// The oldest a rate may be, in hours, at `now`.
    pub max_age_hours: Option<i64>,
    /// Error or flag when a rate is too old.
    pub stale: StalePolicy,
}

/// A converted amount with the rates that produced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Conversion {
    /// The converted, rounded amount.
    pub money: Money,
    /// The effective rate applied (target units per source unit), unrounded.
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub effective_rate: Decimal,
    /// The quoted rates used, in order (one for direct or inverse, two for a cross).
    pub rates_used: Vec<Rate>,
    /// True when a rate was older than allowed and the policy was to flag it.
    pub stale: bool,
}

/// A table of exchange rates loaded by the caller (JSON or CSV); it never fetches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FxTable {
    base: Option<Currency>,
    rates: BTreeMap<(Currency, Currency), Rate>,
}

#[derive(Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, rename = "FxTableJson")
)]
#[serde(rename_all = "camelCase")]
struct FxTableRepr {
    #[serde(default)]
    base: Option<Currency>,
    rates: Vec<Rate>,
}

impl Serialize for FxTable {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        FxTableRepr {
            base: self.base,
            rates: self.rates.values().cloned().collect(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for FxTable {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let r = FxTableRepr::deserialize(d)?;
        FxTable::from_rates(r.base, r.rates).map_err(de::Error::custom)
    }
}

impl FxTable {
    /// An empty table; `base` is the currency cross rates go through.
    pub fn new(base: Option<Currency>) -> Self {
        FxTable {
            base,
            rates: BTreeMap::new(),
        }
    }

    /// A table from a list of rates (validated; for a repeated pair the newest wins).
    pub fn from_rates(base: Option<Currency>, rates: Vec<Rate>) -> Result<Self> {
        let mut t = FxTable::new(base);
        for r in rates {
            t.insert(r)?;
        }
        Ok(t)
    }

    /// Adds or replaces a rate; the newer of two rates for one pair is kept.
    pub fn insert(&mut self, rate: Rate) -> Result<()> {
        let invalid = |reason: &str| Error::InvalidRate {
            from: rate.from.code().into(),
            to: rate.to.code().into(),
            rate: rate.rate.to_string(),
            reason: reason.into(),
        };
        if rate.from == rate.to {
            return Err(invalid("a rate needs two different currencies"));
        }
        if rate.rate <= Decimal::ZERO {
            return Err(invalid("must be positive"));
        }
        let key = (rate.from, rate.to);
        match self.rates.get(&key) {
            Some(old) if old.as_of > rate.as_of => {}
            _ => {
                self.rates.insert(key, rate);
            }
        }
        Ok(())
    }

    /// The currency cross rates go through, if any.
    pub fn base(&self) -> Option<Currency> {
        self.base
    }

    /// Every rate in the table, ordered by pair.
    pub fn rates(&self) -> impl Iterator<Item = &Rate> {
        self.rates.values()
    }

    /// Reads `{"base": "EUR", "rates": [{"from", "to", "rate", "asOf", "source"}]}`.
    pub fn from_json(text: &str) -> Result<Self> {
        serde_json::from_str(text).map_err(|e| Error::json("fx table", &e))
    }

    /// Writes the JSON shape [`FxTable::from_json`] reads.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| Error::json("fx table", &e))
    }

    /// Reads CSV with the header `from,to,rate,as_of,source` (RFC 3339 instants).
    #[cfg(feature = "csv")]
    pub fn from_csv(text: &str, base: Option<Currency>) -> Result<Self> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let csv_err = |line: u64, reason: String| Error::Parse {
            format: "csv".into(),
            what: format!("fx table line {line}"),
            reason,
        };
        let headers = reader
            .headers()
            .map_err(|e| csv_err(1, e.to_string()))?
            .clone();
        let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
        let (Some(cf), Some(ct), Some(cr), Some(ca)) =
            (col("from"), col("to"), col("rate"), col("as_of"))
        else {
            return Err(csv_err(
                1,
                "header must name from, to, rate, as_of (and optionally source)".into(),
            ));
        };
        let cs = col("source");
        let mut table = FxTable::new(base);
        for (i, rec) in reader.records().enumerate() {
            let line = i as u64 + 2;
            let rec = rec.map_err(|e| csv_err(line, e.to_string()))?;
            let get = |c: usize| rec.get(c).unwrap_or("");
            let as_of = DateTime::parse_from_rfc3339(get(ca))
                .map_err(|e| csv_err(line, format!("as_of {:?}: {e}", get(ca))))?
                .with_timezone(&Utc);
            table.insert(Rate {
                from: Currency::from_code_in(get(cf), "from")?,
                to: Currency::from_code_in(get(ct), "to")?,
                rate: parse_amount(get(cr), "rate")?,
                as_of,
                source: cs.map(|c| get(c).to_string()).unwrap_or_default(),
            })?;
        }
        Ok(table)
    }

    /// One leg: the rate and whether it is applied inverted.
    fn leg(&self, from: Currency, to: Currency) -> Option<(&Rate, bool)> {
        self.rates
            .get(&(from, to))
            .map(|r| (r, false))
            .or_else(|| self.rates.get(&(to, from)).map(|r| (r, true)))
    }

    fn path(&self, from: Currency, to: Currency) -> Result<Vec<(&Rate, bool)>> {
        if let Some(l) = self.leg(from, to) {
            return Ok(vec![l]);
        }
        if let Some(base) = self.base {
            if base != from && base != to {
                if let (Some(a), Some(b)) = (self.leg(from, base), self.leg(base, to)) {
                    return Ok(vec![a, b]);
                }
            }
        }
        Err(Error::NoRate {
            from: from.code().into(),
            to: to.code().into(),
        })
    }

    /// Converts with half-even rounding and no staleness check.
    pub fn convert(&self, money: &Money, to: Currency) -> Result<Money> {
        Ok(self
            .convert_with(money, to, &ConvertOptions::default())?
            .money)
    }

    /// Converts directly, by the inverse rate, or across the base currency; rounds once,
    /// at the end, to the target's minor units with `options.rounding`.
    pub fn convert_with(
        &self,
        money: &Money,
        to: Currency,
        options: &ConvertOptions,
    ) -> Result<Conversion> {
        if money.currency() == to {
            return Ok(Conversion {
                money: money.round(options.rounding)?,
                effective_rate: Decimal::ONE,
                rates_used: vec![],
                stale: false,
            });
        }
        let path = self.path(money.currency(), to)?;
        let stale = check_age(&path, options)?;
        // Apply each leg to the amount itself (dividing for inverse legs) so no rounded
        // reciprocal is ever multiplied in.
        let mut amount = money.amount();
        let mut effective = Decimal::ONE;
        for (r, inverted) in &path {
            let step = if *inverted {
                amount.checked_div(r.rate)
            } else {
                amount.checked_mul(r.rate)
            };
            amount = step.ok_or_else(|| Error::overflow("convert"))?;
            effective = if *inverted {
                effective.checked_div(r.rate)
            } else {
                effective.checked_mul(r.rate)
            }
            .ok_or_else(|| Error::overflow("convert"))?;
        }
        let converted = Money::new(amount, to).round(options.rounding)?;
        Ok(Conversion {
            money: converted,
            effective_rate: effective,
            rates_used: path.into_iter().map(|(r, _)| r.clone()).collect(),
            stale,
        })
    }

    /// Converts many amounts to one currency and sums them, rounding each conversion.
    /// Rates are looked up once per source currency, so this is the batch entry point.
    pub fn convert_sum(
        &self,
        items: &[Money],
        to: Currency,
        rounding: RoundingMode,
    ) -> Result<Money> {
        let mu = to.minor_units_for("convert_sum")?;
        let strategy = rounding.strategy();
        if let Some(total) = FastBatch::run(self, items, to, mu, rounding, None, false) {
            return Money::new(total.total, to).round(rounding);
        }
        let mut legs = LegCache::new(self, to);
        let mut total = Decimal::ZERO;
        for m in items {
            let rounded = legs
                .apply(m, "convert_sum")?
                .round_dp_with_strategy(mu, strategy);
            total = total
                .checked_add(rounded)
                .ok_or_else(|| Error::overflow("convert_sum"))?;
        }
        Money::new(total, to).round(rounding)
    }

    /// Converts many amounts to one currency, each rounded once like [`FxTable::convert_with`],
    /// and sums the rounded amounts, so the parts always add up to the total shown.
    ///
    /// Staleness is judged once per source currency; `rates_used` lists each quoted rate
    /// once, in the order first used. This is the batch path cost estimates go through.
    pub fn convert_each(
        &self,
        items: &[Money],
        to: Currency,
        options: &ConvertOptions,
    ) -> Result<BatchConversion> {
        let mu = to.minor_units_for("convert_each")?;
        let strategy = options.rounding.strategy();
        if let Some(batch) =
            FastBatch::run(self, items, to, mu, options.rounding, Some(*options), true)
        {
            return Ok(BatchConversion {
                amounts: batch.amounts,
                total: Money::new(batch.total, to).round(options.rounding)?,
                rates_used: batch.rates_used,
                stale: batch.stale,
            });
        }
        let mut legs = LegCache::new(self, to);
        legs.check = Some(*options);
        let mut amounts = Vec::with_capacity(items.len());
        let mut total = Decimal::ZERO;
        for m in items {
            let mut a = legs
                .apply(m, "convert_each")?
                .round_dp_with_strategy(mu, strategy);
            if a.scale() < mu {
                a.rescale(mu);
            }
            total = total
                .checked_add(a)
                .ok_or_else(|| Error::overflow("convert_each"))?;
            amounts.push(Money::new(a, to));
        }
        let mut total = Money::new(total, to);
        total = total.round(options.rounding)?;
        Ok(BatchConversion {
            amounts,
            total,
            rates_used: legs.used.into_iter().cloned().collect(),
            stale: legs.stale,
        })
    }
}

/// Many amounts converted to one currency by [`FxTable::convert_each`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct BatchConversion {
    /// Each input converted and rounded, in input order.
    pub amounts: Vec<Money>,
    /// The sum of `amounts`, exactly.
    pub total: Money,
    /// Every quoted rate used, once each.
    pub rates_used: Vec<Rate>,
    /// True when a rate was older than allowed and the policy was to flag it.
    pub stale: bool,
}

/// Up to two (rate, inverted) legs; the count in use is kept beside them.
type Legs = [(Decimal, bool); 2];

/// Conversion legs per source currency, found once: a handful of currencies serve
/// millions of rows, so a short vector beats a map and the last hit is tried first.
struct LegCache<'a> {
    fx: &'a FxTable,
    to: Currency,
    entries: Vec<(Currency, Legs, usize)>,
    /// Per entry: the exact integer form of its legs, when [`Ratio::of`] vouches for it.
    ratios: Vec<Option<Ratio>>,
    last: usize,
    check: Option<ConvertOptions>,
    used: Vec<&'a Rate>,
    stale: bool,
}

impl<'a> LegCache<'a> {
    fn new(fx: &'a FxTable, to: Currency) -> Self {
        LegCache {
            fx,
            to,
            entries: Vec::new(),
            ratios: Vec::new(),
            last: usize::MAX,
            check: None,
            used: Vec::new(),
            stale: false,
        }
    }

    fn find(&mut self, from: Currency) -> Result<usize> {
        if let Some((c, _, _)) = self.entries.get(self.last) {
            if *c == from {
                return Ok(self.last);
            }
        }
        if let Some(i) = self.entries.iter().position(|(c, _, _)| *c == from) {
            self.last = i;
            return Ok(i);
        }
        let path = self.fx.path(from, self.to)?;
        if let Some(opts) = self.check {
            self.stale |= check_age(&path, &opts)?;
        }
        let mut legs = [(Decimal::ONE, false); 2];
        for (slot, (r, inv)) in legs.iter_mut().zip(&path) {
            *slot = (r.rate, *inv);
            if !self.used.iter().any(|u| std::ptr::eq(*u, *r)) {
                self.used.push(r);
            }
        }
        self.ratios
            .push(Ratio::of(&legs[..path.len().min(2)], self.to));
        self.entries.push((from, legs, path.len()));
        self.last = self.entries.len() - 1;
        Ok(self.last)
    }

    /// The exact (unrounded) amount in the target currency.
    fn apply(&mut self, m: &Money, operation: &str) -> Result<Decimal> {
        if m.currency() == self.to {
            return Ok(m.amount());
        }
        let i = self.find(m.currency())?;
        let (_, legs, n) = self.entries.get(i).ok_or_else(|| Error::NoRate {
            from: m.currency().code().into(),
            to: self.to.code().into(),
        })?;
        let mut a = m.amount();
        for &(rate, inv) in legs.iter().take(*n) {
            a = if inv {
                a.checked_div(rate)
            } else {
                a.checked_mul(rate)
            }
            .ok_or_else(|| Error::overflow(operation))?;
        }
        Ok(a)
    }
}

/// 10^k for k = 0..=38 (every power that fits in a `u128`).
const POW10: [u128; 39] = {
    let mut t = [1u128; 39];
    let mut k = 1;
    while k < 39 {
        t[k] = t[k - 1] * 10;
        k += 1;
    }
    t
};

/// A conversion as one exact fraction: `amount · 10^mu` in the target's minor units is
/// `mantissa · num / (den · 10^scale)` for an amount `mantissa · 10^−scale`.
///
/// Only built when every rate lies in [1e−9, 1e9] and the target has at most 4 minor
/// units. Then, for amounts below 1e15:
/// - a path without division (the same currency, or multiplying legs only) is exact in
///   decimals too as long as the product's mantissa fits 96 bits at a scale ≤ 28, so the
///   integer rounding is the decimal rounding, ties included;
/// - otherwise the decimal path (each step rounded to 28–29 significant digits or to scale
///   28) lands within 1e−6 of a minor unit of the exact value, so both round alike unless
///   the exact value is within 1e−6 of a minor unit of a rounding boundary (a whole minor
///   unit or a midpoint). [`Ratio::round`] declines those rows; the caller then takes the
///   decimal path for them.
#[derive(Debug, Clone, Copy)]
struct Ratio {
    num: u128,
    den: u128,
    /// `10^(15 + mu)`: amounts at or above 1e15 are declined.
    limit: u128,
    /// For paths without division: the product of the rates' mantissas and of their scales.
    exact: Option<(u128, u32)>,
}

impl Ratio {
    fn of(legs: &[(Decimal, bool)], to: Currency) -> Option<Ratio> {
        let mu = to.minor_units()?;
        if mu > 4 {
            return None;
        }
        let (lo, hi) = (Decimal::new(1, 9), Decimal::new(1_000_000_000, 0));
        let mut num = *POW10.get(mu as usize)?;
        let mut den = 1u128;
        let mut exact = Some((1u128, 0u32));
        for &(rate, inverted) in legs {
            if rate < lo || rate > hi {
                return None;
            }
            let m = u128::try_from(rate.mantissa()).ok()?;
            let p = *POW10.get(rate.scale() as usize)?;
            let (n, d) = if inverted { (p, m) } else { (m, p) };
            num = num.checked_mul(n)?;
            den = den.checked_mul(d)?;
            exact = match exact {
                Some((mant, scale)) if !inverted => {
                    mant.checked_mul(m).map(|mant| (mant, scale + rate.scale()))
                }
                _ => None,
            };
        }
        Some(Ratio {
            num,
            den,
            limit: *POW10.get(15 + mu as usize)?,
            exact,
        })
    }

    /// The amount converted and rounded, in the target's minor units, or `None` when the
    /// exact integer path cannot vouch for matching the decimal path on this amount.
    fn round(&self, amount: Decimal, mode: RoundingMode) -> Option<i128> {
        const MARGIN: u128 = 1_000_000;
        let mantissa = amount.mantissa();
        let negative = mantissa < 0;
        let n = mantissa.unsigned_abs().checked_mul(self.num)?;
        let d = self.den.checked_mul(*POW10.get(amount.scale() as usize)?)?;
        let (q, r) = if let (Ok(n64), Ok(d64)) = (u64::try_from(n), u64::try_from(d)) {
            (u128::from(n64 / d64), u128::from(n64 % d64))
        } else {
            (n / d, n % d)
        };
        if q >= self.limit {
            return None;
        }
        let twice = r.checked_mul(2)?;
        let exact = self.exact.is_some_and(|(mant, scale)| {
            amount.scale() + scale <= 28
                && mantissa
                    .unsigned_abs()
                    .checked_mul(mant)
                    .is_some_and(|m| m < 1 << 96)
        });
        if !exact
            && (r.checked_mul(MARGIN)? <= d
                || (d - r).checked_mul(MARGIN)? <= d
                || twice.abs_diff(d).checked_mul(MARGIN)? <= d.checked_mul(2)?)
        {
            // Too close to a rounding boundary for the error bound: let decimals decide.
            return None;
        }
        let tie_away = match mode {
            RoundingMode::HalfEven => q % 2 == 1,
            RoundingMode::HalfUp => true,
            _ => false,
        };
        let away = r != 0
            && match mode {
                RoundingMode::HalfEven | RoundingMode::HalfUp | RoundingMode::HalfDown => {
                    twice > d || (twice == d && tie_away)
                }
                RoundingMode::Up => true,
                RoundingMode::Down => false,
                RoundingMode::Ceiling => !negative,
                RoundingMode::Floor => negative,
            };
        let magnitude = i128::try_from(q + u128::from(away)).ok()?;
        Some(if negative { -magnitude } else { magnitude })
    }
}

/// The result of [`FastBatch::run`].
struct FastBatch {
    amounts: Vec<Money>,
    total: Decimal,
    rates_used: Vec<Rate>,
    stale: bool,
}

impl FastBatch {
    /// Converts, rounds and sums on integers where [`Ratio`] vouches for the result and on
    /// decimals elsewhere. `None` whenever the answer might differ in any way (value,
    /// scale, sign of zero, error) from the plain decimal loop, which then runs instead:
    /// on any error, when the total is zero, or when the sum of magnitudes could make a
    /// decimal partial sum round (at or above 1e27 minor units).
    fn run(
        fx: &FxTable,
        items: &[Money],
        to: Currency,
        mu: u32,
        rounding: RoundingMode,
        check: Option<ConvertOptions>,
        keep_amounts: bool,
    ) -> Option<FastBatch> {
        let strategy = rounding.strategy();
        let same = Ratio::of(&[], to);
        let mut legs = LegCache::new(fx, to);
        legs.check = check;
        let mut amounts = Vec::with_capacity(if keep_amounts { items.len() } else { 0 });
        let (mut fast_sum, mut fast_abs) = (0i128, 0u128);
        let (mut slow_sum, mut slow_abs) = (Decimal::ZERO, Decimal::ZERO);
        // Entry of each source currency in `legs`, by the currency's enum index: one load
        // per row instead of a scan (`find` still runs once per currency, in row order).
        let mut slots = [usize::MAX; 256];
        for m in items {
            let ratio = if m.currency() == to {
                same
            } else {
                let key = m.currency().0 as usize;
                let i = match slots.get(key) {
                    Some(&i) if i != usize::MAX => i,
                    _ => {
                        let i = legs.find(m.currency()).ok()?;
                        if let Some(slot) = slots.get_mut(key) {
                            *slot = i;
                        }
                        i
                    }
                };
                legs.ratios.get(i).copied().flatten()
            };
            if let Some(units) = ratio.and_then(|r| r.round(m.amount(), rounding)) {
                fast_sum = fast_sum.checked_add(units)?;
                fast_abs = fast_abs.checked_add(units.unsigned_abs())?;
                if keep_amounts {
                    let a = Decimal::try_from_i128_with_scale(units, mu).ok()?;
                    amounts.push(Money::new(a, to));
                }
            } else {
                let mut a = legs
                    .apply(m, "convert")
                    .ok()?
                    .round_dp_with_strategy(mu, strategy);
                if a.scale() < mu {
                    a.rescale(mu);
                }
                slow_sum = slow_sum.checked_add(a)?;
                slow_abs = slow_abs.checked_add(a.abs())?;
                if keep_amounts {
                    amounts.push(Money::new(a, to));
                }
            }
        }
        let scale_up = Decimal::from(u64::try_from(*POW10.get(mu as usize)?).ok()?);
        let slow_units = slow_abs.checked_mul(scale_up)?.trunc().to_u128()?;
        if fast_abs.checked_add(slow_units)? >= POW10[27] {
            return None;
        }
        let total = Decimal::try_from_i128_with_scale(fast_sum, mu)
            .ok()?
            .checked_add(slow_sum)?;
        if total.is_zero() {
            return None;
        }
        Some(FastBatch {
            amounts,
            total,
            rates_used: legs.used.into_iter().cloned().collect(),
            stale: legs.stale,
        })
    }
}

/// True when a leg is stale and the policy is to flag; a `stale_rate` error when the
/// policy is to refuse.
fn check_age(path: &[(&Rate, bool)], options: &ConvertOptions) -> Result<bool> {
    let (Some(now), Some(hours)) = (options.now, options.max_age_hours) else {
        return Ok(false);
    };
    let max_age = Duration::try_hours(hours)
        .ok_or_else(|| Error::invalid("maxAgeHours", format!("{hours} is out of range")))?;
    let mut stale = false;
    for (r, _) in path {
        if now.signed_duration_since(r.as_of) > max_age {
            match options.stale {
                StalePolicy::Flag => stale = true,
                StalePolicy::Error => {
                    return Err(Error::StaleRate {
                        from: r.from.code().into(),
                        to: r.to.code().into(),
                        as_of: r.as_of.to_rfc3339(),
                        now: now.to_rfc3339(),
                        max_age_hours: hours,
                    })
                }
            }
        }
    }
    Ok(stale)
}
