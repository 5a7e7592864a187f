//! The one place where core values cross into Python and back.
//!
//! - [`ToPy`] turns a core field into the Python type a user expects, the same rule for
//!   every getter at every depth:
//!   - amounts, rates and percentages are `decimal.Decimal`, money is `Money`, dates are
//!     `date`, instants are aware `datetime` (UTC); scores and statistics are `float`;
//!   - unit enums are plain snake_case `str` (typed as `Literal[...]` aliases in the stubs;
//!     the `str` enums in `medjourney._enums` compare equal to them);
//!   - struct-like values are wrapper classes declared with [`record!`](crate::record);
//!   - data-carrying enums are dicts of their JSON shape with typed values: the tag
//!     (`ExclusionReason`'s `code`, `Details`' `type`) then every field under its snake_case
//!     name, absent optional ones as `None` ([`tagged`]); `Deposit` and `Interval` are
//!     `{"percent": Decimal}` / `{"fixed": Money}` and `{"days": int}` / `{"months": int}`
//!     ([`keyed`]);
//!   - string-keyed maps are dicts with typed values.
//!
//!   `to_dict()` stays the documented JSON shape (amounts as strings) so round trips are exact.
//! - [`from_py`] / [`from_json`] read the documented JSON shape (from a dict or text), so
//!   a malformed value raises `MedJourneyError` with the core's code.
//! - [`record!`](crate::record) declares a wrapper class for a core serde type with
//!   `from_dict`/`to_dict`/`from_json`/`to_json`, typed getters, `__repr__` and `==`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use medjourney::{Currency, Decimal, Error, Money};
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::errors::{to_py, validation};
use crate::money::PyMoney;

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
    NaiveDateTime
);

impl ToPy for DateTime<Utc> {
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

impl<T: ToPy, const N: usize> ToPy for [T; N] {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        list_to_py(py, self)
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

fn list_to_py<'py, T: ToPy>(py: Python<'py>, items: &[T]) -> PyResult<Bound<'py, PyAny>> {
    let items = items
        .iter()
        .map(|v| v.to_py(py))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyList::new(py, items)?.into_any())
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        list_to_py(py, self)
    }
}

/// Implements [`ToPy`] for unit enums: the snake_case `str` of their JSON shape.
#[macro_export]
macro_rules! to_py_as_str {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::convert::ToPy for $t {
            fn to_py<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::convert::to_dict(py, self)
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
    let shape = serde_json::to_value(value).map_err(|e| to_py(Error::json(tag, &e)))?;
    let name = shape
        .get(tag)
        .and_then(|v| v.as_str())
        .ok_or_else(|| to_py(Error::invalid(tag, "the JSON shape has no tag")))?;
    let d = PyDict::new(py);
    d.set_item(tag, name)?;
    for (k, v) in fields {
        d.set_item(k, v)?;
    }
    Ok(d.into_any())
}

/// An externally tagged newtype variant as its JSON shape `{key: value}`, the value typed.
pub fn keyed<'py>(
    py: Python<'py>,
    key: &'static str,
    value: &impl ToPy,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(row_dict(py, vec![(key, value.to_py(py)?)])?.into_any())
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
    pythonize::pythonize(py, value).map_err(|e| to_py(Error::invalid("to_dict", e.to_string())))
}

/// A core value from Python built-ins in the documented JSON shape; values as a getter
/// returns them (`Decimal`, `date`, `datetime`, `Money` and other objects) are read too.
pub fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    if let Ok(v) = pythonize::depythonize(obj) {
        return Ok(v);
    }
    // Only on the slow path: most input is already plain, and walking it twice would cost.
    let plain = obj
        .py()
        .import("medjourney._plain")?
        .call_method1("plain", (obj,))?;
    pythonize::depythonize(&plain).map_err(|e| to_py(Error::deserialize("python", what, e)))
}

/// A core value from JSON text.
pub fn from_json<T: DeserializeOwned>(text: &str, what: &str) -> PyResult<T> {
    serde_json::from_str(text).map_err(|e| to_py(Error::json(what, &e)))
}

/// JSON text of a core value.
pub fn to_json<T: Serialize>(value: &T, what: &str) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| to_py(Error::json(what, &e)))
}

/// Accepts a wrapper object of type `W` or its dict / JSON-shaped form.
pub fn extract_or_parse<T, W>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T>
where
    T: DeserializeOwned,
    W: pyo3::PyClass + Clone + Into<T>,
    for<'a, 'py> W: FromPyObject<'a, 'py>,
{
    if let Ok(w) = obj.extract::<W>() {
        return Ok(w.into());
    }
    from_py(obj, what)
}

/// Rows as a list of dicts (shared by every table's `to_dicts`).
pub fn rows_to_dicts<'py, T: ToPy>(py: Python<'py>, rows: &[T]) -> PyResult<Bound<'py, PyList>> {
    let items = rows
        .iter()
        .map(|r| {
            let v = r.to_py(py)?;
            v.call_method0("to_row")
        })
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

/// A dict of the value's public fields for a table row: each getter's typed value.
pub fn row_dict<'py>(
    py: Python<'py>,
    pairs: Vec<(&'static str, Bound<'py, PyAny>)>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in pairs {
        d.set_item(k, v)?;
    }
    Ok(d)
}

