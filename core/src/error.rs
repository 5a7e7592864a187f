//! The one error type of medjourney: every variant has a stable snake_case code.
//!
//! Wrappers map [`Error::kind`] to their own exception types; they never look at the
//! message, which is for people, and never spell a code themselves: [`Error::CODES`] lists
//! every code, and each code has exactly one [`ErrorKind`].
//!
//! # Errors inside serde
//!
//! A value the core refuses while it is being deserialized (an unknown currency, a float
//! amount, an unknown enum name or option field, a rate of zero in an FX table) fails with
//! [`Error::into_de`]: the serde error message carries the whole variant, fields and all,
//! after the human-readable text. [`Error::deserialize`] (and [`Error::json`]) restore that
//! variant from any deserializer's error (serde_json, pythonize, serde-wasm-bindgen), so a
//! value gets the same code from JSON, from a Python dict, from a JS object and from
//! `FromStr`. Only a malformed shape (a missing field, a wrong type) is a `parse_error`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Declares [`Error`] with each variant's code and kind, so [`Error::CODES`],
/// [`Error::code`] and [`Error::kind`] come from one table and cannot drift apart.
macro_rules! errors {
    ($(
        $(#[$meta:meta])*
        $variant:ident { $($field:ident : $ty:ty),* $(,)? } => $code:literal, $kind:ident;
    )+) => {
        /// Every way an input can be rejected. `code()` is stable; messages may improve.
        ///
        /// Serialized (for [`Error::into_de`]) as `{"<code>": {fields…}}`.
        #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum Error {
            $(
                $(#[$meta])*
                #[serde(rename = $code)]
                $variant { $($field: $ty),* },
            )+
        }

        /// Every error code as a type: TypeScript's union of the codes (`ErrorCode`).
        #[cfg(feature = "typescript")]
        #[derive(Serialize, tsify::Tsify)]
        #[allow(dead_code)] // only its TypeScript declaration is used
        enum ErrorCode {
            $(#[serde(rename = $code)] $variant,)+
        }

        impl Error {
            /// Every error code, in declaration order: the same list in Rust, Python and JS.
            pub const CODES: &'static [&'static str] = &[$($code),+];

            /// The stable snake_case code of this error, the same in Rust, Python and JS.
            pub fn code(&self) -> &'static str {
                match self {
                    $(Error::$variant { .. } => $code,)+
                }
            }

            /// The family of this error: wrappers raise one exception class per kind.
            pub fn kind(&self) -> ErrorKind {
                match self {
                    $(Error::$variant { .. } => ErrorKind::$kind,)+
                }
            }

            /// The kind of the error with this code (`None` for a string that is no code).
            pub fn kind_of(code: &str) -> Option<ErrorKind> {
                match code {
                    $($code => Some(ErrorKind::$kind),)+
                    _ => None,
                }
            }

            /// One error of every variant, its fields filled by [`tests::Sample`], with
            /// the names of its fields in declaration order.
            #[cfg(test)]
            fn every_variant() -> Vec<(Error, &'static [&'static str])> {
                vec![$((
                    Error::$variant {
                        $($field: tests::Sample::sample(stringify!($field)),)*
                    },
                    &[$(stringify!($field)),*],
                ),)+]
            }

            /// The variant with this code from its carried fields, or `None` where the
            /// derived `Deserialize` refuses them too (see [`carried::Fields`]).
            fn from_carried(code: &str, mut fields: carried::Fields) -> Option<Error> {
                match code {
                    $($code => {
                        let names: &[&str] = &[$(stringify!($field)),*];
                        fields.check(names)?;
                        // The index of each field, for the array form.
                        let mut at = 0usize..;
                        Some(Error::$variant {
                            $($field: fields.take(at.next()?, stringify!($field))?,)*
                        })
                    })+
                    _ => None,
                }
            }
        }
    };
}

