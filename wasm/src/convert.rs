//! JsValue ⇄ core types, and core errors → thrown `MedJourneyError`s.
//!
//! # The one rule for arguments
//!
//! Every exported function and method takes each argument as a `JsValue` (typed for
//! TypeScript with `unchecked_param_type`, or an `extern` type below for an optional one).
//! A `JsValue` crosses into wasm as a handle, an index into wasm-bindgen's table: the
//! generated JS glue never copies it into wasm memory. The glue copies strings, slices,
//! numbers and class instances without checking their type (a number given for a string
//! reads wasm memory out of bounds, a `Symbol` for a number throws a bare `TypeError`, a
//! typed array too large to copy aborts in the allocator), so no argument is declared as
//! one of those. The helpers here check each handle and copy it with fallible
//! allocations; a value of the wrong type or form throws a `MedJourneyError` with the
//! core's code, and the module keeps working:
//!
//! | argument | helper | a wrong value |
//! |---|---|---|
//! | a plain object or array in the JSON shape | [`from_js`] (`JSON.stringify`, then the core's serde) | the core's code for the value, `parse_error` for the shape |
//! | an optional options object | [`opt_arg`] | the same; `unknown_field` for a field it does not have |
//! | text | [`text`], [`opt_text`] | `parse_error` (not a string, or not valid Unicode) |
//! | an enum name | [`name`], [`opt_name`] | `parse_error` for a non-string, the core's code for an unknown name |
//! | a whole number | [`whole`] | `parse_error` (not a number, not whole, out of the type's range) |
//! | a number | [`real`], [`opt_real`] | `parse_error` (not a number) |
//! | a boolean | [`flag`] | `parse_error` |
//! | numbers in bulk | [`numbers`] (a typed array copied at once, or a plain array as JSON) | `parse_error`; `invalid_input` when it cannot be copied into memory |
//! | numbers in bulk, too many to copy | [`Bulk`] (a typed array read a chunk at a time, or a plain array as JSON) | the same; `parse_error` when the array shrinks while it is read |
//! | a class instance (`Catalog`, `FxTable`…) | [`instance`] | `parse_error` for another value, `freed_object` for a freed one, `invalid_input` for one in use by the call |
//!
//! The object a method is called on (`this`) is not an argument: `receivers.js`, appended
//! to the glue by `build.sh`, checks it in JS and throws [`receiver_error`]'s error.
//!
//! Calls into JS that a hostile value could make throw (a proxy's traps, a getter) go
//! through `catch` bindings, so a JS exception never unwinds through wasm frames.

use std::any::TypeId;
use std::cell::RefCell;

use js_sys::{Array, ArrayBuffer, Function, JsString, Object, Reflect};
use medjourney::{Currency, Error};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::str::FromStr;
use wasm_bindgen::convert::{RefFromWasmAbi, WasmAbi};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &str = r#"
/**
 * What every medjourney function throws: an `Error` whose `name` is "MedJourneyError" and
 * whose `code` is one of the core's stable codes (`errorCodes()` lists them).
 */
export interface MedJourneyError extends Error {
  name: "MedJourneyError";
  code: ErrorCode;
}
"#;

/// Every error code the core has, in its order (the `ErrorCode` union of the `.d.ts`).
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "ErrorCode[]")]
pub fn error_codes() -> Vec<String> {
    Error::CODES.iter().map(|c| c.to_string()).collect()
}

/// The error the package's receiver check throws (`wasm/receivers.js`, appended to the glue
/// by `build.sh`): a method, getter or setter of `class` was used on `receiver`, which is
/// not a live instance of it. `freed` says it is one that was freed; `other` names the
/// package class `receiver` belongs to, if any (learnt by the check without running any
/// of the receiver's code). Internal: not in the `.d.ts`.
#[wasm_bindgen(js_name = __receiverError, skip_typescript)]
pub fn receiver_error(
    class: JsValue,
    member: JsValue,
    receiver: JsValue,
    freed: JsValue,
    other: JsValue,
) -> JsValue {
    let made = (|| -> JsResult<Error> {
        let class = text(&class, "class")?;
        let member = text(&member, "member")?;
        if flag(&freed, "freed")? {
            return Ok(Error::FreedObject {
                what: format!("{class}.{member}"),
                class,
            });
        }
        let got = match opt_text(Some(other), "other")? {
            Some(other) => format!("a {other} instance"),
            None if receiver.is_undefined() => {
                "undefined (a method taken from its object and called alone)".into()
            }
            None => kind_of(&receiver),
        };
        Ok(Error::InvalidReceiver { class, member, got })
    })();
    match made {
        Ok(err) => throw(err),
        Err(wrong) => wrong,
    }
}

