//! Where a piece of shipped knowledge comes from: a public page, linked and never copied.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A public page a guide, benchmark or glossary entry is based on.
///
/// JSON: `{"title": "Knee Replacement", "url": "https://medlineplus.gov/kneereplacement.html",
/// "publisher": "MedlinePlus (US National Library of Medicine)"}`; `publisher` is optional.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// The page's title as its publisher gives it.
    pub title: String,
    /// An `https://` address.
    pub url: String,
    /// Who publishes the page.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub publisher: String,
}

impl Source {
    /// Rejects a source without a title or without an `https://` address.
    pub fn validate(&self, field: &str) -> Result<()> {
        if self.title.trim().is_empty() {
            return Err(Error::invalid(format!("{field}.title"), "is empty"));
        }
        let url = self.url.trim();
        let host = url.strip_prefix("https://").unwrap_or_default();
        if host.is_empty() || host.starts_with('/') || url.contains(char::is_whitespace) {
            return Err(Error::invalid(
                format!("{field}.url"),
                format!("{:?} is not an https:// address", clip(url)),
            ));
        }
        Ok(())
    }
}

/// The first 60 characters of a value, for error messages about user input.
pub(crate) fn clip(s: &str) -> String {
    s.chars().take(60).collect()
}
