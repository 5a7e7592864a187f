//! `Currency`, `Money`, `FxTable` for Python: amounts are `decimal.Decimal`.

use medjourney::money::{Amount, Factor};
use medjourney::{ConvertOptions, Currency, Money};
use pyo3::basic::CompareOp;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use crate::convert::{column, from_py, name_or_default, to_dict};
use crate::errors::IntoPy;

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
pub struct PyCurrency(pub Currency);

crate::export!(class PyCurrency);

#[pymethods]
impl PyCurrency {
    #[new]
    fn new(code: &str) -> PyResult<Self> {
        Currency::from_code(code).py().map(PyCurrency)
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
        Currency::all().into_iter().map(PyCurrency).collect()
    }

    fn __repr__(&self) -> String {
        format!("Currency('{}')", self.0.code())
    }

    fn __str__(&self) -> &'static str {
        self.0.code()
    }
}

/// A currency given as a code or a `Currency`.
pub fn currency_from_py(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Currency> {
    match obj.extract::<PyCurrency>() {
        Ok(c) => Ok(c.0),
        Err(_) => from_py(obj, field),
    }
}

/// Exact money: a `decimal.Decimal` amount in one currency.
#[pyclass(module = "medjourney", name = "Money", frozen, from_py_object)]
#[derive(Clone, Copy)]
pub struct PyMoney(pub Money);

crate::export!(class PyMoney);

// pyo3 methods receive `&self`; Money being Copy does not change that.
#[allow(clippy::wrong_self_convention)]
#[pymethods]
impl PyMoney {
    /// `amount` is a `Decimal`, `str` or `int` (a float is refused: it lost digits already).
    #[new]
    fn new(amount: &Bound<'_, PyAny>, currency: &Bound<'_, PyAny>) -> PyResult<Self> {
        let amount: Amount = from_py(amount, "amount")?;
        Ok(PyMoney(Money::new(
            amount.0,
            currency_from_py(currency, "currency")?,
        )))
    }

    /// Parses "1234.50 EUR".
    #[staticmethod]
    fn parse(text: &str) -> PyResult<Self> {
        Money::parse(text).py().map(PyMoney)
    }

    /// Money from a whole number of minor units: `Money.from_minor(12345, "EUR")` is 123.45 EUR.
    #[staticmethod]
    fn from_minor(units: i128, currency: &Bound<'_, PyAny>) -> PyResult<Self> {
        Money::from_minor(units, currency_from_py(currency, "currency")?)
            .py()
            .map(PyMoney)
    }

    /// The exact amount as `decimal.Decimal`.
    #[getter]
    fn amount(&self) -> medjourney::Decimal {
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

    /// `money × factor`, exact; the factor follows the core's rule (`Factor`).
    fn __mul__(&self, factor: &Bound<'_, PyAny>) -> PyResult<Self> {
        let f: Factor = from_py(factor, "factor")?;
        self.0.mul(f.0).py().map(PyMoney)
    }

    fn __rmul__(&self, factor: &Bound<'_, PyAny>) -> PyResult<Self> {
        self.__mul__(factor)
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let Ok(other) = other.extract::<PyMoney>() else {
            return Ok(py.NotImplemented());
        };
        let answer = match op {
            CompareOp::Eq => self.0 == other.0,
            CompareOp::Ne => self.0 != other.0,
            _ => op.matches(self.0.compare(&other.0).py()?),
        };
        Ok(answer.into_pyobject(py)?.to_owned().into_any().unbind())
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

    /// Rounds to the currency's ISO minor units (`mode` defaults to the core's).
    #[pyo3(signature = (mode = None))]
    fn round(&self, mode: Option<&str>) -> PyResult<Self> {
        self.0.round(name_or_default(mode)?).py().map(PyMoney)
    }

    /// Splits by ratios into parts in whole minor units that sum exactly (largest remainder).
    fn allocate(&self, ratios: &Bound<'_, PyAny>) -> PyResult<Vec<PyMoney>> {
        let ratios: Vec<Factor> = from_py(ratios, "ratios")?;
        let ratios: Vec<_> = ratios.into_iter().map(|r| r.0).collect();
        Ok(self
            .0
            .allocate(&ratios)
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
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    /// Reads `{"amount": "1234.50", "currency": "EUR"}`.
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, d: &Bound<'_, PyAny>) -> PyResult<Self> {
        from_py(d, "money").map(PyMoney)
    }

    /// The JSON text of `to_dict()`.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// Reads the JSON text of `to_dict()`.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: &str) -> PyResult<Self> {
        Money::from_json(text).py().map(PyMoney)
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
    PyRate, medjourney::Rate, "Rate",
    [from as from_, to, rate, as_of, source],
    repr [from, to, rate, as_of]
);

/// Exchange rates loaded by the caller; converts directly, inversely or via the base.
#[pyclass(module = "medjourney", name = "FxTable", frozen, from_py_object)]
#[derive(Clone)]
pub struct PyFxTable(pub medjourney::FxTable);

crate::export!(class PyFxTable);

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

    /// The JSON shape as Python built-ins.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    /// Converts `money` to `currency`, rounding once to its minor units. Options as
    /// keywords (`rounding`, `now`, `max_age_hours`, `stale`): with `now` and
    /// `max_age_hours`, an older rate raises `RateError` (`stale_rate`) unless `stale="flag"`.
    #[pyo3(signature = (money, currency, **options))]
    fn convert(
        &self,
        money: PyMoney,
        currency: &Bound<'_, PyAny>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyMoney> {
        let to = currency_from_py(currency, "currency")?;
        let options: ConvertOptions = crate::convert::options(options)?;
        Ok(PyMoney(
            self.0.convert_with(&money.0, to, &options).py()?.money,
        ))
    }

    /// Batch from numpy columns: row `i` is `minor[i]` minor units of
    /// `currencies[currency_index[i]]`; the sum of every row converted to `to` (each
    /// rounded once), by the core's `convert_sum_minor`. Releases the GIL.
    #[pyo3(signature = (minor, currency_index, currencies, to, rounding = None))]
    fn convert_sum(
        &self,
        py: Python<'_>,
        minor: &Bound<'_, PyAny>,
        currency_index: &Bound<'_, PyAny>,
        currencies: Vec<Bound<'_, PyAny>>,
        to: &Bound<'_, PyAny>,
        rounding: Option<&str>,
    ) -> PyResult<PyMoney> {
        let (minor, index) = (
            column::<i64>(minor, "minor")?,
            column::<u8>(currency_index, "currency_index")?,
        );
        let table = currencies
            .iter()
            .map(|c| currency_from_py(c, "currencies"))
            .collect::<PyResult<Vec<_>>>()?;
        let (to, rounding) = (currency_from_py(to, "to")?, name_or_default(rounding)?);
        let (minor, index) = (minor.as_slice()?, index.as_slice()?);
        py.detach(|| self.0.convert_sum_minor(minor, index, &table, to, rounding))
            .py()
            .map(PyMoney)
    }

    fn __repr__(&self) -> String {
        let base = self.0.base().map(|c| c.code());
        format!("FxTable(base={base:?}, rates={})", self.0.rates().count())
    }
}