errors! {
    // ---- money and exchange rates -------------------------------------------------
    /// A currency code that is not an active ISO 4217 code.
    #[error("unknown currency {code:?} in {field}")]
    UnknownCurrency { field: String, code: String } => "unknown_currency", UnknownCurrency;

    /// Arithmetic or comparison between two different currencies.
    #[error("currency mismatch in {operation}: {left} vs {right}")]
    CurrencyMismatch { operation: String, left: String, right: String }
        => "currency_mismatch", CurrencyMismatch;

    /// A result that does not fit the decimal or integer range.
    #[error("overflow in {operation}")]
    Overflow { operation: String } => "overflow", Overflow;

    /// A text that is not a decimal amount, or an amount that cannot be used as asked.
    #[error("invalid amount {value:?} in {field}: {reason}")]
    InvalidAmount { field: String, value: String, reason: String } => "invalid_amount", Validation;

    /// Ratios for an allocation that are empty, negative or all zero.
    #[error("invalid ratios {value}: {reason}")]
    InvalidRatios { value: String, reason: String } => "invalid_ratios", Validation;

    /// A currency without ISO minor units (funds, metals) where rounding needs them.
    #[error("currency {code} has no ISO minor units, so {operation} cannot round to them")]
    NoMinorUnits { code: String, operation: String } => "no_minor_units", Validation;

    /// No direct, inverse or cross rate between two currencies.
    #[error("no exchange rate from {from} to {to}")]
    NoRate { from: String, to: String } => "no_rate", Rate;

    /// A rate older than the caller's maximum age at the caller's "now".
    #[error(
        "stale exchange rate {from}->{to}: as of {as_of}, older than {max_age_hours} h at {now}"
    )]
    StaleRate { from: String, to: String, as_of: String, now: String, max_age_hours: i64 }
        => "stale_rate", Rate;

    /// A rate that is zero, negative, or between a currency and itself.
    #[error("invalid exchange rate {from}->{to} = {rate}: {reason}")]
    InvalidRate { from: String, to: String, rate: String, reason: String } => "invalid_rate", Rate;

    // ---- cost breakdowns, insurance, payment plans --------------------------------
    /// A payment plan that cannot be built (no installments, deposit above total, …).
    #[error("invalid payment plan: {reason}")]
    InvalidPaymentPlan { reason: String } => "invalid_payment_plan", Validation;

    /// An insurance policy whose terms contradict each other.
    #[error("invalid insurance policy field {field}: {reason}")]
    InvalidPolicy { field: String, reason: String } => "invalid_policy", Validation;

    /// A quote or trip line whose prices, quantities or dates cannot be used.
    #[error("invalid quote {quote}, field {field}: {reason}")]
    InvalidQuote { quote: String, field: String, reason: String } => "invalid_quote", Validation;

    // ---- provider matching ---------------------------------------------------------
    /// Criterion weights that are negative, non-finite or all zero.
    #[error("invalid weights {value}: {reason}")]
    InvalidWeights { value: String, reason: String } => "invalid_weights", Validation;

    /// A decision matrix whose shape or values cannot be scored.
    #[error("invalid matrix: {reason}")]
    InvalidMatrix { reason: String } => "invalid_matrix", Validation;

    /// A provider record in a catalog that fails validation.
    #[error("invalid provider record {record}, field {field}: {reason}")]
    InvalidProvider { record: String, field: String, reason: String }
        => "invalid_provider", Validation;

    // ---- journeys and the journey map ---------------------------------------------
    /// A stage move the journey rules do not allow.
    #[error("invalid transition from {from} to {to}: {reason}")]
    InvalidTransition { from: String, to: String, reason: String }
        => "invalid_transition", Transition;

    /// An instant earlier than one already recorded.
    #[error("time order violated in {field}: {value} is before {previous}")]
    TimeOrder { field: String, value: String, previous: String } => "time_order", Transition;

    /// A touchpoint recorded where the journey cannot take it.
    #[error("invalid touchpoint {id}: {reason}")]
    InvalidTouchpoint { id: String, reason: String } => "invalid_touchpoint", Validation;

    // ---- itineraries ---------------------------------------------------------------
    /// A name that is not an IANA time zone.
    #[error("unknown time zone {zone:?} in {field}")]
    UnknownTimeZone { field: String, zone: String } => "unknown_time_zone", Validation;

    /// An itinerary item whose own fields contradict each other (end before start, …).
    #[error("invalid itinerary item {item}, field {field}: {reason}")]
    InvalidItem { item: String, field: String, reason: String } => "invalid_item", Validation;

    // ---- healthcare knowledge ------------------------------------------------------
    /// A procedure code with no procedure guide.
    #[error("no procedure guide for {code:?}")]
    UnknownProcedure { code: String } => "unknown_procedure", Validation;

    // ---- FHIR ----------------------------------------------------------------------
    /// A bundle entry medjourney cannot read: the entry (index, fullUrl or id), the element
    /// path within it, and why.
    #[error("invalid FHIR bundle {entry}, element {element}: {reason}")]
    InvalidFhir { entry: String, element: String, reason: String } => "invalid_fhir", Validation;

    // ---- trip planning -------------------------------------------------------------
    /// A well-formed plan request that no trip satisfies (dates, fit to fly, visa limits).
    #[error("no feasible plan ({field}): {reason}")]
    NoFeasiblePlan { field: String, reason: String } => "no_feasible_plan", Validation;

    // ---- shared --------------------------------------------------------------------
    /// A field whose value is out of its allowed range or form (an unknown enum name too).
    #[error("invalid value for {field}: {reason}")]
    InvalidInput { field: String, reason: String } => "invalid_input", Validation;

    /// An option or keyword name the options do not have (a typo such as `top_K`).
    #[error("unknown field {field:?}; expected one of {expected}")]
    UnknownField { field: String, expected: String } => "unknown_field", Validation;

    /// An input or a result beyond a documented limit (items, parts, installments, JSON
    /// nesting, text length; see [`crate::limits`]): refused before it can exhaust memory
    /// or time.
    #[error("{what} is too large: the limit is {limit}")]
    TooLarge { what: String, limit: u64 } => "too_large", Validation;

    /// An object of a binding used after it was released (JS: after `free()`, or after a
    /// call consumed it); `what` is the method, property or argument that used it.
    #[error("{what}: this {class} was freed (by free() or by a call that consumed it)")]
    FreedObject { class: String, what: String } => "freed_object", Validation;

    /// A method or property of a binding's class used on something that is not an
    /// instance of it (JS: another class's object as `this`, or a method detached from
    /// its object and called alone).
    #[error("{class}.{member} was called on {got}, not on a {class} instance")]
    InvalidReceiver { class: String, member: String, got: String }
        => "invalid_receiver", Validation;

    /// JSON or CSV text, or bytes of a binary form (truncated, damaged, not ours), that
    /// do not parse into the expected shape.
    #[error("invalid {format} for {what}: {reason}")]
    Parse { format: String, what: String, reason: String } => "parse_error", Parse;

    /// Bytes of a versioned binary form written in a format version this build does not
    /// read (a newer one, or one retired): refused rather than misread.
    #[error("{what} is in format version {version}; this build reads version {supported}")]
    UnsupportedVersion { what: String, version: u64, supported: String }
        => "unsupported_version", Parse;
}

