//! The FHIR R4 datatypes the exports and the import use: exact decimals, codings,
//! references, identifiers, periods, money, quantities and extensions.
//!
//! Only the elements medjourney reads or writes are modelled; unknown elements of a
//! bundle being read are ignored. Empty optional elements are left out of the JSON, as
//! FHIR requires (an element is either absent or has a value).

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::error::{Error, Result};
use crate::money::{parse_amount, Currency};

use super::codes;

/// A FHIR `decimal`: a JSON number whose exact text is kept ("0.50" is not "0.5").
///
/// It is held as raw JSON text, so it is written and read digit for digit without
/// serde_json's `arbitrary_precision`. That works through serde_json only: another
/// serializer (pythonize, serde-wasm-bindgen) sees serde_json's raw-value token, so
/// wrappers go through [`super::Bundle::to_json`] and [`super::Bundle::from_json`].
#[derive(Clone)]
pub struct FhirDecimal(Box<RawValue>);

impl FhirDecimal {
    fn from_text(text: String) -> Result<FhirDecimal> {
        RawValue::from_string(text)
            .map(FhirDecimal)
            .map_err(|e| Error::parse("fhir", "decimal", e.to_string()))
    }

    /// The decimal's exact text, with every digit of its scale (`8400.00`).
    pub fn from_decimal(value: Decimal) -> Result<FhirDecimal> {
        FhirDecimal::from_text(value.to_string())
    }

    /// A float (coordinates, rates, sentiments) in its shortest round-trip text.
    pub fn from_f64(value: f64, field: &str) -> Result<FhirDecimal> {
        if !value.is_finite() {
            return Err(Error::invalid(
                field,
                format!("{value} is not a finite number"),
            ));
        }
        let text = serde_json::to_string(&value).map_err(|e| Error::json(field.to_string(), &e))?;
        FhirDecimal::from_text(text)
    }

    /// The number as written.
    pub fn as_str(&self) -> &str {
        self.0.get()
    }

    /// The number as an exact decimal in plain notation (what money amounts need).
    pub fn to_decimal(&self, field: &str) -> Result<Decimal> {
        parse_amount(self.as_str(), field)
    }

    /// The number as a float (for scores, coordinates and rates).
    pub fn to_f64(&self, field: &str) -> Result<f64> {
        // Read as JSON, which the text is: serde_json (with `float_roundtrip`) rounds as
        // `str::parse` does, and without it std's float parser and its 10 KB table of
        // powers would be in the npm module for this one call.
        crate::json::from_str::<f64>(self.as_str())
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| {
                Error::invalid(field, format!("{} is not a finite number", self.as_str()))
            })
    }
}

impl PartialEq for FhirDecimal {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl std::fmt::Debug for FhirDecimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FhirDecimal {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for FhirDecimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        let first = raw.get().bytes().next();
        if matches!(first, Some(b'-' | b'0'..=b'9')) {
            Ok(FhirDecimal(raw))
        } else {
            Err(serde::de::Error::custom(format!(
                "expected a JSON number (a FHIR decimal), found {}",
                raw.get().chars().take(40).collect::<String>()
            )))
        }
    }
}

/// A code from a code system (`system` + `code`, with a `display` for people).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Coding {
    /// The code system's URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Text for people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

impl Coding {
    /// A coding of `code` in `system`.
    pub fn new(system: &str, code: &str) -> Coding {
        Coding {
            system: Some(system.to_string()),
            code: Some(code.to_string()),
            display: None,
        }
    }

    /// The same, with text for people.
    pub fn with_display(system: &str, code: &str, display: &str) -> Coding {
        Coding {
            display: (!display.is_empty()).then(|| display.to_string()),
            ..Coding::new(system, code)
        }
    }

    /// True when this coding is from `system`.
    pub fn is_from(&self, system: &str) -> bool {
        self.system.as_deref() == Some(system)
    }
}

