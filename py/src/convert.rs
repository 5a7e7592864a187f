//! The one place where core values cross into Python and back.
//!
//! - [`ToPy`] turns a core field into the Python type a user expects, the same rule for
//!   every getter at every depth: amounts are `Decimal`, money is `Money`, dates `date`,
//!   instants aware `datetime`; unit enums are snake_case `str`; struct-like values are
//!   [`record!`](crate::record) classes; data-carrying enums are dicts of their JSON shape
//!   with typed values ([`tagged`], [`keyed`]); maps are dicts.
//! - [`from_py`] / [`from_json`] read the documented JSON shape through the core's serde,
//!   so a bad value raises the core's error with its own code.
//! - [`options`] reads `**options` keywords with the core's [`Options::from_keywords`].
//! - [`record!`](crate::record) declares a class over a core serde type; [`table!`](crate::table)
//!   adds the table methods. Extra methods go in plain `#[pymethods]` blocks.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use medjourney::{Currency, Decimal, Error, ErrorKind, Money, Options};
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::errors::{IntoPy, ToPyErr};
use crate::money::PyMoney;

pub mod exact;

/// A core value as the Python object users expect.
pub trait ToPy {
    /// The Python object for this value.
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

macro_rules! to_py_native {
    ($($t:ty),*) => {$(
        impl ToPy for $t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(self.clone().into_pyobject(py)?.to_owned().into_any())
            }
        }
    )*};
}
to_py_native!(
    String,
    bool,
    u8,
    u32,
    u64,
    usize,
    i64,
    f64,
    Decimal,
    NaiveDate,
    NaiveDateTime,
    NaiveTime
);

impl ToPy for DateTime<Utc> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_pyobject(py)?.into_any())
    }
}

impl ToPy for DateTime<FixedOffset> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_pyobject(py)?.into_any())
    }
}

impl ToPy for Money {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, PyMoney(*self))?.into_any())
    }
}

impl ToPy for Currency {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.code().to_string().to_py(py)
    }
}

impl<T: ToPy> ToPy for Option<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.to_py(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
}

impl<T: ToPy> ToPy for [T] {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .iter()
            .map(|v| v.to_py(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
}

impl<T: ToPy, const N: usize> ToPy for [T; N] {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self[..].to_py(py)
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self[..].to_py(py)
    }
}

impl<T: ToPy> ToPy for std::collections::BTreeMap<String, T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        for (k, v) in self {
            d.set_item(k, v.to_py(py)?)?;
        }
        Ok(d.into_any())
    }
}

/// Implements [`ToPy`] for unit enums: the snake_case `str` of their JSON shape.
#[macro_export]
macro_rules! to_py_as_str {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::convert::ToPy for $t {
            fn to_py<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::convert::ToPy::to_py(&self.as_str().to_string(), py)
            }
        }
    )*};
}

/// An internally tagged enum's value as a dict: `tag` holds the variant's name as the JSON
/// shape spells it, then each field under its snake_case name with its typed value.
pub fn tagged<'py, T: Serialize>(
    py: Python<'py>,
    value: &T,
    tag: &str,
    fields: Vec<(&'static str, Bound<'py, PyAny>)>,
) -> PyResult<Bound<'py, PyAny>> {
    let shape = serde_json::to_value(value).map_err(|e| Error::json(tag, &e).to_py_err())?;
    let d = PyDict::new(py);
    d.set_item(tag, shape.get(tag).and_then(|v| v.as_str()))?;
    for (k, v) in fields {
        d.set_item(k, v)?;
    }
    Ok(d.into_any())
}

/// An externally tagged newtype variant as its JSON shape `{key: value}`, the value typed.
pub fn keyed<'py>(py: Python<'py>, key: &str, value: &impl ToPy) -> PyResult<Bound<'py, PyAny>> {
    let d = PyDict::new(py);
    d.set_item(key, value.to_py(py)?)?;
    Ok(d.into_any())
}

/// `tagged_match!(py, self, "tag", { Enum::Variant { field, … }, … })`: the [`tagged`]
/// dict of whichever variant `self` is, each field under its own (snake_case) name.
#[macro_export]
macro_rules! tagged_match {
    ($py:expr, $value:expr, $tag:literal, {
        $($enum:ident :: $variant:ident { $($field:ident),* $(,)? }),* $(,)?
    }) => {
        match $value {
            $($enum::$variant { $($field),* } => $crate::convert::tagged(
                $py,
                $value,
                $tag,
                vec![$((stringify!($field), $crate::convert::ToPy::to_py($field, $py)?)),*],
            ),)*
        }
    };
}

/// Any serde value as Python built-ins (the documented JSON shape).
pub fn to_dict<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value)
        .map_err(|e| Error::parse("python", "value", e.to_string()).to_py_err())
}

