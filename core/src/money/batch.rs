//! The batch path: many amounts converted to one currency, each rate path turned into
//! its exact fraction once per source currency, every row rounded once by the same rule
//! as a single conversion (see `exact_rate`), and the rounded rows summed exactly.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::currency::Currency;
use medjourney_kernels::sum_minor_units;

use super::exact_rate::{kernel_rounding, units_to_decimal, ExactRate};
use super::fx::{check_age, ConvertOptions, FxTable, Rate};
use super::value::{Money, RoundingMode};
use crate::error::{Error, Result};

impl FxTable {
    /// The batch from columns, as numpy and typed arrays hold it: row `i` is `minor[i]`
    /// minor units of `currencies[currency_index[i]]`. Converts every row to `to` (each
    /// rounded once) and sums them, like [`FxTable::convert_sum`]. The two columns must
    /// have one length and every index must name a currency with minor units; those
    /// checks run over every row before any rate is looked up.
    pub fn convert_sum_minor(
        &self,
        minor: &[i64],
        currency_index: &[u8],
        currencies: &[Currency],
        to: Currency,
        rounding: RoundingMode,
    ) -> Result<Money> {
        if minor.len() != currency_index.len() {
            return Err(Error::invalid(
                "currency_index",
                format!(
                    "has {} rows but minor has {}",
                    currency_index.len(),
                    minor.len()
                ),
            ));
        }
        // Per index: the currency and its minor units, or the error a row naming it gets.
        let sources: Vec<Result<(Currency, u32)>> = currencies
            .iter()
            .map(|c| Ok((*c, c.minor_units_for("from_minor")?)))
            .collect();
        let source = |i: u8| -> Result<(Currency, u32)> {
            match sources.get(usize::from(i)) {
                Some(s) => s.clone(),
                None => Err(Error::invalid(
                    "currency_index",
                    format!("{i} is out of range for {} currencies", currencies.len()),
                )),
            }
        };
        // Every row's currency first (as reading the columns into money would), so a bad
        // index is reported before any missing rate; the indices in order of first use.
        let mut seen = [false; 256];
        let mut order = Vec::new();
        for &i in currency_index {
            if let Some(s) = seen.get_mut(usize::from(i)) {
                if !*s {
                    source(i)?;
                    *s = true;
                    order.push(i);
                }
            }
        }
        let mu = to.minor_units_for("convert_sum")?;
        let mut rates = RatesByCurrency::new(self, to, mu, None);
        // Per index, in the order rows first use them (so a missing rate is reported for
        // the first row that needs one): the rate on u64 when it fits, so most rows are
        // one product and one division in the kernel's loop.
        let mut narrow = [None; 256];
        for &i in &order {
            let (currency, source_mu) = source(i)?;
            if let Some(slot) = narrow.get_mut(usize::from(i)) {
                *slot = rates.get(currency)?.narrow(source_mu);
            }
        }
        let mode = kernel_rounding(rounding);
        let mut total = 0i128;
        let mut row = 0;
        loop {
            let (sum, done) = sum_minor_units(
                minor.get(row..).unwrap_or_default(),
                currency_index.get(row..).unwrap_or_default(),
                &narrow,
                mode,
            );
            total = total
                .checked_add(sum)
                .ok_or_else(|| Error::overflow("convert_sum"))?;
            row += done;
            // The kernel stopped before the end: this row does not fit its rate on u64.
            let (Some(&m), Some(&i)) = (minor.get(row), currency_index.get(row)) else {
                break;
            };
            let (currency, source_mu) = source(i)?;
            let units = rates
                .get(currency)?
                .minor_units(i128::from(m), source_mu, rounding)
                .ok_or_else(|| Error::overflow("convert_sum"))?;
            total = total
                .checked_add(units)
                .ok_or_else(|| Error::overflow("convert_sum"))?;
            row += 1;
        }
        Ok(Money::new(units_to_decimal(total, mu, "convert_sum")?, to))
    }