/// The families of errors: each wrapper raises one exception class per kind (Python's
/// `CurrencyMismatchError`, `UnknownCurrencyError`, `ArithmeticOverflowError`,
/// `RateError`, `TransitionError`, `ValidationError`, `ParseError`).
///
/// Exhaustive on purpose: a new kind must be mapped by every wrapper before it compiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Arithmetic or comparison across currencies.
    CurrencyMismatch,
    /// A code that is not an ISO 4217 currency.
    UnknownCurrency,
    /// Numeric range.
    Overflow,
    /// Exchange rates missing, stale or invalid.
    Rate,
    /// Journey stage rules and time order.
    Transition,
    /// Any other malformed or out-of-range input.
    Validation,
    /// Text that does not parse.
    Parse,
}

/// Starts the serialized error inside a serde message. serde_json escapes every control
/// character in its output, so the payload can never contain this one: the last one in a
/// message is always the mark.
const CARRIED: char = '\u{1}';

impl Error {
    /// Shorthand for an [`Error::InvalidInput`].
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// Shorthand for an [`Error::Parse`]: `what` in `format` cannot be read (or written) as
    /// the expected shape.
    pub fn parse(
        format: impl Into<String>,
        what: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Error::Parse {
            format: format.into(),
            what: what.into(),
            reason: reason.into(),
        }
    }

