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
//!   adds the table methods. Extra methods go in plain `#[pymethods]` blocks; pictures and
//!   notebook displays are in `display.rs`.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use medjourney::money::decimal_of_parts;
use medjourney::{Currency, Decimal, Error, Money, Options};
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1, PyUntypedArrayMethods};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyBytes, PyDate, PyDateTime, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet,
    PyString, PyTuple,
};
use pyo3::PyClass;
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
to_py_native!(String, bool, u8, u32, u64, usize, i64, f64, Decimal, NaiveTime);

/// Dates and times: Python's hold years 1 to 9999 only; one outside is an `overflow`
/// error with the core's code, not a bare `ValueError`.
macro_rules! to_py_time {
    ($($t:ty => $what:literal),*) => {$(
        impl ToPy for $t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                match self.into_pyobject(py) {
                    Ok(v) => Ok(v.into_any()),
                    Err(_) => Err(Error::overflow(format!(
                        "{self} as a Python {} (years 1 to 9999)",
                        $what
                    ))
                    .to_py_err()),
                }
            }
        }
    )*};
}
to_py_time!(NaiveDate => "date", NaiveDateTime => "datetime", DateTime<Utc> => "datetime");

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
///
/// The value is first walked without recursion ([`survey`]): nesting deeper than JSON text
/// may nest is refused before pythonize (which recurses) reads it, and typed values are
/// turned into their JSON form ([`plain`]) only when there are some.
pub fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    let read = |v: &Bound<'_, PyAny>| {
        pythonize::depythonize(v).map_err(|e| Error::deserialize("python", what, e).to_py_err())
    };
    match survey(obj, what)? {
        Shape::Plain => read(obj),
        Shape::Typed => read(&plain(obj, what)?),
    }
}

/// How deep a value read from Python may nest: as deep as JSON text may (serde_json's
/// limit), so what JSON refuses Python refuses too, and no reader recurses without end.
const MAX_DEPTH: usize = 128;

/// What [`survey`] found in a value.
enum Shape {
    /// Only what pythonize reads as it is: `None`, bool, int, float, str, bytes, and
    /// containers of those.
    Plain,
    /// Some `Decimal`, `date`, `datetime` or medjourney object that [`plain`] turns into
    /// its JSON form first.
    Typed,
}

/// The Python types [`survey`] and [`plain`] look for, imported once.
struct Kinds {
    decimal: Py<PyAny>,
    sequence: Py<PyAny>,
    mapping: Py<PyAny>,
}

static KINDS: PyOnceLock<Kinds> = PyOnceLock::new();

fn kinds(py: Python<'_>) -> PyResult<&Kinds> {
    KINDS.get_or_try_init(py, || {
        let abc = py.import("collections.abc")?;
        Ok(Kinds {
            decimal: py.import("decimal")?.getattr("Decimal")?.unbind(),
            sequence: abc.getattr("Sequence")?.unbind(),
            mapping: abc.getattr("Mapping")?.unbind(),
        })
    })
}

/// One value as [`survey`] and [`plain`] see it.
enum Node<'py> {
    /// Read as it is.
    Leaf,
    /// A typed value turned into its JSON form.
    Typed,
    /// A container whose items (and keys) pythonize reads in turn.
    Items(Vec<Bound<'py, PyAny>>),
}

/// Sorts one value, listing a container's items (a dict's keys and values).
fn node<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Node<'py>> {
    let py = obj.py();
    if obj.is_none()
        || obj.is_instance_of::<PyBool>()
        || obj.is_instance_of::<PyInt>()
        || obj.is_instance_of::<PyFloat>()
        || obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
    {
        return Ok(Node::Leaf);
    }
    if let Ok(list) = obj.cast::<PyList>() {
        return Ok(Node::Items(list.iter().collect()));
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return Ok(Node::Items(tuple.iter().collect()));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        return Ok(Node::Items(dict.iter().flat_map(|(k, v)| [k, v]).collect()));
    }
    let k = kinds(py)?;
    if obj.is_instance(k.decimal.bind(py))?
        || obj.is_instance_of::<PyDate>()
        || (obj.get_type().module()?.to_cow()? == "medjourney" && obj.hasattr("to_dict")?)
    {
        return Ok(Node::Typed);
    }
    let items = if obj.is_instance(k.mapping.bind(py))? {
        obj.call_method0("items")?
            .try_iter()?
            .map(|kv| {
                let (key, value): (Bound<'py, PyAny>, Bound<'py, PyAny>) = kv?.extract()?;
                Ok([key, value])
            })
            .collect::<PyResult<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect()
    } else if obj.is_instance(k.sequence.bind(py))?
        || obj.is_instance_of::<PySet>()
        || obj.is_instance_of::<PyFrozenSet>()
    {
        obj.try_iter()?.collect::<PyResult<Vec<_>>>()?
    } else {
        return Ok(Node::Leaf);
    };
    Ok(Node::Items(items))
}

