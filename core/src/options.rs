//! Option structs ([`ConvertOptions`](crate::ConvertOptions),
//! [`CompareOptions`](crate::CompareOptions), [`RankOptions`](crate::RankOptions),
//! [`MapOptions`](crate::MapOptions), `ItineraryRules`, `FhirOptions`): one rule for every
//! language.
//!
//! - Every field may be left out; a missing field takes the struct's `Default` (the one
//!   place each default is written).
//! - A field the struct does not have is refused with `unknown_field`, naming it, instead
//!   of being ignored: `{"topk": 5}` in JSON or JS, `top_K=5` in Python.
//! - JSON and JS name fields in camelCase. Python passes options as keyword arguments in
//!   snake_case ([`Options::from_keywords`]); the fields of a nested options struct (such
//!   as `CompareOptions.convert`) may be given there at the top level too.

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// Makes an options struct strict. The struct derives serde with `#[serde(remote =
/// "Self")]`; this implements `Serialize`, `Deserialize` (through [`Strict`]) and
/// [`Options`], with `nested { "field": Type }` for option structs inside it.
macro_rules! strict_options {
    ($name:ty $(, nested { $($group:literal : $inner:ty),* $(,)? })?) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                <$name>::deserialize($crate::options::Strict(d))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                <$name>::serialize(self, s)
            }
        }

        impl $crate::options::Options for $name {
            const NESTED: &'static [(&'static str, $crate::options::FieldList)] =
                &[$($(($group, <$inner as $crate::options::Options>::fields)),*)?];
        }
    };
}

pub(crate) use strict_options;

/// The function giving an options struct's field names.
pub type FieldList = fn() -> &'static [&'static str];

/// An options struct: read strictly from JSON, and from keyword arguments.
pub trait Options: Serialize + DeserializeOwned + Default {
    /// Nested option structs whose fields the keyword form takes at the top level:
    /// (the JSON field holding it, its fields).
    const NESTED: &'static [(&'static str, FieldList)];

    /// The JSON (camelCase) names of the fields.
    fn fields() -> &'static [&'static str] {
        let mut fields: &'static [&'static str] = &[];
        // The probe fails on purpose once it has seen the field list.
        let _ = Self::deserialize(FieldProbe(&mut fields));
        fields
    }

    /// The keyword (snake_case) names, nested ones included.
    fn keywords() -> Vec<String> {
        let mut names: Vec<String> = Self::fields().iter().map(|f| snake_of(f)).collect();
        for (_, fields) in Self::NESTED {
            names.extend(fields().iter().map(|f| snake_of(f)));
        }
        names
    }

    /// Reads options from keyword arguments named in snake_case (Python's `**options`):
    /// `{"top_k": 5}` is the JSON `{"topK": 5}`. An unknown name, or one not in
    /// snake_case (`top_K`), is an `unknown_field` error. A keyword given as null (`None`)
    /// keeps the default, unless null is a value of that option (`top_k=None`: all).
    fn from_keywords(keywords: Map<String, Value>) -> Result<Self> {
        let mut shaped = Map::new();
        for (key, value) in keywords {
            let name = camel_of(&key);
            let own = name.as_deref().is_some_and(|n| Self::fields().contains(&n));
            let group = name.as_deref().and_then(|n| {
                Self::NESTED
                    .iter()
                    .find(|(_, fields)| fields().contains(&n))
                    .map(|(group, _)| *group)
            });
            match (name, own, group) {
                (Some(name), true, _) => {
                    if !value.is_null() || null_is_a_value::<Self>(&[&name]) {
                        shaped.insert(name, value);
                    }
                }
                (Some(name), false, Some(group)) => {
                    if value.is_null() && !null_is_a_value::<Self>(&[group, &name]) {
                        continue;
                    }
                    let slot = shaped
                        .entry(group)
                        .or_insert_with(|| Value::Object(Map::new()));
                    if let Value::Object(inner) = slot {
                        inner.insert(name, value);
                    }
                }
                _ => {
                    return Err(Error::UnknownField {
                        field: key.chars().take(60).collect(),
                        expected: Self::keywords().join(", "),
                    })
                }
            }
        }
        serde_json::from_value(Value::Object(shaped))
            .map_err(|e| Error::deserialize("keywords", "options", e))
    }
}

/// True when the field at `path` (JSON names, nested) reads null as a value of its own.
fn null_is_a_value<T: DeserializeOwned>(path: &[&str]) -> bool {
    let value = path.iter().rev().fold(Value::Null, |inner, name| {
        let mut m = Map::new();
        m.insert((*name).to_string(), inner);
        Value::Object(m)
    });
    serde_json::from_value::<T>(value).is_ok()
}

/// `max_age_hours` → `maxAgeHours`; `None` for a name that is not snake_case.
fn camel_of(key: &str) -> Option<String> {
    let snake = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && key.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && !key.ends_with('_')
        && !key.contains("__");
    if !snake {
        return None;
    }
    let mut out = String::with_capacity(key.len());
    for (i, part) in key.split('_').enumerate() {
        let mut chars = part.chars();
        if let (true, Some(first)) = (i > 0, chars.next()) {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        } else {
            out.push_str(part);
        }
    }
    Some(out)
}

/// `maxAgeHours` → `max_age_hours`.
fn snake_of(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A deserializer that refuses struct fields the struct does not have, with
/// `unknown_field` naming the field and listing the ones it has.
pub struct Strict<D>(pub D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strict<D> {
    type Error = D::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> std::result::Result<V::Value, D::Error> {
        self.0.deserialize_struct(
            name,
            fields,
            StrictVisitor {
                inner: visitor,
                fields,
            },
        )
    }

    fn deserialize_any<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, D::Error> {
        self.0.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

struct StrictVisitor<V> {
    inner: V,
    fields: &'static [&'static str],
}

impl<'de, V: Visitor<'de>> Visitor<'de> for StrictVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<V::Value, A::Error> {
        self.inner.visit_map(KnownFields {
            map,
            fields: self.fields,
        })
    }
}

/// Map access that lets through only the keys in `fields`.
struct KnownFields<A> {
    map: A,
    fields: &'static [&'static str],
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for KnownFields<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> std::result::Result<Option<K::Value>, A::Error> {
        let Some(key) = self.map.next_key::<String>()? else {
            return Ok(None);
        };
        if !self.fields.contains(&key.as_str()) {
            return Err(Error::UnknownField {
                field: key.chars().take(60).collect(),
                expected: self.fields.join(", "),
            }
            .into_de());
        }
        seed.deserialize(de::value::StringDeserializer::<A::Error>::new(key))
            .map(Some)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> std::result::Result<T::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A deserializer that only records the field list a struct asks for.
struct FieldProbe<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for FieldProbe<'_> {
    type Error = de::value::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> std::result::Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("field probe"))
    }

    fn deserialize_any<V: Visitor<'de>>(
        self,
        _visitor: V,
    ) -> std::result::Result<V::Value, Self::Error> {
        Err(de::Error::custom("field probe"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_names_round_trip_to_json_names_and_odd_spellings_are_refused() {
        assert_eq!(camel_of("max_age_hours").as_deref(), Some("maxAgeHours"));
        assert_eq!(camel_of("fx").as_deref(), Some("fx"));
        for bad in ["top_K", "topK", "_top", "top_", "top__k", "", "9a"] {
            assert_eq!(camel_of(bad), None, "{bad}");
        }
        assert_eq!(snake_of("maxAgeHours"), "max_age_hours");
    }
}