/// Every exported function returns this: the error is a JS `Error` to throw.
pub type JsResult<T> = Result<T, JsValue>;

/// A JS `Error` named `MedJourneyError` carrying the core error's `.code`.
///
/// The only way the wrapper makes an error: every code comes from the core's `Error`,
/// so the wrapper cannot spell one differently from Rust and Python.
pub fn throw(err: Error) -> JsValue {
    let e = js_sys::Error::new(&err.to_string());
    e.set_name("MedJourneyError");
    // Reflect::set only fails on frozen or proxied targets; a fresh Error is neither.
    let _ = js_sys::Reflect::set(
        &e,
        &JsValue::from_str("code"),
        &JsValue::from_str(err.code()),
    );
    e.into()
}

/// Serializes to plain JS objects in the JSON shape: maps as objects, `None` as `null`.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsResult<JsValue> {
    let ser = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value.serialize(&ser).map_err(|e| {
        throw(Error::parse(
            "js",
            "result",
            format!("cannot convert result to JS: {e}"),
        ))
    })
}

/// An argument of the wrong type: `parse_error`, naming what was expected and what came.
fn wrong(what: &str, expected: &str, value: &JsValue) -> JsValue {
    throw(Error::parse(
        "js",
        what,
        format!("expected {expected}, got {}", kind_of(value)),
    ))
}

/// What a JS value is, for messages, without running any of its code (no getters, no
/// proxy traps): `typeof`, with `null` and arrays told apart.
fn kind_of(value: &JsValue) -> String {
    if value.is_null() {
        return "null".into();
    }
    let kind = value.js_typeof().as_string().unwrap_or_default();
    if kind == "object" && ArrayBuffer::is_view(value) {
        return "a typed array".into();
    }
    match kind.as_str() {
        "undefined" => "undefined (a missing argument)".into(),
        "object" => "an object".into(),
        "function" => "a function".into(),
        other => format!("a {other}"),
    }
}

/// Deserializes a plain JS object in the documented JSON shape.
///
/// It goes through `JSON.stringify` so JS's own rules apply exactly as for the JSON
/// vectors: `undefined` properties are absent, and `NaN` becomes `null` (then an error).
pub fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> JsResult<T> {
    let text = json_text(value, what)?;
    medjourney::json::from_str(&text).map_err(|e| throw(Error::deserialize("js", what, e)))
}

/// A plain JS value as JSON text (`JSON.stringify`), for the core's own `from_json` readers.
pub fn json_text(value: JsValue, what: &str) -> JsResult<String> {
    // Cycles, BigInts, throwing getters and proxies make JSON.stringify throw; the
    // binding catches that.
    let text = js_sys::JSON::stringify(&value)
        .map_err(|_| throw(Error::parse("js", what, "value cannot be read as JSON")))?;
    // `undefined`, functions and symbols stringify to `undefined`, not to a string.
    let text: JsValue = text.into();
    if !text.is_string() {
        return Err(wrong(what, "a JSON value", &value));
    }
    copy_string(text.unchecked_ref(), what)
}

/// Reads a string argument (a code, an RFC 3339 instant…) through serde, as JSON would.
///
/// The string is quoted as JSON text and read with the same reader as every other
/// argument (a `serde_json::Value` reader would add a second deserializer for each type).
pub fn from_str<T: DeserializeOwned>(text: &str, what: &str) -> JsResult<T> {
    serde_json::to_string(text)
        .and_then(|quoted| medjourney::json::from_str(&quoted))
        .map_err(|e| throw(Error::deserialize("js", what, e)))
}

/// A text argument: a JS string of well-formed Unicode, copied into a Rust `String`.
pub fn text(value: &JsValue, what: &str) -> JsResult<String> {
    if !value.is_string() {
        return Err(wrong(what, "a string", value));
    }
    let s: &JsString = value.unchecked_ref();
    if !s.is_well_formed() {
        return Err(throw(Error::parse(
            "js",
            what,
            "not valid Unicode text: it has a lone surrogate",
        )));
    }
    copy_string(s, what)
}

