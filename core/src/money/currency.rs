//! ISO 4217 currencies: codes, minor units, names.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

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

    /// A small dense index of the currency (below 256), for per-currency lookup tables.
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }

    /// Every currency the table knows, in code order.
    pub fn all() -> Vec<Currency> {
        let mut all: Vec<Currency> = ALL_CODES
            .iter()
            .filter_map(|c| iso_currency::Currency::from_code(c).map(Currency))
            .collect();
        crate::order::sort(&mut all);
        all.dedup();
        all
    }

    pub(crate) fn minor_units_for(&self, operation: &str) -> Result<u32> {
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
        d.deserialize_str(crate::named::NameVisitor::<Currency>::new())
    }
}
