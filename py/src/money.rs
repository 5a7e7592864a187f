//! `Currency`, `Money`, `FxTable` for Python: amounts are `decimal.Decimal`.

use std::str::FromStr;

use medjourney::money::parse_amount;
use medjourney::{ConvertOptions, Decimal, RoundingMode, StalePolicy};
use pyo3::basic::CompareOp;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyString};

use crate::convert::column;
use crate::errors::{validation, IntoPy};

/// A decimal from a Python `Decimal`, `str` or `int`; floats are refused because they
/// already lost digits before reaching us.
pub fn decimal_from_py(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Decimal> {
    if obj.is_instance_of::<PyString>() {
        let s: String = obj.extract()?;
        return parse_amount(&s, field).py();
    }
    if obj.is_instance_of::<PyBool>() || obj.is_instance_of::<PyFloat>() {
        return Err(validation(
            "invalid_amount",
            format!(
                "invalid amount for {field}: {} is a {}; pass a decimal.Decimal, str or int",
                obj.repr()?,
                obj.get_type().name()?
            ),
        ));
    }
    if obj.is_instance_of::<PyInt>() {
        let v: i128 = obj
            .extract()
            .map_err(|_| validation("overflow", format!("integer for {field} is out of range")))?;
        return Decimal::try_from_i128_with_scale(v, 0).map_err(|_| {
            validation(
                "overflow",
                format!("integer {v} for {field} is out of the decimal range"),
            )
        });
    }
    // decimal.Decimal: go through its text so NaN and Infinity get our error.
    let text: String = obj.str()?.extract()?;
    parse_amount(&text, field).py()
}

fn rounding_from_py(mode: &str) -> PyResult<RoundingMode> {
    RoundingMode::from_str(mode).py()
}

/// An ISO 4217 currency: `Currency("EUR").minor_units == 2`.
#[pyclass(
    module = "medjourney",
    name = "Currency",
    frozen,
    eq,
    hash,
    from_py_object
)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PyCurrency(pub medjourney::Currency);

#[pymethods]
impl PyCurrency {
    #[new]
    fn new(code: &str) -> PyResult<Self> {
        medjourney::Currency::from_code(code).py().map(PyCurrency)
    }

    /// The three-letter code.
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code()
    }

    /// ISO 4217 minor units (None for funds and metals).
    #[getter]
    fn minor_units(&self) -> Option<u32> {
        self.0.minor_units()
    }

    /// ISO 4217 numeric code.
    #[getter]
    fn numeric(&self) -> u16 {
        self.0.numeric()
    }

    /// The currency's English name.
    #[getter]
    fn name(&self) -> String {
        self.0.name()
    }

    /// Every currency the table knows.
    #[staticmethod]
    fn all() -> Vec<PyCurrency> {
        medjourney::Currency::all()
            .into_iter()
            .map(PyCurrency)
            .collect()
    }

    fn __repr__(&self) -> String {
        format!("Currency('{}')", self.0.code())
    }

    fn __str__(&self) -> &'static str {
        self.0.code()
    }
}

/// Exact money: a `decimal.Decimal` amount in one currency.
#[pyclass(module = "medjourney", name = "Money", frozen, from_py_object)]
#[derive(Clone, Copy)]
pub struct PyMoney(pub medjourney::Money);