    /// Shorthand for an [`Error::Overflow`].
    pub fn overflow(operation: impl Into<String>) -> Self {
        Error::Overflow {
            operation: operation.into(),
        }
    }

    /// Shorthand for an [`Error::TooLarge`].
    pub fn too_large(what: impl Into<String>, limit: usize) -> Self {
        Error::TooLarge {
            what: what.into(),
            limit: u64::try_from(limit).unwrap_or(u64::MAX),
        }
    }

    /// The error of a JSON reader: the carried variant when the core refused a value,
    /// a `too_large` error for text nested deeper than serde_json's recursion limit
    /// ([`crate::limits::JSON_DEPTH`]), otherwise an [`Error::Parse`] of `what`.
    pub fn json(what: impl Into<String>, err: &serde_json::Error) -> Self {
        // serde_json names this error only in its message ("recursion limit exceeded").
        if err.is_syntax() && err.to_string().starts_with("recursion limit exceeded") {
            return Error::too_large(
                format!("the nesting of the JSON text for {}", what.into()),
                crate::limits::JSON_DEPTH,
            );
        }
        Error::deserialize("json", what, err)
    }

    /// The error of any serde deserializer (JSON, pythonize, serde-wasm-bindgen): the
    /// variant carried by [`Error::into_de`] with every field, or else an
    /// [`Error::Parse`] of `what` in `format` (a malformed shape).
    pub fn deserialize(
        format: impl Into<String>,
        what: impl Into<String>,
        err: impl fmt::Display,
    ) -> Self {
        let message = err.to_string();
        if let Some(carried) = Error::carried_in(&message) {
            return carried;
        }
        Error::Parse {
            format: format.into(),
            what: what.into(),
            reason: message,
        }
    }

    /// This error as the error of any serde deserializer, carrying the whole variant so
    /// that [`Error::deserialize`] restores it after the deserializer hands it back.
    pub fn into_de<E: serde::de::Error>(self) -> E {
        E::custom(Carried(&self))
    }

    fn carried_in(message: &str) -> Option<Error> {
        let start = message.rfind(CARRIED)? + CARRIED.len_utf8();
        let payload = message.get(start..)?;
        // A deserializer may append its own text (serde_json: " at line 1 column 9").
        let (code, fields) = serde_json::Deserializer::from_str(payload)
            .into_iter::<carried::Payload>()
            .next()?
            .ok()?
            .0;
        Error::from_carried(&code, fields)
    }
}

/// The reader of a carried variant. The derived `Deserialize` of [`Error`] compiles a
/// reader per variant (50 KB of the npm module); this one is shared by every variant and
/// accepts exactly what the derived one accepts: `{"<code>": {fields…}}` with each field
/// once, other names ignored, or `{"<code>": [fields…]}` with every field in declaration
/// order, each of its field's type (`String`, `i64`, `u64`).
mod carried {
    use std::fmt;

    use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

    /// The code and the fields of a carried variant.
    pub(super) struct Payload(pub(super) (String, Fields));

    /// A variant's fields, as an object (by name) or as an array (by position).
    pub(super) enum Fields {
        Named(Vec<(String, Value)>),
        Ordered(Vec<Value>),
    }

    /// One value of the payload: the kinds error fields have, and anything else.
    pub(super) enum Value {
        Text(String),
        Int(i128),
        Other,
    }

    impl Fields {
        /// `Some` when the fields `names` can be taken: in an array exactly one value
        /// each; in an object each name exactly once (a repeated field is refused).
        pub(super) fn check(&self, names: &[&str]) -> Option<()> {
            let fits = match self {
                Fields::Ordered(values) => values.len() == names.len(),
                Fields::Named(pairs) => names
                    .iter()
                    .all(|n| pairs.iter().filter(|(k, _)| k == n).count() == 1),
            };
            fits.then_some(())
        }

        /// The field `name`, at `index` in the array form, as its type.
        pub(super) fn take<T: FromValue>(&mut self, index: usize, name: &str) -> Option<T> {
            let slot = match self {
                Fields::Ordered(values) => values.get_mut(index)?,
                Fields::Named(pairs) => &mut pairs.iter_mut().find(|(k, _)| k == name)?.1,
            };
            T::from_value(std::mem::replace(slot, Value::Other))
        }
    }

