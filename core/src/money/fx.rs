//! Exchange-rate tables loaded by the caller (JSON or CSV; never fetched) and single
//! conversions: direct, inverse or across the base currency.
//!
//! The rounding rule, the same here and in the batch path: a conversion is the amount
//! times the path's exact rate (forward rates multiplied, inverted rates divided, all as
//! one fraction), rounded once to the target's ISO minor units with the caller's
//! rounding mode. No leg, reciprocal or partial product is rounded first (see
//! `exact_rate`). An amount already in the target currency is only rounded, by the same
//! rule; a result that rounds to zero is zero without a sign.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::amount::decimal_text;
use super::currency::Currency;
use super::exact_rate::{units_to_decimal, ExactRate};
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
    /// The path's rate, target units per source unit: the quoted rate itself for a direct
    /// conversion; for an inverse or cross path, the exact fraction as a decimal, exact
    /// when it has at most 28 decimals and otherwise rounded half-even to the digits a
    /// Decimal holds. It is reported, not applied: the conversion uses the fraction.
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
        crate::json::from_str(text).map_err(|e| Error::json("fx table", &e))
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

    /// Converts with half-even rounding and no staleness check (see
    /// [`FxTable::convert_with`] for the rule).
    pub fn convert(&self, money: &Money, to: Currency) -> Result<Money> {
        Ok(self.converted(money, to, &ConvertOptions::default())?.money)
    }

    /// Converts directly, by the inverse rate, or across the base currency, and rounds
    /// once: the amount times the path's exact rate (forward rates multiplied, inverted
    /// ones divided, as one fraction) is rounded to the target's minor units with
    /// `options.rounding`, and nothing is rounded before that. The same currency is only
    /// rounded; zero has no sign. `overflow` only when the rounded result does not fit a
    /// Decimal, or when the effective rate of a cross path does not (above 7.9 × 10^28).
    pub fn convert_with(
        &self,
        money: &Money,
        to: Currency,
        options: &ConvertOptions,
    ) -> Result<Conversion> {
        let Converted {
            money: converted,
            path,
            rate,
            mu,
            stale,
        } = self.converted(money, to, options)?;
        let effective_rate = match path.as_slice() {
            [] => Decimal::ONE,
            [(r, false)] => r.rate,
            _ => rate
                .to_decimal(mu)
                .ok_or_else(|| Error::overflow("convert (effective rate)"))?,
        };
        Ok(Conversion {
            money: converted,
            effective_rate,
            rates_used: path.into_iter().map(|(r, _)| r.clone()).collect(),
            stale,
        })
    }

    /// The one conversion every single-amount entry point goes through.
    fn converted(
        &self,
        money: &Money,
        to: Currency,
        options: &ConvertOptions,
    ) -> Result<Converted<'_>> {
        let path = if money.currency() == to {
            vec![]
        } else {
            self.path(money.currency(), to)?
        };
        let stale = check_age(&path, options)?;
        let mu = to.minor_units_for("convert")?;
        let rate = ExactRate::new(path.iter().map(|(r, inv)| (r.rate, *inv)), mu)?;
        let amount = money.amount();
        let units = rate
            .minor_units(amount.mantissa(), amount.scale(), options.rounding)
            .ok_or_else(|| Error::overflow("convert"))?;
        Ok(Converted {
            money: Money::new(units_to_decimal(units, mu, "convert")?, to),
            path,
            rate,
            mu,
            stale,
        })
    }
}

/// A single conversion before its effective rate is worked out (only
/// [`FxTable::convert_with`] reports it).
struct Converted<'a> {
    money: Money,
    path: Vec<(&'a Rate, bool)>,
    /// The path's exact rate (the identity for the same currency).
    rate: ExactRate,
    /// The target's minor units, which `rate` is built for.
    mu: u32,
    stale: bool,
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
