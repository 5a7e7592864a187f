//! Unit enums written as snake_case names, declared once with [`named_enum!`].
//!
//! Every such enum gets the same contract from one table: `ALL` (declaration order),
//! `COUNT`, `as_str()`, `Display`, `FromStr` and serde. Reading a name from JSON, a Python
//! dict or a JS object goes through `FromStr`, so an unknown name is the same
//! `invalid_input` error (naming the field and the allowed names) in every language and
//! from every entry point.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use crate::error::Error;

/// Declares a unit enum whose values are snake_case names.
///
/// ```ignore
/// named_enum! {
///     /// What it is.
///     pub enum Severity in "severity" {
///         /// Doc of the value.
///         Error => "error",
///         Warning => "warning",
///     }
/// }
/// ```
/// `in "field"` names the value in errors. A variant may carry an explicit discriminant
/// (`Awareness = 0 => "awareness"`), for enums whose position is an integer code.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident in $field:literal {
            $( $(#[$vmeta:meta])* $variant:ident $(= $code:literal)? => $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[cfg_attr(
            feature = "typescript",
            derive(tsify::Tsify),
            tsify(missing_as_null, hashmap_as_object)
        )]
        #[repr(u8)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant $(= $code)?, )+
        }

        impl $name {
            /// How many values there are.
            pub const COUNT: usize = [$($text),+].len();
            /// Every value, in declaration order.
            pub const ALL: [$name; $name::COUNT] = [$($name::$variant),+];
            /// Every value's name, in declaration order.
            pub const NAMES: [&'static str; $name::COUNT] = [$($text),+];

            /// The snake_case name, as written in JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::Error;
            fn from_str(s: &str) -> $crate::error::Result<Self> {
                match s {
                    $( $text => Ok($name::$variant), )+
                    other => Err($crate::named::unknown_name(other, $field, &$name::NAMES)),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let at = d.deserialize_str($crate::named::NameAt::new($field, &$name::NAMES))?;
                $name::ALL
                    .get(at)
                    .copied()
                    .ok_or_else(|| serde::de::Error::custom("a name's position past its enum"))
            }
        }
    };
}

pub(crate) use named_enum;

/// The error for a name that is none of `names`.
pub(crate) fn unknown_name(value: &str, field: &str, names: &[&str]) -> Error {
    Error::invalid(
        field,
        format!(
            "{:?} is not one of {}",
            value.chars().take(40).collect::<String>(),
            names.join(", ")
        ),
    )
}

/// Reads a name as its position among an enum's names, with the error of the enum's
/// `FromStr` for any other text.
///
/// One reader serves every enum: its result is a position, not the enum, so each
/// deserializer (JSON text, Python, JS) reads names with one copy of its string reader
/// instead of one per enum.
pub(crate) struct NameAt {
    field: &'static str,
    names: &'static [&'static str],
}

impl NameAt {
    pub(crate) fn new(field: &'static str, names: &'static [&'static str]) -> Self {
        NameAt { field, names }
    }
}

impl serde::de::Visitor<'_> for NameAt {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a name (a string)")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<usize, E> {
        self.names
            .iter()
            .position(|name| *name == v)
            .ok_or_else(|| unknown_name(v, self.field, self.names).into_de())
    }
}

/// Reads a name through a type's `FromStr`, carrying its error through serde (currency
/// codes, whose names are not an enum's table).
pub(crate) struct NameVisitor<T>(PhantomData<T>);

impl<T> NameVisitor<T> {
    pub(crate) fn new() -> Self {
        NameVisitor(PhantomData)
    }
}

impl<T: FromStr<Err = Error>> serde::de::Visitor<'_> for NameVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a name (a string)")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<T, E> {
        v.parse().map_err(Error::into_de)
    }
}