/// Codings that mean the same concept, and text for people.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CodeableConcept {
    /// The codings.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<Coding>,
    /// Plain-language text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl CodeableConcept {
    /// A concept of one coding.
    pub fn coded(coding: Coding) -> CodeableConcept {
        CodeableConcept {
            coding: vec![coding],
            text: None,
        }
    }

    /// A concept of text only.
    pub fn text(text: &str) -> CodeableConcept {
        CodeableConcept {
            coding: Vec::new(),
            text: Some(text.to_string()),
        }
    }

    /// The code of the first coding from `system`.
    pub fn code_in(&self, system: &str) -> Option<&str> {
        self.coding
            .iter()
            .find(|c| c.is_from(system))
            .and_then(|c| c.code.as_deref())
    }
}

/// A business identifier: a value unique within its system.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Identifier {
    /// The namespace of the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl Identifier {
    /// `value` in `system`.
    pub fn new(system: &str, value: &str) -> Identifier {
        Identifier {
            system: Some(system.to_string()),
            value: Some(value.to_string()),
        }
    }
}

/// A reference to another resource: an entry of the bundle (`reference`) or, when the
/// target is unknown, only the data-absent-reason extension.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Reference {
    /// Extensions (data-absent-reason when the target is not known).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The target's fullUrl (`urn:uuid:…`), or `Type/id`, or an absolute URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The target's resource type.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// A business identifier of the target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<Identifier>,
    /// Text for people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

impl Reference {
    /// A reference to a bundle entry by its fullUrl.
    pub fn to(full_url: &str) -> Reference {
        Reference {
            reference: Some(full_url.to_string()),
            ..Reference::default()
        }
    }

    /// A required reference whose target medjourney does not know: FHIR's
    /// data-absent-reason extension with the code `unknown`.
    pub fn unknown() -> Reference {
        Reference {
            extension: vec![Extension::data_absent()],
            ..Reference::default()
        }
    }
}

/// A span of time; either end may be open. Values are FHIR dateTimes (a date, or an
/// instant with its offset).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Period {
    /// The first moment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// The last moment (absent while it goes on).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

/// FHIR `Money`: a decimal `value` and an ISO 4217 `currency`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Money {
    /// The amount, as exact decimal text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<FhirDecimal>,
    /// The ISO 4217 code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

impl Money {
    /// medjourney money as FHIR money, with at least the currency's minor units.
    pub fn from_money(m: &crate::Money) -> Result<Money> {
        Ok(Money {
            value: Some(FhirDecimal::from_text(m.amount_string())?),
            currency: Some(m.currency().code().to_string()),
        })
    }

    /// FHIR money as medjourney money; both elements are required.
    pub fn to_money(&self, field: &str) -> Result<crate::Money> {
        let value = self
            .value
            .as_ref()
            .ok_or_else(|| Error::invalid(format!("{field}.value"), "is missing"))?;
        let code = self
            .currency
            .as_deref()
            .ok_or_else(|| Error::invalid(format!("{field}.currency"), "is missing"))?;
        let amount = value.to_decimal(&format!("{field}.value"))?;
        Ok(crate::Money::new(
            amount,
            Currency::from_code_in(code, &format!("{field}.currency"))?,
        ))
    }
}

/// A measured amount with its UCUM unit (also FHIR's `Duration`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Quantity {
    /// The number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<FhirDecimal>,
    /// The unit for people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The unit system (UCUM).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The unit's code in `system`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

impl Quantity {
    /// `value` in the UCUM unit `code` (`min`, `km`, `%`).
    pub fn ucum(value: FhirDecimal, code: &str) -> Quantity {
        Quantity {
            value: Some(value),
            unit: Some(code.to_string()),
            system: Some(codes::UCUM.to_string()),
            code: Some(code.to_string()),
        }
    }

    /// A plain count or amount without a unit (a line's quantity).
    pub fn plain(value: FhirDecimal) -> Quantity {
        Quantity {
            value: Some(value),
            ..Quantity::default()
        }
    }
}

/// A postal address; medjourney uses the city, the country and free text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Address {
    /// The whole address as text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// City or town.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Country (ISO 3166 code).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// A person's name; medjourney writes and reads the full text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HumanName {
    /// The full name as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Family name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Given names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<String>,
    /// Titles before the name ("Dr.").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub prefix: Vec<String>,
}