/// A core value from Python built-ins in the documented JSON shape; values as a getter
/// returns them (`Decimal`, `date`, `datetime`, `Money` and other objects) are read too.
pub fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    let first = match pythonize::depythonize(obj) {
        Ok(v) => return Ok(v),
        Err(e) => Error::deserialize("python", what, e),
    };
    // A value the core refused keeps its error; only a shape pythonize cannot read goes
    // through the slower walk that turns typed values into their JSON form.
    if first.kind() != ErrorKind::Parse {
        return Err(first.to_py_err());
    }
    let plain = obj
        .py()
        .import("medjourney._plain")?
        .call_method1("plain", (obj,))?;
    pythonize::depythonize(&plain).map_err(|e| Error::deserialize("python", what, e).to_py_err())
}

/// A core value from JSON text.
pub fn from_json<T: DeserializeOwned>(text: &str, what: &str) -> PyResult<T> {
    serde_json::from_str(text).map_err(|e| Error::json(what, &e).to_py_err())
}

/// JSON text of a core value.
pub fn to_json<T: Serialize>(value: &T, what: &str) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| Error::json(what, &e).to_py_err())
}

/// Options from `**options` keywords (snake_case), read by the core; none give the defaults.
pub fn options<T: Options>(keywords: Option<&Bound<'_, PyDict>>) -> PyResult<T> {
    match keywords {
        Some(k) => T::from_keywords(from_py(k.as_any(), "options")?).py(),
        None => Ok(T::default()),
    }
}

/// An enum given by name, or its default when left out.
pub fn name_or_default<T: std::str::FromStr<Err = Error> + Default>(
    name: Option<&str>,
) -> PyResult<T> {
    name.map_or_else(|| Ok(T::default()), |n| n.parse().py())
}

/// Accepts a wrapper object of type `W` or its dict / JSON-shaped form.
pub fn extract_or_parse<T, W>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T>
where
    T: DeserializeOwned,
    W: pyo3::PyClass + Clone + Into<T>,
    for<'a, 'py> W: FromPyObject<'a, 'py>,
{
    match obj.extract::<W>() {
        Ok(w) => Ok(w.into()),
        Err(_) => from_py(obj, what),
    }
}

/// Every item of an iterable as `W` objects or their dicts.
pub fn list_of<T, W>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<T>>
where
    T: DeserializeOwned,
    W: pyo3::PyClass + Clone + Into<T>,
    for<'a, 'py> W: FromPyObject<'a, 'py>,
{
    obj.try_iter()?
        .map(|item| extract_or_parse::<T, W>(&item?, what))
        .collect()
}

/// A core record class: its core type and the core's check of a value read from Python.
pub trait Record: Sized {
    /// The wrapped core type.
    type Core: Serialize + DeserializeOwned;
    /// Wraps a core value.
    fn wrap(core: Self::Core) -> Self;
    /// The core's validation of a value read from a dict or JSON (none by default).
    fn check(_: &Self::Core) -> medjourney::Result<()> {
        Ok(())
    }
}

/// Reads a record from a dict, checked.
pub fn record_from_py<R: Record>(d: &Bound<'_, PyAny>, what: &str) -> PyResult<R> {
    let v = from_py::<R::Core>(d, what)?;
    R::check(&v).py()?;
    Ok(R::wrap(v))
}

/// Reads a record from JSON text, checked.
pub fn record_from_json<R: Record>(text: &str, what: &str) -> PyResult<R> {
    let v = from_json::<R::Core>(text, what)?;
    R::check(&v).py()?;
    Ok(R::wrap(v))
}

/// Typed values as a dict (one table row, or a getter's fields).
pub fn row_dict<'py>(
    py: Python<'py>,
    pairs: Vec<(&str, Bound<'py, PyAny>)>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in pairs {
        d.set_item(k, v)?;
    }
    Ok(d)
}

