//! The `Bundle` every export returns and the import reads: a `collection` of entries,
//! each with a stable `fullUrl`, and references between entries that resolve inside it.
//!
//! A `fullUrl` is `urn:uuid:` and a name-based (version 5, SHA-1) UUID: the namespace is
//! the version 5 UUID of [`BASE`] in the RFC 4122 URL namespace, and the name is
//! `{resourceType}/{key}`, where the key is built from medjourney ids (`Patient/PT-0042`,
//! `Organization/provider:bosphorus-ortho`, `Communication/J-0042/tp-3`…). The same
//! patient or provider therefore has the same fullUrl in every bundle, and anyone can
//! recompute it. Each resource's `id` is that UUID too.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::codes::BASE;
use super::resources::Resource;
use crate::error::{Error, Result};

/// A FHIR `Bundle` of type `collection` (or any type, when read).
///
/// Serialize it with serde_json ([`Bundle::to_json`]): its decimals are raw JSON numbers
/// that keep their exact text. Read one with [`Bundle::from_json`], whose errors name the
/// entry and the element at fault.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    /// The bundle's logical id.
    pub id: Option<String>,
    /// `collection` for every export.
    pub type_: String,
    /// The entries, in order.
    pub entry: Vec<BundleEntry>,
}

/// One entry: its fullUrl and its resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleEntry {
    /// The entry's absolute URL (`urn:uuid:…`), which references point at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_url: Option<String>,
    /// The resource.
    pub resource: Resource,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BundleOut<'a> {
    resource_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: &'a Option<String>,
    #[serde(rename = "type")]
    type_: &'a str,
    #[serde(skip_serializing_if = "<[BundleEntry]>::is_empty")]
    entry: &'a [BundleEntry],
}

impl Serialize for Bundle {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        BundleOut {
            resource_type: "Bundle",
            id: &self.id,
            type_: &self.type_,
            entry: &self.entry,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Bundle {
    /// Reads a bundle from serde_json text (decimals need the raw text); the error is
    /// [`Bundle::from_json`]'s message.
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        Bundle::from_json(raw.get()).map_err(serde::de::Error::custom)
    }
}

#[derive(Deserialize)]
struct RawBundle<'a> {
    #[serde(rename = "resourceType")]
    resource_type: Option<String>,
    #[serde(default)]
    id: Option<String>,
    #[serde(rename = "type", default)]
    type_: Option<String>,
    #[serde(default, borrow)]
    entry: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct RawEntry<'a> {
    #[serde(rename = "fullUrl", default)]
    full_url: Option<String>,
    #[serde(default, borrow)]
    resource: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Head {
    #[serde(rename = "resourceType")]
    resource_type: Option<String>,
    #[serde(default)]
    id: Option<String>,
}

/// How a bundle reader types one resource: [`Resource::parse`] or a narrower one.
pub(crate) type ParseResource =
    fn(&str, &RawValue) -> std::result::Result<Resource, (String, String)>;

/// `Resource.path`, or the resource alone when the path is empty.
fn element(resource: &str, path: &str) -> String {
    if path.is_empty() {
        resource.to_string()
    } else {
        format!("{resource}.{path}")
    }
}

/// Reads `T` from JSON text. On failure: the path of the element at fault (`name`,
/// `extension[0].valueMoney.value`), found from where serde_json stopped, and the reason.
///
/// (serde_path_to_error would track the path while reading, but it wraps every visitor
/// of every resource type: about 110 KB of WebAssembly code. The error's position tells
/// the same.)
pub(crate) fn read_json<'a, T: Deserialize<'a>>(
    text: &'a str,
) -> std::result::Result<T, (String, String)> {
    crate::json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let reason = match message.rfind(" at line ") {
            Some(cut) => message.get(..cut).unwrap_or(&message).to_string(),
            None => message,
        };
        (path_at(text, e.line(), e.column()), reason)
    })
}