/// Declares a Python class wrapping a core serde type.
///
/// `record!(PyQuote, Quote, "Quote", "quote", [fields…], repr [fields…], [check f,]
/// [table [path] "Title",] [{ extra }])` gives typed getters for `fields`, `to_row()` (those getters as a dict), `to_dict`,
/// `from_dict`, `to_json`, `from_json` (both run `check`, the core's validation, if given),
/// `__repr__` over the `repr` fields and `==`. A field written `from as from_` has the
/// Python name `from_` (for names that are Python keywords); with `table`, the table methods of
/// [`table_pymethods!`](crate::table_pymethods).
#[macro_export]
macro_rules! record {
    (
        $(#[$meta:meta])*
        $py:ident, $core:ty, $name:literal, $what:literal,
        [$($field:ident $(as $pyname:ident)?),* $(,)?],
        repr [$($rfield:ident),* $(,)?],
        $(check $check:expr,)?
        $(table [$($rows:tt)+] $title:literal,)?
        $({ $($extra:tt)* })?
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

        $crate::table_pymethods! { $py, [$([$($rows)+] $title)?], {
            $(
                #[doc = concat!("The `", stringify!($field), "` field.")]
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
            #[staticmethod]
            fn from_dict(d: &pyo3::Bound<'_, pyo3::PyAny>) -> pyo3::PyResult<Self> {
                let v = $crate::convert::from_py::<$core>(d, $what)?;
                $($crate::errors::IntoPy::py(($check)(&v))?;)?
                Ok($py(v))
            }

            /// The documented JSON text.
            fn to_json(&self) -> pyo3::PyResult<String> {
                $crate::convert::to_json(&self.0, $what)
            }

            /// Reads the documented JSON text.
            #[staticmethod]
            fn from_json(text: &str) -> pyo3::PyResult<Self> {
                let v = $crate::convert::from_json::<$core>(text, $what)?;
                $($crate::errors::IntoPy::py(($check)(&v))?;)?
                Ok($py(v))
            }

            /// The typed fields as a dict (`Decimal`, `Money`, `datetime`…): one table row.
            fn to_row<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::types::PyDict>> {
                let pairs: Vec<(&'static str, pyo3::Bound<'py, pyo3::PyAny>)> = vec![
                    $( ($crate::py_name!($field $(, $pyname)?), $crate::convert::ToPy::to_py(&self.0.$field, py)?), )*
                ];
                $crate::convert::row_dict(py, pairs)
            }

            fn __repr__(&self, py: pyo3::Python<'_>) -> pyo3::PyResult<String> {
                let _ = py;
                let parts: Vec<String> = vec![
                    $( format!(
                        "{}={}",
                        stringify!($rfield),
                        $crate::convert::ToPy::to_py(&self.0.$rfield, py)?.repr()?
                    ), )*
                ];
                Ok(format!("{}({})", $name, parts.join(", ")))
            }

            $($($extra)*)?
        }}
    };
}

/// The `#[pymethods]` block of a class; with `[[path] "Title"]` it is also a table: the
/// rows at `self.path` give `to_dicts()` (typed values), `to_pandas()` and an escaped
/// `_repr_html_()` captioned `Title`.
///
/// One block per class (no `multiple-pymethods`, which would need `inventory`'s link-time
/// registration), so the table methods are spliced into the class's only block here.
#[macro_export]
macro_rules! table_pymethods {
    ($py:ident, [$([$($rows:tt)+] $title:literal)?], { $($body:tt)* }) => {
        #[pyo3::pymethods]
        impl $py {
            $($body)*

            $(
                /// The table's rows as a list of dicts of typed values.
                fn to_dicts<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::types::PyList>> {
                    $crate::convert::rows_to_dicts(py, &self.$($rows)+)
                }

                /// The table's rows as a pandas DataFrame (needs pandas).
                fn to_pandas<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                    $crate::convert::table_call(self.to_dicts(py)?, "to_pandas", "")
                }

                fn _repr_html_(&self, py: pyo3::Python<'_>) -> pyo3::PyResult<String> {
                    $crate::convert::table_call(self.to_dicts(py)?, "html", $title)?.extract()
                }
            )?
        }
    };
}

/// The Python name of a record field: its own, or the one given with `as` (for a field
/// named as a Python keyword, such as `Rate.from`).
#[macro_export]
macro_rules! py_name {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident, $pyname:ident) => {
        stringify!($pyname)
    };
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
    let bad = |why: String| validation("invalid_input", format!("column {name}: {why}"));
    let arr = np
        .call_method1("asarray", (obj,))
        .map_err(|e| bad(e.to_string()))?;
    if arr.getattr("ndim")?.extract::<usize>()? != 1 {
        return Err(bad("must be one-dimensional".into()));
    }
    let cast = arr
        .call_method1("astype", (dtype,))
        .map_err(|e| bad(e.to_string()))?;
    let same: bool = np
        .call_method1("array_equal", (&cast, &arr, true))?
        .extract()?;
    if !same {
        return Err(bad(format!(
            "values do not fit {}",
            numpy::dtype::<T>(py).str()?
        )));
    }
    let cast = np.call_method1("ascontiguousarray", (cast,))?;
    Ok(cast.cast_into::<PyArray1<T>>()?.readonly())
}