/// A currency given as a code or a `Currency`.
pub fn currency_from_py(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<medjourney::Currency> {
    if let Ok(c) = obj.extract::<PyCurrency>() {
        return Ok(c.0);
    }
    let code: String = obj.extract().map_err(|_| {
        validation(
            "unknown_currency",
            format!("{field} must be a currency code or Currency"),
        )
    })?;
    medjourney::Currency::from_code_in(&code, field).py()
}

// pyo3 methods receive `&self`; Money being Copy does not change that.
#[allow(clippy::wrong_self_convention)]
#[pymethods]
impl PyMoney {
    #[new]
    fn new(amount: &Bound<'_, PyAny>, currency: &Bound<'_, PyAny>) -> PyResult<Self> {
        let amount = decimal_from_py(amount, "amount")?;
        let currency = currency_from_py(currency, "currency")?;
        Ok(PyMoney(medjourney::Money::new(amount, currency)))
    }

    /// Parses "1234.50 EUR".
    #[staticmethod]
    fn parse(text: &str) -> PyResult<Self> {
        medjourney::Money::parse(text).py().map(PyMoney)
    }

    /// Money from a whole number of minor units: `Money.from_minor(12345, "EUR")` is 123.45 EUR.
    #[staticmethod]
    fn from_minor(units: i128, currency: &Bound<'_, PyAny>) -> PyResult<Self> {
        let currency = currency_from_py(currency, "currency")?;
        medjourney::Money::from_minor(units, currency)
            .py()
            .map(PyMoney)
    }

    /// The exact amount as `decimal.Decimal`.
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount()
    }

    /// The currency code.
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.currency().code()
    }

    fn __add__(&self, other: PyMoney) -> PyResult<Self> {
        self.0.add(&other.0).py().map(PyMoney)
    }

    fn __sub__(&self, other: PyMoney) -> PyResult<Self> {
        self.0.sub(&other.0).py().map(PyMoney)
    }

    fn __neg__(&self) -> Self {
        PyMoney(self.0.neg())
    }

    fn __abs__(&self) -> Self {
        PyMoney(self.0.abs())
    }

    fn __mul__(&self, factor: &Bound<'_, PyAny>) -> PyResult<Self> {
        let f = decimal_from_py(factor, "factor")?;
        self.0.mul(f).py().map(PyMoney)
    }

    fn __rmul__(&self, factor: &Bound<'_, PyAny>) -> PyResult<Self> {
        self.__mul__(factor)
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let Ok(other) = other.extract::<PyMoney>() else {
            return Ok(py.NotImplemented());
        };
        match op {
            CompareOp::Eq => Ok(PyBool::new(py, self.0 == other.0)
                .to_owned()
                .into_any()
                .unbind()),
            CompareOp::Ne => Ok(PyBool::new(py, self.0 != other.0)
                .to_owned()
                .into_any()
                .unbind()),
            _ => {
                let ord = self.0.compare(&other.0).py()?;
                Ok(PyBool::new(py, op.matches(ord))
                    .to_owned()
                    .into_any()
                    .unbind())
            }
        }
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.0.hash(&mut h);
        h.finish()
    }

    fn __bool__(&self) -> bool {
        !self.0.is_zero()
    }

    /// Rounds to the currency's ISO minor units.
    #[pyo3(signature = (mode = "half_even"))]
    fn round(&self, mode: &str) -> PyResult<Self> {
        self.0.round(rounding_from_py(mode)?).py().map(PyMoney)
    }

    /// Splits by ratios into parts in whole minor units that sum exactly (largest remainder).
    fn allocate(&self, ratios: Vec<Bound<'_, PyAny>>) -> PyResult<Vec<PyMoney>> {
        let mut rs = Vec::with_capacity(ratios.len());
        for r in &ratios {
            if r.is_instance_of::<PyFloat>() {
                let f: f64 = r.extract()?;
                let d = Decimal::try_from(f).map_err(|_| {
                    validation(
                        "invalid_ratios",
                        format!("ratio {f} is not a finite number"),
                    )
                })?;
                rs.push(d);
            } else {
                rs.push(decimal_from_py(r, "ratios")?);
            }
        }
        Ok(self
            .0
            .allocate(&rs)
            .py()?
            .into_iter()
            .map(PyMoney)
            .collect())
    }

    /// Splits into `n` parts as equal as minor units allow.
    fn split(&self, n: usize) -> PyResult<Vec<PyMoney>> {
        Ok(self.0.split(n).py()?.into_iter().map(PyMoney).collect())
    }

    /// The amount in whole minor units (an error if it has finer digits).
    fn to_minor(&self) -> PyResult<i128> {
        self.0.to_minor().py()
    }

    /// `{"amount": "1234.50", "currency": "EUR"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("amount", self.0.amount_string())?;
        d.set_item("currency", self.0.currency().code())?;
        Ok(d)
    }

    /// Reads `{"amount": "1234.50", "currency": "EUR"}`.
    #[staticmethod]
    fn from_dict(d: &Bound<'_, PyDict>) -> PyResult<Self> {
        let amount = d
            .get_item("amount")?
            .ok_or_else(|| validation("invalid_amount", "missing key 'amount'".into()))?;
        let currency = d
            .get_item("currency")?
            .ok_or_else(|| validation("unknown_currency", "missing key 'currency'".into()))?;
        Self::new(&amount, &currency)
    }

    /// The JSON text of `to_dict()`.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// Reads the JSON text of `to_dict()`.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        medjourney::Money::from_json(text).py().map(PyMoney)
    }

    fn __repr__(&self) -> String {
        format!("Money('{}', '{}')", self.0.amount(), self.0.currency())
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }
}

