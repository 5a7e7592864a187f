//! Exchange-rate tables loaded by the caller (JSON or CSV; never fetched) and single
//! conversions: direct, inverse or across the base currency, rounded once.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::amount::decimal_text;
use super::currency::Currency;
use super::value::{Money, RoundingMode};
use crate::error::{Error, Result};
use crate::named::named_enum;
use crate::options::strict_options;

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

named_enum! {
    /// What to do when a rate is older than the caller allows.
    #[derive(Default)]
    pub enum StalePolicy in "stale" {
        /// Refuse with a `stale_rate` error.
        #[default]
        Error => "error",
        /// Convert, but set [`Conversion::stale`].
        Flag => "flag",
    }
}

/// How a conversion rounds and judges freshness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", default, remote = "Self")]
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

strict_options!(ConvertOptions);

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
        FxTable::from_rates(r.base, r.rates).map_err(Error::into_de)
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
                rate: super::amount::parse_amount(get(cr), "rate")?,
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

    pub(super) fn path(&self, from: Currency, to: Currency) -> Result<Vec<(&Rate, bool)>> {
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
}

/// True when a leg is stale and the policy is to flag; a `stale_rate` error when the
/// policy is to refuse.
pub(super) fn check_age(path: &[(&Rate, bool)], options: &ConvertOptions) -> Result<bool> {
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