    /// A field type of [`super::Error`], read from a [`Value`] as serde reads it from JSON.
    pub(super) trait FromValue: Sized {
        fn from_value(value: Value) -> Option<Self>;
    }

    impl FromValue for String {
        fn from_value(value: Value) -> Option<Self> {
            match value {
                Value::Text(s) => Some(s),
                _ => None,
            }
        }
    }

    impl FromValue for i64 {
        fn from_value(value: Value) -> Option<Self> {
            match value {
                Value::Int(i) => i64::try_from(i).ok(),
                _ => None,
            }
        }
    }

    impl FromValue for u64 {
        fn from_value(value: Value) -> Option<Self> {
            match value {
                Value::Int(i) => u64::try_from(i).ok(),
                _ => None,
            }
        }
    }

    impl<'de> Deserialize<'de> for Payload {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Payload;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an object with one error code")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Payload, A::Error> {
                    let code: String = map
                        .next_key()?
                        .ok_or_else(|| de::Error::custom("no error code"))?;
                    let fields: Fields = map.next_value()?;
                    if map.next_key::<IgnoredAny>()?.is_some() {
                        return Err(de::Error::custom("more than one error code"));
                    }
                    Ok(Payload((code, fields)))
                }
            }
            d.deserialize_map(V)
        }
    }

    impl<'de> Deserialize<'de> for Fields {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Fields;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an error's fields")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                    let mut pairs = Vec::new();
                    while let Some(pair) = map.next_entry()? {
                        pairs.push(pair);
                    }
                    Ok(Fields::Named(pairs))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Fields, A::Error> {
                    let mut values = Vec::new();
                    while let Some(value) = seq.next_element()? {
                        values.push(value);
                    }
                    Ok(Fields::Ordered(values))
                }
            }
            d.deserialize_any(V)
        }
    }

    impl<'de> Deserialize<'de> for Value {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Value;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("any value")
                }
                fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
                    Ok(Value::Text(s.to_owned()))
                }
                fn visit_string<E: de::Error>(self, s: String) -> Result<Value, E> {
                    Ok(Value::Text(s))
                }
                fn visit_u64<E: de::Error>(self, n: u64) -> Result<Value, E> {
                    Ok(Value::Int(i128::from(n)))
                }
                fn visit_i64<E: de::Error>(self, n: i64) -> Result<Value, E> {
                    Ok(Value::Int(i128::from(n)))
                }
                fn visit_f64<E: de::Error>(self, _: f64) -> Result<Value, E> {
                    Ok(Value::Other)
                }
                fn visit_bool<E: de::Error>(self, _: bool) -> Result<Value, E> {
                    Ok(Value::Other)
                }
                fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
                    Ok(Value::Other)
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
                    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                    Ok(Value::Other)
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                    while seq.next_element::<IgnoredAny>()?.is_some() {}
                    Ok(Value::Other)
                }
            }
            d.deserialize_any(V)
        }
    }
}

/// The human-readable message, then the mark and the variant as JSON.
struct Carried<'a>(&'a Error);