/// An optional text argument: absent, `undefined` or `null` give `None`.
pub fn opt_text(value: Option<impl Into<JsValue>>, what: &str) -> JsResult<Option<String>> {
    match present(value) {
        Some(v) => text(&v, what).map(Some),
        None => Ok(None),
    }
}

/// A string argument parsed as the JSON string it would be (an instant, a stage…).
pub fn text_as<T: DeserializeOwned>(value: &JsValue, what: &str) -> JsResult<T> {
    from_str(&text(value, what)?, what)
}

/// An enum argument given by its snake_case name, read with the core's `FromStr` (so an
/// unknown name keeps the core's code).
pub fn name<T: FromStr<Err = Error>>(value: &JsValue, what: &str) -> JsResult<T> {
    text(value, what)?.parse().map_err(throw)
}

/// An optional enum argument given by its name; absent, `undefined` or `null` give the
/// default.
pub fn opt_name<T: FromStr<Err = Error> + Default>(
    value: Option<impl Into<JsValue>>,
    what: &str,
) -> JsResult<T> {
    match present(value) {
        Some(v) => name(&v, what),
        None => Ok(T::default()),
    }
}

/// A currency argument given by its ISO 4217 code.
pub fn currency(value: &JsValue, field: &str) -> JsResult<Currency> {
    Currency::from_code_in(&text(value, field)?, field).map_err(throw)
}

/// A JS string copied into wasm memory in pieces, each with a fallible reservation, so a
/// string too large for memory is an error rather than an abort in the allocator.
fn copy_string(s: &JsString, what: &str) -> JsResult<String> {
    /// UTF-16 code units copied per piece.
    const PIECE: u32 = 1 << 16;
    let len = s.length();
    if len <= PIECE {
        return Ok(String::from(s));
    }
    let mut out = String::new();
    reserve(&mut out, len as usize, what)?;
    let mut start = 0;
    while start < len {
        let mut end = len.min(start + PIECE);
        // Never split a surrogate pair between two pieces.
        if end < len && (0xD800..0xDC00).contains(&(s.char_code_at(end - 1) as u32)) {
            end -= 1;
        }
        let piece = String::from(s.slice(start, end));
        reserve(&mut out, piece.len(), what)?;
        out.push_str(&piece);
        start = end;
    }
    Ok(out)
}

/// Reserves room for `more` bytes, or says the value is too large for wasm memory.
fn reserve(out: &mut String, more: usize, what: &str) -> JsResult<()> {
    out.try_reserve(more).map_err(|_| too_large(what, more))
}

/// A value too large to copy into wasm memory.
// The core's `too_large` variant (issue 14, core half) is the right code for this once it
// exists; until then it is the value being out of its allowed range.
pub fn too_large(what: &str, size: usize) -> JsValue {
    throw(Error::invalid(
        what,
        format!("{size} elements or bytes do not fit in the module's memory"),
    ))
}

/// A whole-number argument (a count, a size, a seed): a JS number that is an integer in
/// the range of `T` (never truncated or wrapped around).
pub fn whole<T: Whole>(value: &JsValue, what: &str) -> JsResult<T> {
    let expected = format!("a whole number from {} to {}", T::MIN, T::MAX);
    let Some(x) = value.as_f64() else {
        return Err(wrong(what, &expected, value));
    };
    // Beyond 2^53 a JS number is no longer every integer; none of the ranges goes there.
    let exact = x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_991.0;
    exact
        .then(|| T::try_from(x as i64).ok())
        .flatten()
        .ok_or_else(|| {
            throw(Error::parse(
                "js",
                what,
                format!("expected {expected}, got {x}"),
            ))
        })
}

/// An integer type [`whole`] reads, with its range for messages.
pub trait Whole: TryFrom<i64> {
    /// The smallest value a JS number holds exactly within the type.
    const MIN: i64;
    /// The largest value a JS number holds exactly within the type.
    const MAX: u64;
}

macro_rules! wholes {
    ($($t:ty),*) => {$(
        impl Whole for $t {
            const MIN: i64 = if (<$t>::MIN as i128) < -9_007_199_254_740_991 { -9_007_199_254_740_991 } else { <$t>::MIN as i64 };
            const MAX: u64 = if (<$t>::MAX as u128) > 9_007_199_254_740_991 { 9_007_199_254_740_991 } else { <$t>::MAX as u64 };
        }
    )*};
}
wholes!(u32, u64, usize, i64);