impl HumanName {
    /// The name as one line: `text`, else prefix, given and family names joined.
    pub fn full(&self) -> Option<String> {
        if let Some(t) = self.text.as_ref().filter(|t| !t.trim().is_empty()) {
            return Some(t.clone());
        }
        let parts: Vec<&str> = self
            .prefix
            .iter()
            .chain(&self.given)
            .map(String::as_str)
            .chain(self.family.as_deref())
            .filter(|p| !p.trim().is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// A note.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Annotation {
    /// The note's text (markdown in FHIR; written as plain text here).
    pub text: String,
}

/// The extensions of a primitive element (`_created`), used when a required value is
/// unknown.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Element {
    /// The extensions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
}

impl Element {
    /// The data-absent-reason `unknown` for a required primitive without a value.
    pub fn unknown() -> Element {
        Element {
            extension: vec![Extension::data_absent()],
        }
    }
}

/// An extension: a `url` naming what it means and one `value[x]`, or nested extensions
/// (a complex extension). medjourney's own URLs are listed in [`super::codes`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Extension {
    /// What the extension means; relative names inside a complex extension.
    pub url: String,
    /// The parts of a complex extension.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// `valueString`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_string: Option<String>,
    /// `valueCode`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_code: Option<String>,
    /// `valueBoolean`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_boolean: Option<bool>,
    /// `valueDecimal`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_decimal: Option<FhirDecimal>,
    /// `valueUnsignedInt` (0 to 2,147,483,647).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_unsigned_int: Option<u32>,
    /// `valueCoding`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_coding: Option<Coding>,
    /// `valueMoney`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_money: Option<Money>,
    /// `valuePeriod`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_period: Option<Period>,
    /// `valueQuantity`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_quantity: Option<Quantity>,
    /// `valueDuration`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_duration: Option<Quantity>,
    /// `valueDateTime`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_date_time: Option<String>,
}

/// The largest FHIR `unsignedInt`.
pub const MAX_UNSIGNED_INT: u64 = i32::MAX as u64;

impl Extension {
    fn named(url: &str) -> Extension {
        Extension {
            url: url.to_string(),
            ..Extension::default()
        }
    }

    /// FHIR's data-absent-reason extension with the code `unknown`.
    pub fn data_absent() -> Extension {
        Extension {
            value_code: Some("unknown".to_string()),
            ..Extension::named(codes::DATA_ABSENT_REASON)
        }
    }

    /// An extension whose value is a string.
    pub fn string(url: &str, value: &str) -> Extension {
        Extension {
            value_string: Some(value.to_string()),
            ..Extension::named(url)
        }
    }

    /// An extension whose value is a bare code (its system is known from the extension).
    pub fn code(url: &str, value: &str) -> Extension {
        Extension {
            value_code: Some(value.to_string()),
            ..Extension::named(url)
        }
    }

    /// An extension whose value is a code of `system`.
    pub fn coding(url: &str, system: &str, code: &str) -> Extension {
        Extension {
            value_coding: Some(Coding::new(system, code)),
            ..Extension::named(url)
        }
    }

    /// An extension whose value is a boolean.
    pub fn boolean(url: &str, value: bool) -> Extension {
        Extension {
            value_boolean: Some(value),
            ..Extension::named(url)
        }
    }

    /// An extension whose value is a decimal.
    pub fn decimal(url: &str, value: FhirDecimal) -> Extension {
        Extension {
            value_decimal: Some(value),
            ..Extension::named(url)
        }
    }

    /// An extension whose value is an unsignedInt; larger counts are refused with an
    /// `invalid_input` naming `field`.
    pub fn unsigned(url: &str, value: u64, field: &str) -> Result<Extension> {
        let v = u32::try_from(value)
            .ok()
            .filter(|v| u64::from(*v) <= MAX_UNSIGNED_INT)
            .ok_or_else(|| {
                Error::invalid(
                    field,
                    format!("{value} is above FHIR's unsignedInt maximum {MAX_UNSIGNED_INT}"),
                )
            })?;
        Ok(Extension {
            value_unsigned_int: Some(v),
            ..Extension::named(url)
        })
    }

    /// An extension whose value is money.
    pub fn money(url: &str, value: &crate::Money) -> Result<Extension> {
        Ok(Extension {
            value_money: Some(Money::from_money(value)?),
            ..Extension::named(url)
        })
    }

