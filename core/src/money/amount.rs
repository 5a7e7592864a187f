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

/// A decimal given as its sign, digits and power of ten, the way a host language's own
/// decimal type holds it (Python's `Decimal.as_tuple()`, where `Decimal("1E-7")` is digits
/// `[1]` and exponent -7): exact, with [`parse_amount`]'s errors when it does not fit. The
/// cost is bounded by the digits, not by the exponent (`1E+999999999` is refused at once
/// instead of being written out).
pub fn decimal_of_parts(
    negative: bool,
    digits: &[u8],
    exponent: i64,
    field: &str,
) -> Result<Decimal> {
    /// The most digits a `Decimal` holds (its 96-bit coefficient is below 10^29).
    const MAX_DIGITS: i64 = 29;
    let significant = &digits[digits.iter().take_while(|&&d| d == 0).count()..];
    let shown = || {
        let mut text: String = significant
            .iter()
            .take(30)
            .map(|&d| char::from(b'0'.saturating_add(d)))
            .collect();
        if text.is_empty() {
            text.push('0');
        }
        format!("{}{text}E{exponent}", if negative { "-" } else { "" })
    };
    let out_of_range = || Error::InvalidAmount {
        field: field.into(),
        value: shown(),
        reason: "out of range: at most 28 significant digits".into(),
    };
    if digits.iter().any(|&d| d > 9) {
        return Err(Error::InvalidAmount {
            field: field.into(),
            value: shown(),
            reason: "a digit is not 0 to 9".into(),
        });
    }
    let len = significant.len() as i64;
    let max_scale = i64::from(Decimal::MAX_SCALE);
    if len > MAX_DIGITS || exponent < -max_scale || exponent > MAX_DIGITS - len {
        return Err(out_of_range());
    }
    // Within those bounds the plain text is at most a few dozen characters.
    let mut plain: String = significant.iter().map(|&d| char::from(b'0' + d)).collect();
    if plain.is_empty() {
        plain.push('0');
    }
    if exponent >= 0 {
        plain.extend(std::iter::repeat_n('0', exponent as usize));
    } else {
        let scale = (-exponent) as usize;
        if plain.len() <= scale {
            plain.insert_str(0, &"0".repeat(scale - plain.len() + 1));
        }
        plain.insert(plain.len() - scale, '.');
    }
    if negative {
        plain.insert(0, '-');
    }
    parse_amount(&plain, field)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(negative: bool, digits: &[u8], exponent: i64) -> Result<String> {
        decimal_of_parts(negative, digits, exponent, "amount").map(|d| d.to_string())
    }

    #[test]
    fn a_decimal_in_parts_is_read_exactly_whatever_its_exponent() {
        assert_eq!(parts(false, &[1], -7).as_deref(), Ok("0.0000001"));
        assert_eq!(parts(false, &[1], 2).as_deref(), Ok("100"));
        assert_eq!(parts(true, &[1, 2, 3, 4, 5], -2).as_deref(), Ok("-123.45"));
        assert_eq!(parts(false, &[0], -2).as_deref(), Ok("0.00"));
        assert_eq!(parts(false, &[0, 0, 7], 0).as_deref(), Ok("7"));
    }

    #[test]
    fn a_decimal_in_parts_that_does_not_fit_is_refused_at_once() {
        for (digits, exponent) in [
            (&[1u8][..], 999_999_999),
            (&[1], -999_999_999),
            (&[1], i64::MIN),
            (&[1], 29),
            (&[1; 30], 0),
            (&[1], -29),
        ] {
            let e = decimal_of_parts(false, digits, exponent, "amount").unwrap_err();
            assert_eq!(e.code(), "invalid_amount", "{digits:?}E{exponent}");
        }
        let e = decimal_of_parts(false, &[1, 10], 0, "amount").unwrap_err();
        assert_eq!(e.code(), "invalid_amount");
    }
}