/// A number argument (any JS number, `NaN` and infinities included: the core judges them).
pub fn real(value: &JsValue, what: &str) -> JsResult<f64> {
    value.as_f64().ok_or_else(|| wrong(what, "a number", value))
}

/// An optional number argument: absent, `undefined` or `null` give `None`.
pub fn opt_real(value: Option<impl Into<JsValue>>, what: &str) -> JsResult<Option<f64>> {
    present(value).map(|v| real(&v, what)).transpose()
}

/// A boolean argument.
pub fn flag(value: &JsValue, what: &str) -> JsResult<bool> {
    value
        .as_bool()
        .ok_or_else(|| wrong(what, "a boolean", value))
}

/// The value of an optional argument, `None` when absent, `undefined` or `null`.
fn present(value: Option<impl Into<JsValue>>) -> Option<JsValue> {
    value
        .map(Into::into)
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// An optional trailing argument: absent, `undefined` or `null` give the type's default.
pub fn opt_arg<T: DeserializeOwned + Default>(
    value: Option<impl Into<JsValue>>,
    what: &str,
) -> JsResult<T> {
    match present(value) {
        Some(v) => from_js(v, what),
        None => Ok(T::default()),
    }
}

/// A number type that a JS typed array holds, for [`numbers`] and [`typed`].
pub trait Element: Copy + Default + DeserializeOwned + 'static {
    /// The typed array's constructor name, as `Symbol.toStringTag` reports it.
    const ARRAY: &'static str;
    /// A typed array over `len` elements at `ptr`, in wasm memory.
    ///
    /// # Safety
    /// `ptr..ptr+len` must be memory the caller owns (initialised or not); the view must
    /// be dropped before that memory is moved, freed or reallocated, and no allocation
    /// may happen while it is in use (a growing memory detaches it).
    unsafe fn view(ptr: *mut Self, len: usize) -> JsValue;
}

macro_rules! elements {
    ($($t:ty => $array:ident),+ $(,)?) => {$(
        impl Element for $t {
            const ARRAY: &'static str = stringify!($array);
            unsafe fn view(ptr: *mut Self, len: usize) -> JsValue {
                // SAFETY: the caller keeps the memory in place while the view is used.
                unsafe { js_sys::$array::view_mut_raw(ptr, len) }.into()
            }
        }
    )+};
}
elements!(f64 => Float64Array, i8 => Int8Array, u8 => Uint8Array, u32 => Uint32Array, i64 => BigInt64Array);

/// `%TypedArray%.prototype`'s own `length` and `Symbol.toStringTag` getters and `set`:
/// applied to a value they read its internal slots, which neither an own property nor a
/// changed prototype can fake.
struct TypedArrayIntrinsics {
    length: Function,
    tag: Function,
    set: Function,
    subarray: Function,
}

thread_local! {
    static TYPED: Option<TypedArrayIntrinsics> = typed_intrinsics();
}

fn typed_intrinsics() -> Option<TypedArrayIntrinsics> {
    let int8 = Reflect::get_prototype_of(&js_sys::Int8Array::new_with_length(0)).ok()?;
    let base = Reflect::get_prototype_of(&int8).ok()?;
    let getter = |key: &JsValue| -> Option<Function> {
        let desc = Reflect::get_own_property_descriptor(&base, key).ok()?;
        Reflect::get(&desc, &JsValue::from_str("get"))
            .ok()?
            .dyn_into()
            .ok()
    };
    Some(TypedArrayIntrinsics {
        length: getter(&JsValue::from_str("length"))?,
        tag: getter(&js_sys::Symbol::to_string_tag().into())?,
        set: Reflect::get(&base, &JsValue::from_str("set"))
            .ok()?
            .dyn_into()
            .ok()?,
        subarray: Reflect::get(&base, &JsValue::from_str("subarray"))
            .ok()?
            .dyn_into()
            .ok()?,
    })
}

/// The length of `value` when it is a genuine typed array of `T` (not a proxy, a
/// `DataView` or another element type).
fn typed_length<T: Element>(value: &JsValue) -> Option<usize> {
    // `ArrayBuffer.isView` reads an internal slot: false for proxies, never throws.
    if !ArrayBuffer::is_view(value) {
        return None;
    }
    TYPED.with(|t| {
        let t = t.as_ref()?;
        let none = Array::new();
        let tag = Reflect::apply(&t.tag, value, &none).ok()?;
        if tag != JsValue::from_str(T::ARRAY) {
            return None;
        }
        let len = Reflect::apply(&t.length, value, &none).ok()?.as_f64()?;
        Some(len as usize)
    })
}

