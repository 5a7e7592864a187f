//! Decimal amounts as text: the plain notation every amount is read in, the JSON string
//! form amounts are written in, and the one rule for factors and ratios given as floats.

use std::fmt;

use rust_decimal::Decimal;
use serde::{de, Deserialize, Deserializer, Serializer};

use crate::error::{Error, Result};

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

/// A float as the decimal it prints as: its shortest text that reads back as the same
/// float (`1.1` is exactly 1.1), the text Python's `repr` and JS's `String` show.
/// NaN and infinities are refused.
pub fn decimal_of_float(value: f64, field: &str) -> Result<Decimal> {
    if !value.is_finite() {
        return Err(Error::InvalidAmount {
            field: field.into(),
            value: value.to_string(),
            reason: "not a finite number".into(),
        });
    }
    // Rust prints the shortest round-trip digits, never in exponent notation.
    parse_amount(&value.to_string(), field)
}

/// Reads a decimal from a string or an integer; a float is refused (`Exact`, for amounts)
/// or read as the decimal it prints as (`Factor`, for factors and ratios).
struct DecimalVisitor {
    field: &'static str,
    floats: bool,
}

impl de::Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal as a string, e.g. \"1234.50\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Decimal, E> {
        parse_amount(v, self.field).map_err(Error::into_de)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> std::result::Result<Decimal, E> {
        Decimal::try_from_i128_with_scale(v, 0)
            .map_err(|_| Error::overflow(format!("{} {v}", self.field)).into_de())
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> std::result::Result<Decimal, E> {
        i128::try_from(v)
            .map_err(|_| Error::overflow(format!("{} {v}", self.field)).into_de())
            .and_then(|v| self.visit_i128(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Decimal, E> {
        if self.floats {
            return decimal_of_float(v, self.field).map_err(Error::into_de);
        }
        Err(Error::InvalidAmount {
            field: self.field.into(),
            value: v.to_string(),
            reason: format!("a float; give it as a string such as \"{v}\" so no digits are lost"),
        }
        .into_de())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Decimal, E> {
        Err(Error::InvalidAmount {
            field: self.field.into(),
            value: v.to_string(),
            reason: "a boolean is not a number".into(),
        }
        .into_de())
    }
}

/// A decimal amount read exactly: from a string or an integer, never a float.
struct AmountText(Decimal);

impl<'de> Deserialize<'de> for AmountText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(DecimalVisitor {
            field: "amount",
            floats: false,
        })
        .map(AmountText)
    }
}

/// A factor or ratio (money × factor, allocation ratios): a decimal string, an integer,
/// or a float taken as the decimal it prints as ([`decimal_of_float`]). The same rule in
/// Rust, Python and JS; amounts themselves never accept floats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Factor(pub Decimal);

impl<'de> Deserialize<'de> for Factor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(DecimalVisitor {
            field: "factor",
            floats: true,
        })
        .map(Factor)
    }
}

/// A decimal amount read exactly, as JSON and the wrappers give it: a string or an
/// integer; a float or a boolean is an `invalid_amount` error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount(pub Decimal);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        AmountText::deserialize(d).map(|a| Amount(a.0))
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