record!(
    /// One quoted rate: 1 `from_` = `rate` `to` (a `Decimal`), as of an instant, from a source.
    PyRate, medjourney::Rate, "Rate", "rate",
    [from as from_, to, rate, as_of, source],
    repr [from, to, rate, as_of],
);

/// Exchange rates loaded by the caller; converts directly, inversely or via the base.
#[pyclass(module = "medjourney", name = "FxTable", frozen, from_py_object)]
#[derive(Clone)]
pub struct PyFxTable(pub medjourney::FxTable);

#[pymethods]
impl PyFxTable {
    /// Reads `{"base": "EUR", "rates": [{"from", "to", "rate", "asOf", "source"}]}`.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        medjourney::FxTable::from_json(text).py().map(PyFxTable)
    }

    /// Reads CSV with the header `from,to,rate,as_of,source`.
    #[staticmethod]
    #[pyo3(signature = (text, base = None))]
    fn from_csv(text: &str, base: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let base = base.map(|b| currency_from_py(b, "base")).transpose()?;
        medjourney::FxTable::from_csv(text, base)
            .py()
            .map(PyFxTable)
    }

    /// The JSON text `from_json` reads.
    fn to_json(&self) -> PyResult<String> {
        self.0.to_json().py()
    }

    /// Converts `money` to `currency`, rounding once to its minor units.
    ///
    /// With `now` and `max_age_hours`, an older rate raises `RateError` (code
    /// `stale_rate`), or with `stale="flag"` converts anyway.
    #[pyo3(signature = (money, currency, rounding = "half_even", now = None, max_age_hours = None, stale = "error"))]
    fn convert(
        &self,
        money: PyMoney,
        currency: &Bound<'_, PyAny>,
        rounding: &str,
        now: Option<chrono::DateTime<chrono::Utc>>,
        max_age_hours: Option<i64>,
        stale: &str,
    ) -> PyResult<PyMoney> {
        let to = currency_from_py(currency, "currency")?;
        let stale = StalePolicy::from_str(stale).py()?;
        let options = ConvertOptions {
            rounding: rounding_from_py(rounding)?,
            now,
            max_age_hours,
            stale,
        };
        Ok(PyMoney(
            self.0.convert_with(&money.0, to, &options).py()?.money,
        ))
    }

    /// Batch from numpy columns: row `i` is `minor[i]` minor units of
    /// `currencies[currency_index[i]]`; converts every row to `to` (each rounded once) and
    /// returns the sum, like the core's `FxTable::convert_sum`. Releases the GIL.
    #[pyo3(signature = (minor, currency_index, currencies, to, rounding = "half_even"))]
    fn convert_sum(
        &self,
        py: Python<'_>,
        minor: &Bound<'_, PyAny>,
        currency_index: &Bound<'_, PyAny>,
        currencies: Vec<Bound<'_, PyAny>>,
        to: &Bound<'_, PyAny>,
        rounding: &str,
    ) -> PyResult<PyMoney> {
        let minor = column::<i64>(minor, "minor")?;
        let index = column::<u8>(currency_index, "currency_index")?;
        let table = currencies
            .iter()
            .map(|c| currency_from_py(c, "currencies"))
            .collect::<PyResult<Vec<_>>>()?;
        let to = currency_from_py(to, "to")?;
        let rounding = rounding_from_py(rounding)?;
        let (minor, index) = (minor.as_slice()?, index.as_slice()?);
        if minor.len() != index.len() {
            return Err(validation(
                "invalid_input",
                format!(
                    "minor has {} rows but currency_index has {}",
                    minor.len(),
                    index.len()
                ),
            ));
        }
        let items = minor
            .iter()
            .zip(index)
            .map(|(&m, &i)| {
                let currency = table.get(usize::from(i)).copied().ok_or_else(|| {
                    validation(
                        "invalid_input",
                        format!(
                            "currency_index {i} is out of range for {} currencies",
                            table.len()
                        ),
                    )
                })?;
                medjourney::Money::from_minor(i128::from(m), currency).py()
            })
            .collect::<PyResult<Vec<_>>>()?;
        py.detach(|| self.0.convert_sum(&items, to, rounding))
            .py()
            .map(PyMoney)
    }

    fn __repr__(&self) -> String {
        format!(
            "FxTable(base={:?}, rates={})",
            self.0.base().map(|c| c.code()),
            self.0.rates().count()
        )
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCurrency>()?;
    m.add_class::<PyMoney>()?;
    m.add_class::<PyFxTable>()?;
    m.add_class::<PyRate>()?;
    Ok(())
}