/// A typed array of `T` copied into a new `Vec` at once; `None` for any other value.
pub fn typed<T: Element>(value: &JsValue, what: &str) -> Option<JsResult<Vec<T>>> {
    let len = typed_length::<T>(value)?;
    Some(copy_typed(value, len, what))
}

fn copy_typed<T: Element>(value: &JsValue, len: usize, what: &str) -> JsResult<Vec<T>> {
    let mut out: Vec<T> = Vec::new();
    out.try_reserve_exact(len)
        .map_err(|_| too_large(what, len))?;
    if len == 0 {
        return Ok(out);
    }
    let args = Array::of1(value);
    // Handing the view to JS may grow wasm-bindgen's table of handles, which can grow the
    // memory and detach the view before `set` runs; `set` then throws and a second view
    // over the grown memory copies.
    for _ in 0..2 {
        // The view covers the reserved, not yet initialised capacity: `set` writes all of
        // it, so the buffer is not zero-filled first (at 10^6 × 8 values that fill is as
        // costly as the copy itself).
        // SAFETY: `out`'s capacity is at least `len` and stays in place, and Rust
        // allocates nothing while the view is used.
        let view = unsafe { T::view(out.as_mut_ptr(), len) };
        let copied = TYPED.with(|t| {
            t.as_ref()
                .is_some_and(|t| Reflect::apply(&t.set, &view, &args).is_ok())
        });
        if copied {
            // SAFETY: `set` succeeded, so it wrote all `len` elements (a typed array's
            // `set` from a same-length typed array copies every element or throws).
            unsafe { out.set_len(len) };
            return Ok(out);
        }
    }
    Err(throw(Error::parse(
        "js",
        what,
        format!("the {} could not be copied", T::ARRAY),
    )))
}

/// Numbers in bulk: a typed array of `T` (copied at once), or a plain array read as JSON
/// (every element a number that fits `T`).
pub fn numbers<T: Element>(value: JsValue, what: &str) -> JsResult<Vec<T>> {
    match typed::<T>(&value, what) {
        Some(copied) => copied,
        None if value.is_object() && !ArrayBuffer::is_view(&value) => from_js(value, what),
        None => Err(wrong(
            what,
            &format!("a {} or an array of numbers", T::ARRAY),
            &value,
        )),
    }
}

/// Numbers in bulk read a chunk at a time ([`Bulk::read`]): a typed array of `T` is never
/// copied whole, only the chunk asked for, into one reused buffer; a plain array is read
/// as JSON at once, as [`numbers`] reads it.
pub enum Bulk<T> {
    /// A genuine typed array of `T`, `len` elements long.
    Typed {
        /// The array.
        value: JsValue,
        /// Its length when the call began.
        len: usize,
        /// The last chunk read.
        buf: Vec<T>,
    },
    /// The numbers of a plain array.
    Copied(Vec<T>),
}

impl<T: Element> Bulk<T> {
    /// A typed array of `T` or a plain array of numbers; any other value is a
    /// `parse_error`, as for [`numbers`].
    pub fn new(value: JsValue, what: &str) -> JsResult<Bulk<T>> {
        match typed_length::<T>(&value) {
            // The length is saturated to usize: an array that long could not be indexed.
            Some(len) if len == usize::MAX => Err(too_large(what, len)),
            Some(len) => Ok(Bulk::Typed {
                value,
                len,
                buf: Vec::new(),
            }),
            None => numbers(value, what).map(Bulk::Copied),
        }
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        match self {
            Bulk::Typed { len, .. } => *len,
            Bulk::Copied(v) => v.len(),
        }
    }

