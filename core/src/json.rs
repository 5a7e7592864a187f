//! JSON text read into the core's types, every struct from a JSON object only.
//!
//! serde_json on its own also reads a struct from an array of its fields in declaration
//! order (`[1, "EUR"]` for `{"amount": 1, "currency": "EUR"}`), a shape no documented
//! input has and one the Python package never took (pythonize reads a struct from a
//! dict only). Reading through [`from_str`] gives every language the same answer: an
//! array where an object belongs is `invalid type: sequence, expected struct …`. It also
//! keeps serde's array reader of each struct out of the build, 29,805 bytes of the gzipped
//! npm module.

use std::fmt;

use serde::de::{
    Deserialize, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess,
    Visitor,
};

/// Reads `T` from JSON text as `crate::json::from_str` does, except that a struct (or a
/// struct variant) is read from a JSON object only.
pub fn from_str<'a, T: Deserialize<'a>>(text: &'a str) -> serde_json::Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(Objects(&mut de))?;
    de.end()?;
    Ok(value)
}

/// A deserializer that hands every struct a map only; everything else passes through, with
/// what it reads inside wrapped again.
struct Objects<D>(D);

/// A visitor, seed or access of the wrapped deserializer, wrapped in turn so that the values
/// read through it are read by [`Objects`].
struct Wrap<X>(X);

/// A struct's visitor offered a map only: serde's own default refuses a sequence with the
/// visitor's "expected struct …", so the struct's array reader is never called.
struct MapOnly<V>(V);

macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method($($arg,)* Wrap(visitor))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Objects<D> {
    type Error = D::Error;

    forward_deserialize! {
        deserialize_any(), deserialize_bool(), deserialize_i8(), deserialize_i16(),
        deserialize_i32(), deserialize_i64(), deserialize_i128(), deserialize_u8(),
        deserialize_u16(), deserialize_u32(), deserialize_u64(), deserialize_u128(),
        deserialize_f32(), deserialize_f64(), deserialize_char(), deserialize_str(),
        deserialize_string(), deserialize_bytes(), deserialize_byte_buf(),
        deserialize_option(), deserialize_unit(), deserialize_seq(), deserialize_map(),
        deserialize_identifier(), deserialize_ignored_any(),
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        // Asked for a map, serde_json refuses anything but an object with the visitor's
        // "expected struct …", and has no array branch to link.
        self.0.deserialize_map(MapOnly(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: serde::de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            self.0.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }

    forward_visit! {
        visit_bool(bool), visit_i8(i8), visit_i16(i16), visit_i32(i32), visit_i64(i64),
        visit_i128(i128), visit_u8(u8), visit_u16(u16), visit_u32(u32), visit_u64(u64),
        visit_u128(u128), visit_f32(f32), visit_f64(f64), visit_char(char), visit_str(&str),
        visit_borrowed_str(&'de str), visit_string(String), visit_bytes(&[u8]),
        visit_borrowed_bytes(&'de [u8]), visit_byte_buf(Vec<u8>),
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.visit_some(Objects(d))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.visit_newtype_struct(Objects(d))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.0.visit_seq(Wrap(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.visit_map(Wrap(map))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.0.visit_enum(Wrap(data))
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for MapOnly<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.visit_map(Wrap(map))
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Wrap<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(Objects(d))
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Wrap<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Wrap(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Wrap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Wrap(seed))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Wrap(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Wrap<A> {
    type Error = A::Error;
    type Variant = Wrap<A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(Wrap(seed))?;
        Ok((value, Wrap(variant)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Wrap<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Wrap(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Wrap(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, MapOnly(visitor))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde::Deserialize;
    use serde_json::value::RawValue;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Point {
        x: i32,
        y: Option<Box<Point>>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    enum Shape {
        Dot,
        Line(Point, Point),
        Named(String),
        Box { corner: Point, side: u8 },
    }

    fn refused<T: for<'a> Deserialize<'a> + std::fmt::Debug>(text: &str) -> String {
        from_str::<T>(text).unwrap_err().to_string()
    }

    #[test]
    fn structs_nested_at_any_depth_are_objects_only() {
        let p: Point = from_str(r#"{"x": 1, "y": {"x": 2, "y": null}}"#).unwrap();
        assert_eq!(p.y.unwrap().x, 2);
        assert!(refused::<Point>("[1, null]")
            .starts_with("invalid type: sequence, expected struct Point"));
        assert!(refused::<Point>(r#"{"x": 1, "y": [2, null]}"#).contains("expected struct Point"));
        assert!(refused::<Vec<Point>>(r#"[{"x": 1, "y": null}, [2, null]]"#).contains("sequence"));
    }

    #[test]
    fn variants_read_as_before_and_a_struct_variant_is_an_object_only() {
        assert_eq!(from_str::<Shape>(r#""Dot""#).unwrap(), Shape::Dot);
        assert_eq!(
            from_str::<Shape>(r#"{"Named": "a"}"#).unwrap(),
            Shape::Named("a".into())
        );
        let line = r#"{"Line": [{"x": 1, "y": null}, {"x": 2, "y": null}]}"#;
        assert!(matches!(from_str::<Shape>(line).unwrap(), Shape::Line(..)));
        let boxed = r#"{"Box": {"corner": {"x": 1, "y": null}, "side": 3}}"#;
        assert!(matches!(
            from_str::<Shape>(boxed).unwrap(),
            Shape::Box { side: 3, .. }
        ));
        assert!(refused::<Shape>(r#"{"Box": [{"x": 1, "y": null}, 3]}"#).contains("sequence"));
        assert!(
            refused::<Shape>(r#"{"Line": [[1, null], {"x": 2, "y": null}]}"#).contains("sequence")
        );
    }

    #[test]
    fn tuples_sequences_maps_and_raw_values_read_as_serde_json_reads_them() {
        let t: (u8, String) = from_str(r#"[1, "a"]"#).unwrap();
        assert_eq!(t, (1, "a".into()));
        let m: std::collections::BTreeMap<String, Vec<u8>> = from_str(r#"{"a": [1, 2]}"#).unwrap();
        assert_eq!(m["a"], vec![1, 2]);
        let raw: Box<RawValue> = from_str(r#" {"x": [1, {"y": 2}]} "#).unwrap();
        assert_eq!(raw.get(), r#"{"x": [1, {"y": 2}]}"#);
        let borrowed: Vec<&RawValue> = from_str(r#"[1, {"a": 2}]"#).unwrap();
        assert_eq!(borrowed[1].get(), r#"{"a": 2}"#);
    }

    #[test]
    fn trailing_text_and_bad_syntax_are_serde_jsons_errors() {
        assert!(refused::<u8>("1 2").contains("trailing characters"));
        assert!(refused::<Point>(r#"{"x": 1,"#).contains("EOF"));
    }
}