/// Declares a Python class over a core serde type.
///
/// `record!(PyQuote, Quote, "Quote", [fields…], repr [fields…] [, check f])` gives typed
/// getters for `fields` (`from as from_` renames a Python keyword), `to_row()` (those
/// getters as a dict), `to_dict`/`from_dict`/`to_json`/`from_json` (the `from_` ones run
/// the core's `check`), `__repr__` over the `repr` fields and `==`. The class registers
/// itself in the module.
#[macro_export]
macro_rules! record {
    (
        $(#[$meta:meta])*
        $py:ident, $core:ty, $name:literal,
        [$($field:ident $(as $pyname:ident)?),* $(,)?],
        repr [$($rfield:ident),* $(,)?]
        $(, check $check:expr)? $(,)?
    ) => {
        $(#[$meta])*
        #[pyo3::pyclass(module = "medjourney", name = $name, eq, from_py_object)]
        #[derive(Clone, PartialEq)]
        pub struct $py(pub $core);

        impl From<$py> for $core {
            fn from(w: $py) -> $core {
                w.0
            }
        }

        impl $crate::convert::ToPy for $core {
            fn to_py<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                Ok(pyo3::Bound::new(py, $py(self.clone()))?.into_any())
            }
        }

        impl $crate::convert::Record for $py {
            type Core = $core;
            fn wrap(core: $core) -> Self {
                $py(core)
            }
            $(fn check(v: &$core) -> medjourney::Result<()> {
                ($check)(v)
            })?
        }

        $crate::export!(class $py);

        #[pyo3::pymethods]
        impl $py {
            $(
                #[getter $(($pyname))?]
                fn $field<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                    $crate::convert::ToPy::to_py(&self.0.$field, py)
                }
            )*

            /// The documented JSON shape as Python built-ins (amounts and instants as strings).
            fn to_dict<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::convert::to_dict(py, &self.0)
            }

            /// Reads the documented JSON shape from Python built-ins.
            #[classmethod]
            fn from_dict(_cls: &pyo3::Bound<'_, pyo3::types::PyType>, d: &pyo3::Bound<'_, pyo3::PyAny>) -> pyo3::PyResult<Self> {
                $crate::convert::record_from_py(d, $name)
            }

            /// The documented JSON text.
            fn to_json(&self) -> pyo3::PyResult<String> {
                $crate::convert::to_json(&self.0, $name)
            }

            /// Reads the documented JSON text.
            #[classmethod]
            fn from_json(_cls: &pyo3::Bound<'_, pyo3::types::PyType>, text: &str) -> pyo3::PyResult<Self> {
                $crate::convert::record_from_json(text, $name)
            }

            /// The typed fields as a dict (`Decimal`, `Money`, `datetime`…): one table row.
            fn to_row<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::types::PyDict>> {
                $crate::convert::row_dict(py, vec![
                    $( ($crate::py_name!($field $(, $pyname)?), $crate::convert::ToPy::to_py(&self.0.$field, py)?), )*
                ])
            }

            fn __repr__(&self, py: pyo3::Python<'_>) -> pyo3::PyResult<String> {
                let parts: Vec<String> = vec![$(
                    format!("{}={}", stringify!($rfield), $crate::convert::ToPy::to_py(&self.0.$rfield, py)?.repr()?),
                )*];
                Ok(format!("{}({})", $name, parts.join(", ")))
            }
        }
    };
}

/// `table!(PyX, rows, "Title")`: the rows `rows(&self)` give `to_dicts()` (typed values),
/// `to_pandas()` and an escaped `_repr_html_()` captioned `Title`.
#[macro_export]
macro_rules! table {
    ($py:ident, |$s:ident| $rows:expr, $title:literal) => {
        #[pyo3::pymethods]
        impl $py {
            /// The table's rows as a list of dicts of typed values.
            fn to_dicts<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::types::PyList>> {
                let $s = self;
                $crate::convert::rows_to_dicts(py, &$rows)
            }

            /// The table's rows as a pandas DataFrame (needs pandas).
            fn to_pandas<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::convert::table_call(self.to_dicts(py)?, "to_pandas", "")
            }

            fn _repr_html_(&self, py: pyo3::Python<'_>) -> pyo3::PyResult<String> {
                $crate::convert::table_call(self.to_dicts(py)?, "html", $title)?.extract()
            }
        }
    };
}

/// The Python name of a record field: its own, or the one given with `as`.
#[macro_export]
macro_rules! py_name {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident, $pyname:ident) => {
        stringify!($pyname)
    };
}

/// Rows as a list of dicts (shared by every table's `to_dicts`).
pub fn rows_to_dicts<'py, T: ToPy>(py: Python<'py>, rows: &[T]) -> PyResult<Bound<'py, PyList>> {
    let items = rows
        .iter()
        .map(|r| r.to_py(py)?.call_method0("to_row"))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// `medjourney._table.<func>(rows)`: pandas frames and escaped HTML for table results.
pub fn table_call<'py>(
    rows: Bound<'py, PyList>,
    func: &str,
    title: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let py = rows.py();
    py.import("medjourney._table")?
        .call_method1(func, (rows, title))
}

/// One column as a contiguous read-only numpy array of the core's dtype: zero-copy when it
/// already is one, otherwise converted once, refusing values the dtype cannot hold.
pub fn column<'py, T: numpy::Element>(
    obj: &Bound<'py, PyAny>,
    name: &str,
) -> PyResult<PyReadonlyArray1<'py, T>> {
    if let Ok(a) = obj.cast::<PyArray1<T>>() {
        if a.is_contiguous() {
            return Ok(a.readonly());
        }
    }
    let py = obj.py();
    let np = py.import("numpy")?;
    let dtype = numpy::dtype::<T>(py);
    let bad = |why: String| Error::invalid(format!("column {name}"), why).to_py_err();
    let arr = np
        .call_method1("asarray", (obj,))
        .map_err(|e| bad(e.to_string()))?;
    if arr.getattr("ndim")?.extract::<usize>()? != 1 {
        return Err(bad("must be one-dimensional".into()));
    }
    let cast = arr
        .call_method1("astype", (&dtype,))
        .map_err(|e| bad(e.to_string()))?;
    if !np
        .call_method1("array_equal", (&cast, &arr, true))?
        .extract::<bool>()?
    {
        return Err(bad(format!("values do not fit {}", dtype.str()?)));
    }
    let cast = np.call_method1("ascontiguousarray", (cast,))?;
    Ok(cast.cast_into::<PyArray1<T>>()?.readonly())
}
