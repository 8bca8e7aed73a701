//! Reading an object of a document (JSON, a TOML table) field by field: what the
//! runner's `Deserialize` impls are written with.
//!
//! The runner implements serde's traits by hand rather than with `#[derive]`: the derive
//! is a procedural macro, and building it (proc-macro2, quote, syn, serde_derive) took
//! longer than the rest of the runner, on the first `check` of every fresh clone.
//! Writing is `serialize_struct`, a line per field; reading takes the fields of an
//! object out by name, with errors that name them.

use serde_core::Deserialize;
use serde_core::de::{DeserializeOwned, Deserializer, Error};
use serde_json::{Map, Value};
use std::fmt::Display;
use std::marker::PhantomData;

/// The fields of one object, taken out by name. `E` is the error type of the
/// deserializer the object came from.
pub struct Fields<E> {
    fields: Map<String, Value>,
    /// The names asked for: what an unknown field is told it could have been.
    asked: Vec<&'static str>,
    /// What errors call the object, if its place does not tell (an item of a list).
    name: Option<String>,
    error: PhantomData<E>,
}

impl<E: Error> Fields<E> {
    /// Reads one object.
    pub fn of<'de, D: Deserializer<'de, Error = E>>(deserializer: D) -> Result<Fields<E>, E> {
        Ok(Fields {
            fields: Map::deserialize(deserializer)?,
            asked: Vec::new(),
            name: None,
            error: PhantomData,
        })
    }

    /// Names the object in the errors of the fields taken after: `exercise `lost_update``.
    pub fn name_in_errors(&mut self, name: String) {
        self.name = Some(name);
    }

    /// A field that must be there.
    pub fn required<T: DeserializeOwned>(&mut self, name: &'static str) -> Result<T, E> {
        match self.take(name) {
            Some(value) => self.parse(name, value),
            None => Err(self.error(format_args!("missing field `{name}`"))),
        }
    }

    /// A field that may be missing or `null`.
    pub fn optional<T: DeserializeOwned>(&mut self, name: &'static str) -> Result<Option<T>, E> {
        match self.take(name) {
            Some(value) => self.parse(name, value),
            None => Ok(None),
        }
    }

    /// A field that may be missing (or `null`): then its type's default.
    pub fn or_default<T: DeserializeOwned + Default>(
        &mut self,
        name: &'static str,
    ) -> Result<T, E> {
        Ok(self.optional(name)?.unwrap_or_default())
    }

    /// Fails if the object has a field that was not asked for: in a file people write, a
    /// misspelt field must not pass unnoticed. (Files the runner writes may gain fields.)
    pub fn deny_unknown(self) -> Result<(), E> {
        match self.fields.keys().next() {
            Some(unknown) => {
                let expected: Vec<String> = self.asked.iter().map(|f| format!("`{f}`")).collect();
                Err(self.error(format_args!(
                    "unknown field `{unknown}`, expected one of {}",
                    expected.join(", ")
                )))
            }
            None => Ok(()),
        }
    }

    fn take(&mut self, name: &'static str) -> Option<Value> {
        self.asked.push(name);
        self.fields.remove(name)
    }

    /// A field's value as a `T`; an error says which field.
    fn parse<T: DeserializeOwned>(&self, name: &str, value: Value) -> Result<T, E> {
        T::deserialize(value).map_err(|e| self.error(format_args!("`{name}`: {e}")))
    }

    fn error(&self, message: impl Display) -> E {
        match &self.name {
            Some(name) => E::custom(format_args!("{name}: {message}")),
            None => E::custom(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the runner's `Deserialize` impls look like.
    #[derive(Debug, PartialEq)]
    struct Point {
        x: i32,
        label: Option<String>,
        tags: Vec<String>,
    }

    impl<'de> Deserialize<'de> for Point {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Point, D::Error> {
            let mut fields = Fields::of(deserializer)?;
            let point = Point {
                x: fields.required("x")?,
                label: fields.optional("label")?,
                tags: fields.or_default("tags")?,
            };
            fields.deny_unknown()?;
            Ok(point)
        }
    }

    fn read(json: &str) -> Result<Point, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn takes_fields_by_name_whatever_their_order() {
        let full = Point {
            x: 1,
            label: Some("a".into()),
            tags: vec!["t".into()],
        };
        assert_eq!(read(r#"{"tags": ["t"], "label": "a", "x": 1}"#), Ok(full));
        let bare = Point {
            x: 2,
            label: None,
            tags: Vec::new(),
        };
        assert_eq!(read(r#"{"x": 2}"#).as_ref(), Ok(&bare));
        assert_eq!(read(r#"{"x": 2, "label": null}"#).as_ref(), Ok(&bare));
    }

    #[test]
    fn errors_name_the_field() {
        assert_eq!(read(r#"{"label": "a"}"#), Err("missing field `x`".into()));
        assert!(
            read(r#"{"x": "one"}"#)
                .unwrap_err()
                .starts_with("`x`: invalid type: string \"one\", expected i32")
        );
        assert_eq!(
            read(r#"{"x": 1, "lable": "a"}"#),
            Err("unknown field `lable`, expected one of `x`, `label`, `tags`".into())
        );
        assert!(read("[1]").is_err());
    }
}