/// The JSON path (`a.b[2].c`) of the value being read at 1-based `line` and byte `column`
/// (serde_json's error position, just after the token at fault).
fn path_at(text: &str, line: usize, column: usize) -> String {
    enum Frame {
        Object {
            key: Option<String>,
            expect_key: bool,
        },
        Array {
            index: usize,
        },
    }
    let bytes = text.as_bytes();
    let line_start = if line <= 1 {
        0
    } else {
        bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map_or(bytes.len(), |(i, _)| i + 1)
    };
    let end = line_start.saturating_add(column).min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes.get(i) {
            Some(b'{') => stack.push(Frame::Object {
                key: None,
                expect_key: true,
            }),
            Some(b'[') => stack.push(Frame::Array { index: 0 }),
            Some(b'}' | b']') => {
                stack.pop();
            }
            Some(b',') => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                None => {}
            },
            Some(b':') => {
                if let Some(Frame::Object { expect_key, .. }) = stack.last_mut() {
                    *expect_key = false;
                }
            }
            Some(b'"') => {
                let start = i;
                i += 1;
                while let Some(&b) = bytes.get(i) {
                    match b {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                if let Some(Frame::Object {
                    key,
                    expect_key: true,
                }) = stack.last_mut()
                {
                    *key = text
                        .get(start..=i)
                        .and_then(|s| crate::json::from_str::<String>(s).ok());
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

fn clip(text: &str) -> String {
    text.chars().take(80).collect()
}

/// How an entry is named in errors: `entry[3] (urn:uuid:…)`, or its `Type/id`.
pub(crate) fn entry_label(
    index: usize,
    full_url: Option<&str>,
    type_and_id: Option<&str>,
) -> String {
    match (full_url, type_and_id) {
        (Some(url), _) => format!("entry[{index}] ({})", clip(url)),
        (None, Some(t)) => format!("entry[{index}] ({})", clip(t)),
        (None, None) => format!("entry[{index}]"),
    }
}

impl Bundle {
    /// Reads a bundle from JSON text, keeping every decimal's exact text.
    ///
    /// Text that is not JSON is a `parse_error`; a bundle whose entries do not read is an
    /// `invalid_fhir` naming the entry (index and fullUrl) and the element path.
    /// Resources of types medjourney does not model are kept as raw JSON.
    pub fn from_json(text: &str) -> Result<Bundle> {
        Bundle::read(text, Resource::parse)
    }

    /// Reads a bundle, typing each resource with `parse`.
    pub(crate) fn read(text: &str, parse: ParseResource) -> Result<Bundle> {
        let raw: RawBundle =
            read_json(text).map_err(|(path, reason)| {
                match crate::json::from_str::<serde::de::IgnoredAny>(text) {
                    Err(e) => Error::json("FHIR bundle", &e),
                    Ok(_) => Error::InvalidFhir {
                        entry: "bundle".into(),
                        element: element("Bundle", &path),
                        reason,
                    },
                }
            })?;
        if raw.resource_type.as_deref() != Some("Bundle") {
            return Err(Error::InvalidFhir {
                entry: "bundle".into(),
                element: "resourceType".into(),
                reason: format!(
                    "is {:?}, expected \"Bundle\"",
                    clip(raw.resource_type.as_deref().unwrap_or(""))
                ),
            });
        }
        let mut entry = Vec::with_capacity(raw.entry.len());
        for (i, json) in raw.entry.iter().enumerate() {
            let e: RawEntry =
                read_json(json.get()).map_err(|(path, reason)| Error::InvalidFhir {
                    entry: entry_label(i, None, None),
                    element: element("Bundle.entry", &path),
                    reason,
                })?;
            let head: Option<Head> = e.resource.and_then(|r| crate::json::from_str(r.get()).ok());
            let type_and_id = head.as_ref().and_then(|h| {
                Some(format!(
                    "{}/{}",
                    h.resource_type.as_deref()?,
                    h.id.as_deref()?
                ))
            });
            let label = entry_label(i, e.full_url.as_deref(), type_and_id.as_deref());
            let bad = |element: String, reason: String| Error::InvalidFhir {
                entry: label.clone(),
                element,
                reason,
            };
            let resource = e
                .resource
                .ok_or_else(|| bad("Bundle.entry.resource".into(), "is missing".into()))?;
            let resource_type = head.and_then(|h| h.resource_type).ok_or_else(|| {
                bad(
                    "resourceType".into(),
                    "is missing (or the resource is not a JSON object)".into(),
                )
            })?;
            let resource = parse(&resource_type, resource)
                .map_err(|(path, reason)| bad(element(&resource_type, &path), reason))?;
            entry.push(BundleEntry {
                full_url: e.full_url,
                resource,
            });
        }
        Ok(Bundle {
            id: raw.id,
            type_: raw.type_.unwrap_or_default(),
            entry,
        })
    }

    /// The bundle as compact JSON text (exact decimals).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| Error::json("FHIR bundle", &e))
    }

    /// The bundle as indented JSON text, for files people read.
    pub fn to_json_pretty(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::json("FHIR bundle", &e))
    }

    /// An index of the entries by fullUrl and by `Type/id`, to resolve references.
    pub fn index(&self) -> EntryIndex {
        let mut by = HashMap::with_capacity(self.entry.len() * 2);
        for (i, e) in self.entry.iter().enumerate() {
            if let Some(url) = &e.full_url {
                by.entry(url.clone()).or_insert(i);
            }
            if let Some(id) = resource_id(&e.resource) {
                by.entry(format!("{}/{id}", e.resource.resource_type()))
                    .or_insert(i);
            }
        }
        EntryIndex { by }
    }
}

/// The logical id of a modelled resource.
pub(crate) fn resource_id(r: &Resource) -> Option<&str> {
    match r {
        Resource::Patient(x) => x.id.as_deref(),
        Resource::RelatedPerson(x) => x.id.as_deref(),
        Resource::Organization(x) => x.id.as_deref(),
        Resource::Location(x) => x.id.as_deref(),
        Resource::HealthcareService(x) => x.id.as_deref(),
        Resource::Practitioner(x) => x.id.as_deref(),
        Resource::PractitionerRole(x) => x.id.as_deref(),
        Resource::EpisodeOfCare(x) => x.id.as_deref(),
        Resource::Communication(x) => x.id.as_deref(),
        Resource::Appointment(x) => x.id.as_deref(),
        Resource::Claim(x) => x.id.as_deref(),
        Resource::ExplanationOfBenefit(x) => x.id.as_deref(),
        Resource::Coverage(x) => x.id.as_deref(),
        Resource::Other { .. } => None,
    }
}

/// Resolves references to the entries of one bundle.
#[derive(Debug, Clone)]
pub struct EntryIndex {
    by: HashMap<String, usize>,
}

impl EntryIndex {
    /// The index of the entry a reference points at: its fullUrl, its `Type/id`, or an
    /// absolute URL ending in `Type/id`.
    pub fn resolve(&self, reference: &str) -> Option<usize> {
        if let Some(&i) = self.by.get(reference) {
            return Some(i);
        }
        // An absolute RESTful URL (`https://host/fhir/Organization/42`): its last two parts.
        let mut parts = reference.rsplitn(3, '/');
        let id = parts.next()?;
        let kind = parts.next()?;
        parts.next()?;
        self.by.get(&format!("{kind}/{id}")).copied()
    }
}

/// The fullUrl and id of an entry about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntryRef {
    pub(crate) url: String,
    pub(crate) id: String,
    name: String,
}

impl EntryRef {
    /// The entry named `{resource_type}/{key}`.
    pub(crate) fn new(resource_type: &str, key: &str) -> EntryRef {
        let name = format!("{resource_type}/{key}");
        let id = uuid_text(&uuid5(namespace(), &name));
        EntryRef {
            url: format!("urn:uuid:{id}"),
            id,
            name,
        }
    }

    /// The id, for the resource's `id` element.
    pub(crate) fn id(&self) -> Option<String> {
        Some(self.id.clone())
    }

    /// A reference to this entry.
    pub(crate) fn reference(&self) -> super::datatypes::Reference {
        super::datatypes::Reference::to(&self.url)
    }
}

/// Collects the entries of an export; refuses two entries with one fullUrl.
pub(crate) struct Builder {
    id: BundleId,
    entries: Vec<BundleEntry>,
    seen: HashSet<String>,
}

/// Where the bundle's own id comes from.
enum BundleId {
    /// The version 5 UUID of `Bundle/{key}`.
    Key(String),
    /// The version 5 UUID of `Bundle/` and the entries' names joined by newlines, hashed
    /// as the entries come so a large catalog needs no joined copy of them.
    Entries { sha: sha1_smol::Sha1, first: bool },
}

impl Builder {
    /// A bundle whose own id derives from `key`.
    pub(crate) fn new(key: &str) -> Builder {
        Builder {
            id: BundleId::Key(EntryRef::new("Bundle", key).id),
            entries: Vec::new(),
            seen: HashSet::new(),
        }
    }

    /// A bundle whose own id derives from the names of all its entries (a catalog, which
    /// has no id of its own).
    pub(crate) fn from_entries() -> Builder {
        let mut sha = sha1_smol::Sha1::new();
        sha.update(namespace());
        sha.update(b"Bundle/");
        Builder {
            id: BundleId::Entries { sha, first: true },
            entries: Vec::new(),
            seen: HashSet::new(),
        }
    }

    /// True when an entry with this fullUrl is already in (shared places, providers).
    pub(crate) fn has(&self, r: &EntryRef) -> bool {
        self.seen.contains(&r.url)
    }

    /// Adds an entry; `field` names what the key came from, for the error when two
    /// entries would share a fullUrl (duplicate ids in the input).
    pub(crate) fn push(
        &mut self,
        r: &EntryRef,
        resource: impl Into<Resource>,
        field: &str,
    ) -> Result<()> {
        if !self.seen.insert(r.url.clone()) {
            return Err(Error::invalid(
                field,
                format!(
                    "{} appears twice; FHIR entries need distinct ids",
                    clip(&r.name)
                ),
            ));
        }
        self.entries.push(BundleEntry {
            full_url: Some(r.url.clone()),
            resource: resource.into(),
        });
        if let BundleId::Entries { sha, first } = &mut self.id {
            if !*first {
                sha.update(b"\n");
            }
            sha.update(r.name.as_bytes());
            *first = false;
        }
        Ok(())
    }

    /// The finished `collection` bundle.
    pub(crate) fn finish(self) -> Bundle {
        let id = match self.id {
            BundleId::Key(id) => id,
            BundleId::Entries { sha, .. } => uuid_text(&version5(&sha.digest().bytes())),
        };
        Bundle {
            id: Some(id),
            type_: "collection".into(),
            entry: self.entries,
        }
    }
}

/// The RFC 4122 URL namespace, 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
const NAMESPACE_URL: [u8; 16] = [
    0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
];

/// medjourney's namespace: the version 5 UUID of [`BASE`] in the URL namespace.
fn namespace() -> &'static [u8; 16] {
    static NS: OnceLock<[u8; 16]> = OnceLock::new();
    NS.get_or_init(|| uuid5(&NAMESPACE_URL, BASE))
}

/// A name-based UUID (RFC 4122 version 5: SHA-1 of namespace and name).
pub(crate) fn uuid5(namespace: &[u8; 16], name: &str) -> [u8; 16] {
    let mut sha = sha1_smol::Sha1::new();
    sha.update(namespace);
    sha.update(name.as_bytes());
    version5(&sha.digest().bytes())
}

/// The UUID of a SHA-1 digest: its first 16 bytes with the version (5) and variant bits.
fn version5(digest: &[u8; 20]) -> [u8; 16] {
    let mut out = [0u8; 16];
    for (o, d) in out.iter_mut().zip(digest.iter()) {
        *o = *d;
    }
    out[6] = (out[6] & 0x0f) | 0x50;
    out[8] = (out[8] & 0x3f) | 0x80;
    out
}

/// The canonical 8-4-4-4-12 lowercase text of a UUID.
pub(crate) fn uuid_text(bytes: &[u8; 16]) -> String {
    let mut s = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            s.push('-');
        }
        s.push_str(&format!("{b:02x}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid5_matches_rfc_4122_name_based_uuids() {
        // Python: uuid.uuid5(uuid.NAMESPACE_URL, "x") and the namespace of BASE.
        assert_eq!(
            uuid_text(&uuid5(&NAMESPACE_URL, "x")),
            "4cd605e7-afa2-5360-b5b9-c5e9fb5c76f4"
        );
    }
}