/// Walks `obj` without recursion: refuses nesting deeper than [`MAX_DEPTH`] (a cycle
/// too) and tells whether a typed value sits inside.
fn survey(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Shape> {
    let mut shape = Shape::Plain;
    let mut stack = vec![(obj.clone(), 1usize)];
    while let Some((value, depth)) = stack.pop() {
        match node(&value).map_err(|e| unreadable(what, e))? {
            Node::Leaf => {}
            Node::Typed => shape = Shape::Typed,
            Node::Items(items) => {
                if depth >= MAX_DEPTH {
                    return Err(Error::parse(
                        "python",
                        what,
                        format!("nested deeper than {MAX_DEPTH} levels"),
                    )
                    .to_py_err());
                }
                stack.extend(items.into_iter().map(|item| (item, depth + 1)));
            }
        }
    }
    Ok(shape)
}

/// A container whose items cannot be listed (a broken `__iter__`, say): a parse error.
fn unreadable(what: &str, e: PyErr) -> PyErr {
    Error::parse("python", what, format!("cannot read the value: {e}")).to_py_err()
}

/// `obj` with every typed value replaced by its JSON form: `Decimal` by its plain text
/// (read by the core's [`decimal_of_parts`]), `date`/`datetime` by ISO 8601 / RFC 3339,
/// a medjourney object by its `to_dict()`. Runs after [`survey`], so it is bounded.
fn plain<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    Ok(match node(obj).map_err(|e| unreadable(what, e))? {
        Node::Leaf => obj.clone(),
        Node::Items(items)
            if obj.is_instance_of::<PyDict>()
                || obj.is_instance(kinds(py)?.mapping.bind(py))? =>
        {
            let d = PyDict::new(py);
            for pair in items.chunks(2) {
                if let [key, value] = pair {
                    d.set_item(key, plain(value, what)?)?;
                }
            }
            d.into_any()
        }
        Node::Items(items) => {
            let items = items
                .iter()
                .map(|item| plain(item, what))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Node::Typed if obj.is_instance(kinds(py)?.decimal.bind(py))? => {
            decimal_text(obj, what)?.into_pyobject(py)?.into_any()
        }
        Node::Typed if obj.is_instance_of::<PyDate>() => obj.call_method0("isoformat")?,
        // Only a borrow fails here: the object is the one this call is changing.
        Node::Typed => obj.call_method0("to_dict").map_err(|e| {
            if e.is_instance_of::<pyo3::exceptions::PyRuntimeError>(py) {
                Error::invalid(
                    what,
                    "the object is in use by this call (its own argument?)",
                )
                .to_py_err()
            } else {
                e
            }
        })?,
    })
}

/// A Python `Decimal` as the plain text the core reads, by the core's rule for a decimal in
/// parts (exact, bounded whatever the exponent); NaN and infinities as their own text,
/// which the core refuses.
fn decimal_text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    let (sign, digits, exponent): (u8, Vec<u8>, Bound<'_, PyAny>) =
        obj.call_method0("as_tuple")?.extract()?;
    let Ok(exponent) = exponent.extract::<i64>() else {
        // 'n', 'N' or 'F': not a finite number.
        return Ok(obj.str()?.to_cow()?.into_owned());
    };
    let d = decimal_of_parts(sign == 1, &digits, exponent, what).py()?;
    Ok(d.to_string())
}

/// A `str` argument: a lone surrogate (text that is not Unicode) is a `ParseError`, not a
/// `UnicodeEncodeError`; another type is pyo3's `TypeError`.
pub struct Text(pub String);

impl<'a, 'py> FromPyObject<'a, 'py> for Text {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let s = obj.cast::<PyString>()?;
        match s.to_str() {
            Ok(t) => Ok(Text(t.to_owned())),
            Err(_) => Err(Error::parse(
                "python",
                "text",
                "not valid Unicode text: it has a lone surrogate",
            )
            .to_py_err()),
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// An `int` argument read as the Rust integer `T`: an int outside `T`'s range is a
/// `ParseError` (as the same number in JSON is), not an `OverflowError`; another type is
/// pyo3's `TypeError`.
pub struct Whole<T>(pub T);

impl<'a, 'py, T> FromPyObject<'a, 'py> for Whole<T>
where
    T: FromPyObject<'a, 'py> + Bounded,
    T::Error: Into<PyErr>,
{
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match obj.extract::<T>() {
            Ok(v) => Ok(Whole(v)),
            Err(e) => {
                let e: PyErr = e.into();
                if e.is_instance_of::<PyTypeError>(obj.py()) {
                    return Err(e);
                }
                Err(Error::parse(
                    "python",
                    "integer",
                    format!("expected a whole number from {} to {}", T::MIN, T::MAX),
                )
                .to_py_err())
            }
        }
    }
}

/// The range of an integer type, for [`Whole`]'s message.
pub trait Bounded {
    /// The smallest value.
    const MIN: i128;
    /// The largest value.
    const MAX: u128;
}

macro_rules! bounded {
    ($($t:ty),*) => {$(
        impl Bounded for $t {
            const MIN: i128 = <$t>::MIN as i128;
            const MAX: u128 = <$t>::MAX as u128;
        }
    )*};
}
bounded!(u32, u64, usize, i64, i128, isize);

/// A `float` argument (an `int` is read as one): an int too large for a float is a
/// `ParseError`, not an `OverflowError`; another type is pyo3's `TypeError`.
pub struct Real(pub f64);

impl<'a, 'py> FromPyObject<'a, 'py> for Real {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match obj.extract::<f64>() {
            Ok(v) => Ok(Real(v)),
            Err(e) if e.is_instance_of::<PyTypeError>(obj.py()) => Err(e),
            Err(e) => {
                Err(Error::parse("python", "number", format!("not a float: {e}")).to_py_err())
            }
        }
    }
}

/// An instant argument: an aware `datetime`. A naive one (which has no instant) is a
/// `ParseError`, not a bare `TypeError`; another type is pyo3's `TypeError`.
pub struct Instant(pub DateTime<Utc>);

impl<'a, 'py> FromPyObject<'a, 'py> for Instant {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match obj.extract::<DateTime<Utc>>() {
            Ok(v) => Ok(Instant(v)),
            Err(e) if !obj.is_instance_of::<PyDateTime>() => Err(e),
            Err(e) => Err(Error::parse(
                "python",
                "instant",
                if obj.getattr("tzinfo").is_ok_and(|tz| tz.is_none()) {
                    "a naive datetime has no instant: give it a tzinfo (an aware datetime)".into()
                } else {
                    format!("the datetime has no UTC offset: {e}")
                },
            )
            .to_py_err()),
        }
    }
}