    /// Elements `start..start + count`. From a typed array they are copied into the
    /// buffer, which grows to the largest chunk asked for (fallibly: `invalid_input` when
    /// it does not fit); the array going shorter meanwhile (a detached or resized buffer)
    /// is a `parse_error`.
    pub fn read(&mut self, start: usize, count: usize, what: &str) -> JsResult<&[T]> {
        let lost = || {
            throw(Error::parse(
                "js",
                what,
                format!(
                    "elements {start} to {start}+{count} of the {} could not be read",
                    T::ARRAY
                ),
            ))
        };
        let end = start.checked_add(count).ok_or_else(lost)?;
        match self {
            Bulk::Copied(v) => v.get(start..end).ok_or_else(lost),
            Bulk::Typed { value, buf, .. } => {
                if buf.len() < count {
                    buf.try_reserve_exact(count - buf.len())
                        .map_err(|_| too_large(what, count))?;
                    buf.resize(count, T::default());
                }
                // The intrinsic `subarray` (a species constructor on the array could return
                // another array: its type and length are checked before it is copied).
                let bounds = Array::of2(&(start as f64).into(), &(end as f64).into());
                let part = TYPED
                    .with(|t| Reflect::apply(&t.as_ref()?.subarray, value, &bounds).ok())
                    .ok_or_else(lost)?;
                if typed_length::<T>(&part) != Some(count) {
                    return Err(lost());
                }
                let args = Array::of1(&part);
                // As in `copy_typed`: a view detached by a grown memory fails `set`, and a
                // second view over the grown memory copies.
                for _ in 0..2 {
                    let dst = buf.get_mut(..count).ok_or_else(lost)?;
                    // SAFETY: `dst` is initialised memory of `count` elements that stays in
                    // place, and Rust allocates nothing while the view is used.
                    let view = unsafe { T::view(dst.as_mut_ptr(), count) };
                    let copied = TYPED.with(|t| {
                        t.as_ref()
                            .is_some_and(|t| Reflect::apply(&t.set, &view, &args).is_ok())
                    });
                    if copied {
                        return buf.get(..count).ok_or_else(lost);
                    }
                }
                Err(lost())
            }
        }
    }
}

#[wasm_bindgen]
extern "C" {
    /// JS's `Float64Array`, for a constructor call that catches.
    #[wasm_bindgen(js_name = Float64Array)]
    type NewFloat64Array;
    /// `new Float64Array(length)`, caught: a length JS cannot allocate throws a `RangeError`.
    #[wasm_bindgen(catch, constructor, js_class = "Float64Array")]
    fn new(length: f64) -> Result<NewFloat64Array, JsValue>;
}

/// A new `Float64Array` of `len` zeros for a result written a chunk at a time
/// ([`write_f64`]); `invalid_input` when JS cannot allocate it.
pub fn float64_array(len: usize, what: &str) -> JsResult<js_sys::Float64Array> {
    NewFloat64Array::new(len as f64)
        .map(JsCast::unchecked_into)
        .map_err(|_| too_large(what, len))
}

/// Copies `values` into `out` from index `start` (`out` is an array this module made, at
/// least `start + values.len()` long).
pub fn write_f64(
    out: &js_sys::Float64Array,
    start: usize,
    values: &[f64],
    what: &str,
) -> JsResult<()> {
    // The view is checked before it is used: one detached by a grown memory reads as
    // empty, and `set` would copy nothing without an error.
    for _ in 0..2 {
        // SAFETY: `values` stays in place and Rust allocates nothing while the view is used.
        let view = unsafe { js_sys::Float64Array::view(values) };
        if view.length() as usize == values.len() {
            out.set(&view, start as u32);
            return Ok(());
        }
    }
    Err(throw(Error::parse(
        "js",
        what,
        "the results could not be copied out of the module's memory",
    )))
}

/// Bytes: a `Uint8Array`, copied at once; any other value is a `parse_error`.
pub fn byte_array(value: &JsValue, what: &str) -> JsResult<Vec<u8>> {
    typed::<u8>(value, what).unwrap_or_else(|| Err(wrong(what, "a Uint8Array", value)))
}

/// An exported class whose instances can be arguments ([`instance`]).
pub trait Class: RefFromWasmAbi + Into<JsValue> + Sized + 'static {
    /// The class's name in JS.
    const NAME: &'static str;
    /// A cheap instance, made once and freed at once to learn the class's JS prototype.
    fn probe() -> Option<Self>;
}

thread_local! {
    static PROTOTYPES: RefCell<Vec<(TypeId, Object)>> = const { RefCell::new(Vec::new()) };
}

