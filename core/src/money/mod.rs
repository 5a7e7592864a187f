//! Exact money: ISO 4217 currencies, decimal amounts, explicit rounding and allocation,
//! and exchange-rate tables that never fetch anything.
//!
//! One concept a file: [`currency`](Currency) codes and minor units; amount text
//! ([`parse_amount`], [`decimal_text`], the float rule of [`Factor`]); [`Money`] with
//! rounding and allocation; exchange rates and single conversions ([`FxTable`]); and the
//! batch path ([`FxTable::convert_sum`], [`FxTable::convert_each`],
//! [`FxTable::convert_sum_minor`]).

mod amount;
mod batch;
mod currency;
mod fx;
mod value;

pub use amount::{decimal_of_float, decimal_text, parse_amount, Amount, Factor};
pub use batch::BatchConversion;
pub use currency::Currency;
pub use fx::{Conversion, ConvertOptions, FxTable, Rate, StalePolicy};
pub use value::{Money, RoundingMode};