/// A local wall-clock time argument: a `datetime` without tzinfo. An aware one is a
/// `ParseError`, not a bare `TypeError`; another type is pyo3's `TypeError`.
pub struct LocalTime(pub NaiveDateTime);

impl<'a, 'py> FromPyObject<'a, 'py> for LocalTime {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match obj.extract::<NaiveDateTime>() {
            Ok(v) => Ok(LocalTime(v)),
            Err(e) if !obj.is_instance_of::<PyDateTime>() => Err(e),
            Err(_) => Err(Error::parse(
                "python",
                "local time",
                "an aware datetime is no wall-clock time: give it without tzinfo",
            )
            .to_py_err()),
        }
    }
}

/// Borrows `other` for a method of `this` that changes `this`: the same object, or one in
/// use elsewhere, is an `invalid_input` error instead of pyo3's borrow `RuntimeError`.
pub fn borrow_other<'py, T: PyClass>(
    this: &Bound<'py, T>,
    other: &Bound<'py, T>,
    what: &str,
) -> PyResult<PyRef<'py, T>> {
    if this.as_any().is(other.as_any()) {
        return Err(Error::invalid(
            what,
            "the object being changed cannot be its own argument; pass a copy",
        )
        .to_py_err());
    }
    other
        .try_borrow()
        .map_err(|_| Error::invalid(what, "the object is in use by another call").to_py_err())
}