/// The JS prototype of class `C`'s instances, learnt once from a throwaway instance.
fn prototype<C: Class>() -> Option<Object> {
    let id = TypeId::of::<C>();
    let known = PROTOTYPES.with(|p| {
        p.borrow()
            .iter()
            .find(|(t, _)| *t == id)
            .map(|(_, o)| o.clone())
    });
    if known.is_some() {
        return known;
    }
    let probe: JsValue = C::probe()?.into();
    let proto = Reflect::get_prototype_of(&probe).ok()?;
    if let Ok(free) = Reflect::get(&probe, &JsValue::from_str("free")) {
        if let Some(free) = free.dyn_ref::<Function>() {
            let _ = free.call0(&probe);
        }
    }
    PROTOTYPES.with(|p| p.borrow_mut().push((id, proto.clone())));
    Some(proto)
}

/// A class instance argument, borrowed for the call: the same check wasm-bindgen's glue
/// makes for a `&C` argument (an instance of the class, not freed, not in use mutably),
/// with a `MedJourneyError` instead of a bare `Error` for any other value.
pub fn instance<C>(value: &JsValue, what: &str) -> JsResult<C::Anchor>
where
    C: Class,
    <C as RefFromWasmAbi>::Abi: WasmAbi<Prim1 = u32, Prim2 = (), Prim3 = (), Prim4 = ()>,
{
    let expected = format!("a {} instance", C::NAME);
    let proto = prototype::<C>();
    let ours = value.is_object()
        && proto.is_some_and(|p| {
            Reflect::get_prototype_of(value).is_ok_and(|v| JsValue::from(v) == JsValue::from(p))
        });
    if !ours {
        return Err(wrong(what, &expected, value));
    }
    let ptr = Reflect::get(value, &JsValue::from_str("__wbg_ptr"))
        .ok()
        .and_then(|p| p.as_f64())
        .filter(|p| *p >= 1.0 && *p <= f64::from(u32::MAX) && p.fract() == 0.0);
    let Some(ptr) = ptr else {
        return Err(throw(Error::FreedObject {
            class: C::NAME.into(),
            what: what.into(),
        }));
    };
    let abi = <<C as RefFromWasmAbi>::Abi as WasmAbi>::join(ptr as u32, (), (), ());
    // SAFETY: as in wasm-bindgen's own glue for a `&C` argument, `__wbg_ptr` of a live
    // instance of C's class is the pointer wasm-bindgen made for it (freed instances
    // hold 0, refused above); `try_ref_from_abi` refuses one that is mutably borrowed.
    unsafe { C::try_ref_from_abi(abi) }.map_err(|_| {
        throw(Error::invalid(
            what,
            format!(
                "this {} is in use by the call itself (an object cannot be its own argument)",
                C::NAME
            ),
        ))
    })
}

#[wasm_bindgen]
extern "C" {
    /// An optional `ConvertOptions` argument (typed for TypeScript, read through JSON).
    #[wasm_bindgen(typescript_type = "ConvertOptions")]
    pub type ConvertOptionsArg;
    /// An optional `CompareOptions` argument.
    #[wasm_bindgen(typescript_type = "CompareOptions")]
    pub type CompareOptionsArg;
    /// An optional `MapOptions` argument.
    #[wasm_bindgen(typescript_type = "MapOptions")]
    pub type MapOptionsArg;
    /// An optional `RankOptions` argument.
    #[wasm_bindgen(typescript_type = "RankOptions")]
    pub type RankOptionsArg;
    /// An optional `ItineraryRules` argument.
    #[cfg(feature = "itinerary")]
    #[wasm_bindgen(typescript_type = "ItineraryRules")]
    pub type ItineraryRulesArg;
    /// An optional `FhirOptions` argument.
    #[cfg(feature = "fhir")]
    #[wasm_bindgen(typescript_type = "FhirOptions")]
    pub type FhirOptionsArg;
    /// An optional `RoundingMode` argument.
    #[wasm_bindgen(typescript_type = "RoundingMode")]
    pub type RoundingModeArg;
    /// An optional `QuantileMode` argument.
    #[wasm_bindgen(typescript_type = "QuantileMode")]
    pub type QuantileModeArg;
    /// An optional `Normalization` argument.
    #[wasm_bindgen(typescript_type = "Normalization")]
    pub type NormalizationArg;
    /// An optional string argument.
    #[wasm_bindgen(typescript_type = "string")]
    pub type StringArg;
    /// An optional number argument.
    #[wasm_bindgen(typescript_type = "number")]
    pub type NumberArg;
}