impl fmt::Display for Carried<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        if let Ok(json) = serde_json::to_string(self.0) {
            write!(f, " {CARRIED}{json}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::Error as _;

    #[test]
    fn every_code_is_unique_snake_case_and_has_its_kind() {
        let mut seen = std::collections::HashSet::new();
        for code in Error::CODES {
            assert!(seen.insert(code), "{code} twice");
            assert!(code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
            assert!(Error::kind_of(code).is_some());
        }
        assert_eq!(Error::kind_of("no_such_code"), None);
    }

    #[test]
    fn a_carried_error_survives_any_deserializer_message_with_its_fields() {
        let original = Error::StaleRate {
            from: "EUR".into(),
            to: "USD \u{1} \"quoted\"".into(),
            as_of: "then".into(),
            now: "now".into(),
            max_age_hours: 48,
        };
        let de: serde_json::Error = original.clone().into_de();
        assert_eq!(Error::json("x", &de), original);
        let wrapped = format!("prefix \u{1} noise: {de} at line 3 column 7");
        assert_eq!(Error::deserialize("python", "x", wrapped), original);
    }

    /// A field value for [`Error::every_variant`].
    pub(super) trait Sample {
        fn sample(name: &str) -> Self;
    }

    impl Sample for String {
        fn sample(name: &str) -> Self {
            format!("{name} \u{1} \"quoted\" é")
        }
    }

    impl Sample for i64 {
        fn sample(_: &str) -> Self {
            -48
        }
    }

    impl Sample for u64 {
        fn sample(_: &str) -> Self {
            u64::MAX
        }
    }

    /// What the derived `Deserialize` makes of a carried payload, read as `carried_in` reads it.
    fn derived(payload: &str) -> Option<Error> {
        serde_json::Deserializer::from_str(payload)
            .into_iter::<Error>()
            .next()?
            .ok()
    }

    #[test]
    fn every_variant_survives_being_carried() {
        for (original, _) in Error::every_variant() {
            let de: serde_json::Error = original.clone().into_de();
            assert_eq!(Error::json("x", &de), original);
        }
    }

    #[test]
    fn the_carried_reader_accepts_exactly_what_the_derived_deserialize_accepts() {
        for (e, names) in Error::every_variant() {
            let code = e.code();
            let serde_json::Value::Object(outer) = serde_json::to_value(&e).unwrap() else {
                panic!("{code} is not an object");
            };
            let serde_json::Value::Object(fields) = outer[code].clone() else {
                panic!("{code} has no fields object");
            };
            let values: Vec<String> = names.iter().map(|n| fields[*n].to_string()).collect();
            let object = |pairs: &[(String, String)]| {
                let body: Vec<String> = pairs.iter().map(|(k, v)| format!("{k:?}:{v}")).collect();
                format!("{{{code:?}:{{{}}}}}", body.join(","))
            };
            let pairs: Vec<(String, String)> = names
                .iter()
                .map(|n| n.to_string())
                .zip(values.iter().cloned())
                .collect();
            let mut payloads = vec![
                object(&pairs),
                format!("{{{code:?}:[{}]}}", values.join(",")),
                format!("{{{code:?}:[{}]}}", values[1..].join(",")),
                format!("{{{code:?}:[{},1]}}", values.join(",")),
                format!("{{{code:?}:{}}}", object(&pairs)),
                format!("{{{code:?}:null}}"),
                format!("{:?}", code),
                format!("{{{code:?}:{{}}}}"),
                format!("{{}}"),
                format!("{{\"no_such_code\":{{}}}}"),
                format!("{} trailing text", object(&pairs)),
                format!("{{{code:?}:{}, \"extra\": 1}}", object(&pairs)),
            ];
            for i in 0..pairs.len() {
                let mut missing = pairs.clone();
                missing.remove(i);
                payloads.push(object(&missing));
                let mut twice = pairs.clone();
                twice.push(pairs[i].clone());
                payloads.push(object(&twice));
                for wrong in [
                    "1",
                    "-1",
                    "1.5",
                    "18446744073709551616",
                    "true",
                    "null",
                    "[]",
                    "{}",
                    "\"7\"",
                ] {
                    let mut typed = pairs.clone();
                    typed[i].1 = wrong.to_string();
                    payloads.push(object(&typed));
                }
            }
            let mut extra = pairs.clone();
            extra.push(("unknown".into(), "{\"deep\":[1,{\"x\":null}]}".into()));
            payloads.push(object(&extra));
            extra.push(("unknown".into(), "2".into()));
            payloads.push(object(&extra));
            // Both forms of the whole variant are read back; the rest are refused or not.
            assert_eq!(derived(&payloads[0]).as_ref(), Some(&e));
            assert_eq!(derived(&payloads[1]).as_ref(), Some(&e));
            for payload in payloads {
                assert_eq!(
                    Error::carried_in(&format!("message {CARRIED}{payload}")),
                    derived(&payload),
                    "{payload}"
                );
            }
        }
    }

    #[test]
    fn a_plain_serde_message_is_a_parse_error() {
        let e = Error::deserialize("json", "thing", serde_json::Error::custom("missing field"));
        assert_eq!(e.code(), "parse_error");
        assert_eq!(e.kind(), ErrorKind::Parse);
    }
}