/// A core value from JSON text.
pub fn from_json<T: DeserializeOwned>(text: &str, what: &str) -> PyResult<T> {
    medjourney::json::from_str(text).map_err(|e| Error::json(what, &e).to_py_err())
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
            fn from_json(_cls: &pyo3::Bound<'_, pyo3::types::PyType>, text: $crate::convert::Text) -> pyo3::PyResult<Self> {
                $crate::convert::record_from_json(&text, $name)
            }

            /// The typed fields as a dict (`Decimal`, `Money`, `datetime`…): one table row.
            fn to_row<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::types::PyDict>> {
                $crate::convert::row_dict(py, vec![
                    $( ($crate::py_name!($field $(, $pyname)?), $crate::convert::ToPy::to_py(&self.0.$field, py)?), )*
                ])
            }

            fn __repr__(&self, py: pyo3::Python<'_>) -> pyo3::PyResult<String> {
                // A field Python cannot hold (a date past 9999) shows its JSON form: a repr
                // never raises.
                let parts: Vec<String> = vec![$(
                    format!("{}={}", stringify!($rfield), $crate::convert::ToPy::to_py(&self.0.$rfield, py)
                        .and_then(|v| Ok(v.repr()?.to_string()))
                        .unwrap_or_else(|_| serde_json::to_string(&self.0.$rfield).unwrap_or_default())),
                )*];
                Ok(format!("{}({})", $name, parts.join(", ")))
            }
        }
    };
}

/// `table!(PyX, |s| rows)`: the rows `rows` give `to_dicts()` (typed values) and
/// `to_pandas()`. The table's display (`to_html`, `_repr_html_`) is the core's, in
/// `display.rs`.
#[macro_export]
macro_rules! table {
    ($py:ident, |$s:ident| $rows:expr) => {
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

            /// The table's rows as a pandas DataFrame (needs pandas), at full precision.
            fn to_pandas<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::convert::to_pandas(self.to_dicts(py)?)
            }

            /// The table's rows as Arrow (`pa.table(t.to_arrow())`, `pl.from_arrow(…)`):
            /// columns of their JSON form, nested objects as dotted columns.
            fn to_arrow<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<$crate::tables::PyArrowTable> {
                // Columns in the order of the rows' fields (JSON objects are sorted).
                let order = $crate::convert::row_keys(&self.to_dicts(py)?)?;
                let $s = self;
                $crate::tables::PyArrowTable::from_rows(&$rows, &order)
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

/// The keys of the first row (the fields' order), none for no rows.
pub fn row_keys(rows: &Bound<'_, PyList>) -> PyResult<Vec<String>> {
    match rows.iter().next() {
        Some(first) => first.cast_into::<PyDict>()?.keys().extract(),
        None => Ok(Vec::new()),
    }
}

/// `medjourney._table.to_pandas(rows)`: the rows as a pandas frame.
pub fn to_pandas(rows: Bound<'_, PyList>) -> PyResult<Bound<'_, PyAny>> {
    let py = rows.py();
    py.import("medjourney._table")?
        .call_method1("to_pandas", (rows,))
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
    let dtype = numpy::dtype::<T>(py);
    let bad = |why: String| Error::invalid(format!("column {name}"), why).to_py_err();
    // numpy's own failures (a ragged list, a type it cannot compare, nesting it cannot
    // follow) are this column's; only running out of memory stays what it is.
    let numpy_failure = |e: PyErr| {
        if e.is_instance_of::<pyo3::exceptions::PyException>(py)
            && !e.is_instance_of::<pyo3::exceptions::PyMemoryError>(py)
            && !e.is_instance_of::<crate::errors::MedJourneyError>(py)
        {
            bad(e.to_string())
        } else {
            e
        }
    };
    let cast = (|| {
        let np = py.import("numpy")?;
        let arr = np.call_method1("asarray", (obj,))?;
        if arr.getattr("ndim")?.extract::<usize>()? != 1 {
            return Err(bad("must be one-dimensional".into()));
        }
        // Booleans and numbers only: numpy would also parse strings and call objects.
        let kind: String = arr.getattr("dtype")?.getattr("kind")?.extract()?;
        if !"biuf".contains(kind.as_str()) {
            return Err(bad(format!(
                "expected numbers, got dtype {}",
                arr.getattr("dtype")?.str()?
            )));
        }
        let cast = arr.call_method1("astype", (&dtype,))?;
        if !np
            .call_method1("array_equal", (&cast, &arr, true))?
            .extract::<bool>()?
        {
            return Err(bad(format!("values do not fit {}", dtype.str()?)));
        }
        np.call_method1("ascontiguousarray", (cast,))
    })()
    .map_err(numpy_failure)?;
    Ok(cast.cast_into::<PyArray1<T>>()?.readonly())
}