    /// Converts many amounts to one currency and sums them, each row rounded once by the
    /// rule of [`FxTable::convert_with`]. Rates are looked up once per source currency,
    /// so this is the batch entry point. The rows are summed exactly, in whole minor
    /// units; `overflow` only when the total does not fit a Decimal (or a single row or
    /// partial sum passes 2^127 minor units).
    pub fn convert_sum(
        &self,
        items: &[Money],
        to: Currency,
        rounding: RoundingMode,
    ) -> Result<Money> {
        let mu = to.minor_units_for("convert_sum")?;
        let mut rates = RatesByCurrency::new(self, to, mu, None);
        let mut total = 0i128;
        for m in items {
            let units = rates.minor_units(m, rounding, "convert_sum")?;
            total = total
                .checked_add(units)
                .ok_or_else(|| Error::overflow("convert_sum"))?;
        }
        Ok(Money::new(units_to_decimal(total, mu, "convert_sum")?, to))
    }

    /// Converts many amounts to one currency, each rounded once exactly as
    /// [`FxTable::convert_with`] rounds it, and sums the rounded amounts, so the parts
    /// always add up to the total shown.
    ///
    /// Staleness is judged once per source currency; `rates_used` lists each quoted rate
    /// once, in the order first used. This is the batch path cost estimates and quote
    /// comparisons go through.
    pub fn convert_each(
        &self,
        items: &[Money],
        to: Currency,
        options: &ConvertOptions,
    ) -> Result<BatchConversion> {
        let mu = to.minor_units_for("convert_each")?;
        let mut rates = RatesByCurrency::new(self, to, mu, Some(*options));
        let mut amounts = Vec::with_capacity(items.len());
        let mut total = 0i128;
        for m in items {
            let units = rates.minor_units(m, options.rounding, "convert_each")?;
            total = total
                .checked_add(units)
                .ok_or_else(|| Error::overflow("convert_each"))?;
            amounts.push(Money::new(units_to_decimal(units, mu, "convert_each")?, to));
        }
        Ok(BatchConversion {
            amounts,
            total: Money::new(units_to_decimal(total, mu, "convert_each")?, to),
            rates_used: rates.used.into_iter().cloned().collect(),
            stale: rates.stale,
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

/// The exact rate from each source currency to the target, resolved the first time a
/// row needs it (so a missing or stale rate is reported at the first row that uses it)
/// and then found by the currency's dense index: a handful of currencies serve millions
/// of rows.
struct RatesByCurrency<'a> {
    fx: &'a FxTable,
    to: Currency,
    mu: u32,
    check: Option<ConvertOptions>,
    /// Per `Currency::index()`: the position of its rate in `rates`, or `u32::MAX`.
    slots: [u32; 256],
    rates: Vec<ExactRate>,
    used: Vec<&'a Rate>,
    stale: bool,
}

impl<'a> RatesByCurrency<'a> {
    fn new(fx: &'a FxTable, to: Currency, mu: u32, check: Option<ConvertOptions>) -> Self {
        RatesByCurrency {
            fx,
            to,
            mu,
            check,
            slots: [u32::MAX; 256],
            rates: Vec::new(),
            used: Vec::new(),
            stale: false,
        }
    }

    /// The exact rate from `from` to the target.
    fn get(&mut self, from: Currency) -> Result<&ExactRate> {
        let key = from.index();
        let slot = match self.slots.get(key) {
            Some(&s) if s != u32::MAX => s,
            _ => self.resolve(from)?,
        };
        self.rates.get(slot as usize).ok_or_else(|| Error::NoRate {
            from: from.code().into(),
            to: self.to.code().into(),
        })
    }

    fn resolve(&mut self, from: Currency) -> Result<u32> {
        let rate = if from == self.to {
            ExactRate::new([], self.mu)?
        } else {
            let path = self.fx.path(from, self.to)?;
            if let Some(opts) = self.check {
                self.stale |= check_age(&path, &opts)?;
            }
            for (r, _) in &path {
                if !self.used.iter().any(|u| std::ptr::eq(*u, *r)) {
                    self.used.push(r);
                }
            }
            ExactRate::new(path.iter().map(|(r, inv)| (r.rate, *inv)), self.mu)?
        };
        let slot = u32::try_from(self.rates.len()).map_err(|_| Error::overflow("convert"))?;
        self.rates.push(rate);
        if let Some(s) = self.slots.get_mut(from.index()) {
            *s = slot;
        }
        Ok(slot)
    }

    /// `money` converted to the target's minor units, rounded once with `rounding`.
    fn minor_units(
        &mut self,
        money: &Money,
        rounding: RoundingMode,
        operation: &str,
    ) -> Result<i128> {
        let amount: Decimal = money.amount();
        self.get(money.currency())?
            .minor_units(amount.mantissa(), amount.scale(), rounding)
            .ok_or_else(|| Error::overflow(operation))
    }
}