    /// An extension whose value is a period.
    pub fn period(url: &str, value: Period) -> Extension {
        Extension {
            value_period: Some(value),
            ..Extension::named(url)
        }
    }

    /// An extension whose value is a quantity.
    pub fn quantity(url: &str, value: Quantity) -> Extension {
        Extension {
            value_quantity: Some(value),
            ..Extension::named(url)
        }
    }

    /// An extension whose value is a duration.
    pub fn duration(url: &str, value: Quantity) -> Extension {
        Extension {
            value_duration: Some(value),
            ..Extension::named(url)
        }
    }

    /// An extension whose value is a dateTime.
    pub fn date_time(url: &str, value: String) -> Extension {
        Extension {
            value_date_time: Some(value),
            ..Extension::named(url)
        }
    }

    /// A complex extension made of `parts`.
    pub fn complex(url: &str, parts: Vec<Extension>) -> Extension {
        Extension {
            extension: parts,
            ..Extension::named(url)
        }
    }
}

/// Finds the extensions with `url` in a list.
pub fn extensions<'a>(list: &'a [Extension], url: &'a str) -> impl Iterator<Item = &'a Extension> {
    list.iter().filter(move |e| e.url == url)
}

/// An instant as a FHIR instant / dateTime in UTC (`2026-09-02T10:00:00Z`).
pub fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// A date as a FHIR date (`2026-11-01`).
pub fn date(day: NaiveDate) -> String {
    // Display, not `format`: the strftime machinery would be a few KB more of WebAssembly.
    day.to_string()
}

/// Reads the date part of a FHIR date or dateTime (`2026-11-01`, `2026-11-01T10:00:00+03:00`).
pub fn parse_date(text: &str, field: &str) -> Result<NaiveDate> {
    let day = text.get(..10).unwrap_or(text);
    day.parse::<NaiveDate>().map_err(|_| {
        Error::invalid(
            field,
            format!(
                "{:?} is not a FHIR date",
                text.chars().take(40).collect::<String>()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `to_f64` gave when it used `str::parse`.
    fn parsed(text: &str) -> Option<f64> {
        text.parse::<f64>().ok().filter(|x| x.is_finite())
    }

    fn read(text: &str) -> Option<f64> {
        let d: FhirDecimal = crate::json::from_str(text).unwrap();
        d.to_f64("x").ok()
    }

    #[test]
    fn a_decimal_reads_as_the_same_float_as_str_parse_gives() {
        let mut texts: Vec<String> = [
            "0",
            "-0",
            "0.0",
            "-0.000",
            "1",
            "-1",
            "0.1",
            "0.3",
            "1.5e3",
            "1E-3",
            "-2.5E+10",
            "123456789012345678901234567890",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775809",
            "4.9e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e308",
            "1e309",
            "-1e400",
            "1e-400",
            "-1e-400",
            "1e-500",
            "1e-10000",
            "9007199254740993",
            "9007199254740992.5",
            "0.1000000000000000055511151231257827",
            "8400.00",
            "41.0082",
            "28.9784",
            "-122.4194155",
            "0.000001",
            "1e0",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        texts.push(format!("0.{}1", "0".repeat(400)));
        texts.push(format!("1{}", "0".repeat(400)));
        texts.push(format!("{}e-350", "9".repeat(800)));
        // Halfway cases and random digits at every exponent.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for i in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let digits = 1 + (seed % 25) as usize;
            let mantissa: String = (0..digits)
                .map(|k| char::from(b'0' + ((seed >> (k % 60)) % 10) as u8))
                .collect();
            let exp = (seed >> 20) as i64 % 700 - 350;
            let sign = if i % 3 == 0 { "-" } else { "" };
            let lead = mantissa.trim_start_matches('0');
            let lead = if lead.is_empty() { "0" } else { lead };
            texts.push(format!("{sign}{lead}e{exp}"));
            texts.push(format!("{sign}0.{mantissa}"));
            let x = f64::from_bits(seed);
            if x.is_finite() {
                texts.push(format!("{x:e}"));
                texts.push(serde_json::to_string(&x).unwrap());
            }
        }
        for text in &texts {
            let ours = read(text);
            let std = parsed(text);
            assert_eq!(ours.map(f64::to_bits), std.map(f64::to_bits), "{text}");
        }
    }
}
