//! Exact money: ISO 4217 currencies, decimal amounts, explicit rounding and allocation,
//! and exchange-rate tables that never fetch anything.
//!
//! One concept a file: [`currency`](Currency) codes and minor units; amount text
//! ([`parse_amount`], [`decimal_text`], the float rule of [`Factor`]); [`Money`] with
//! rounding and allocation; the exact rate of a conversion path, the one rounding rule
//! every conversion follows; exchange rates and single conversions ([`FxTable`]); and
//! the batch path ([`FxTable::convert_sum`], [`FxTable::convert_each`],
//! [`FxTable::convert_sum_minor`]).
//!
//! The rounding rule: a conversion is `amount × (forward rates) ÷ (inverted rates)`
//! computed as one exact fraction and rounded once, to the target's ISO minor units
//! with the caller's rounding mode (half-even unless said otherwise). Single and batch
//! conversions give the same rows, digit for digit; a batch total is the exact sum of
//! its rounded rows.

mod amount;
mod batch;
mod currency;
mod exact_rate;
mod fx;
mod value;

pub use amount::{decimal_of_float, decimal_of_parts, decimal_text, parse_amount, Amount, Factor};
pub use batch::BatchConversion;
pub use currency::Currency;
pub use fx::{Conversion, ConvertOptions, FxTable, Rate, StalePolicy};
pub use value::{Money, RoundingMode};
