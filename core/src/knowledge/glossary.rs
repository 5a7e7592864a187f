//! The glossary the jargon decoder reads: medical terms with their plain meanings, and the
//! word parts (roots and endings) unknown words are worked out from.
//!
//! The shipped glossary is JSON data in the crate (`glossary.json`), every entry and word
//! part with its source. A caller extends it with their own entries ([`Glossary::extend`]);
//! an added entry replaces a shipped one with the same spelling.
//!
//! JSON shape of a [`Glossary`] (every list optional; another field is `unknown_field`):
//!
//! ```json
//! {"entries": [{"term": "cholecystectomy", "category": "procedure",
//!               "meaning": "An operation to remove the gallbladder.",
//!               "source": {"title": "Gallbladder Diseases", "url": "https://medlineplus.gov/gallbladderdiseases.html"}}],
//!  "roots": [{"part": "cholecyst", "meaning": "the gallbladder", "source": {...}}],
//!  "suffixes": [{"part": "ectomy", "meaning": "removal", "template": "removal of {}", "source": {...}}]}
//! ```
//!
//! Spelling: matching folds case, `æ`/`œ` and the British digraphs `ae`/`oe` to `e`
//! (anaesthesia = anesthesia, oesophagus = esophagus, haemorrhage = hemorrhage, orthopaedic =
//! orthopedic), and a plural `-s`/`-es`/`-ies` of an entry's last word; other variants
//! (tumour/tumor) are listed in the entry's `spellings`.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::source::{clip, Source};
use crate::error::{Error, Result};
use crate::named::named_enum;
use crate::options::Strict;

/// The shipped glossary (JSON text).
pub const GLOSSARY_JSON: &str = include_str!("glossary.json");

/// Most words one glossary term may have.
pub const MAX_TERM_WORDS: usize = 8;

named_enum! {
    /// What kind of word a glossary entry explains.
    pub enum TermCategory in "term_category" {
        /// An operation or treatment.
        Procedure => "procedure",
        /// How an operation reaches the body (keyhole, open, through the skin…).
        Approach => "approach",
        /// A part of the body.
        Anatomy => "anatomy",
        /// Anaesthesia and sedation.
        Anesthesia => "anesthesia",
        /// Something that can go wrong during or after treatment.
        Complication => "complication",
        /// An illness or condition.
        Condition => "condition",
        /// A family of medicines.
        DrugClass => "drug_class",
        /// A test, scan or measurement.
        Test => "test",
        /// Words of hospital care and paperwork (discharge, bilateral, nil by mouth…).
        Care => "care",
    }
}

/// One glossary term with its plain meaning.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct GlossaryEntry {
    /// The term as a heading (British spelling where the two differ).
    pub term: String,
    /// Other spellings, inflections and abbreviations the folding rules do not cover.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spellings: Vec<String>,
    /// What kind of word it is.
    pub category: TermCategory,
    /// The meaning in plain words.
    pub meaning: String,
    /// Where the meaning comes from.
    pub source: Source,
}

/// A word root or prefix (`cholecyst` = the gallbladder).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct WordRoot {
    /// The root as written before an ending (`arthro`; a final `o` is optional in a word:
    /// arthr-itis, arthro-scopy). Letters only.
    pub part: String,
    /// What it names, with its article (`a joint`, `the liver`).
    pub meaning: String,
    /// Where the meaning comes from.
    pub source: Source,
}

/// A word ending (`ectomy` = removal) and the sentence it makes with its roots.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct WordSuffix {
    /// The ending, letters only (`ectomy`, `scopy`).
    pub part: String,
    /// What it means on its own.
    pub meaning: String,
    /// The meaning of a whole word: `{}` stands for its roots' meanings joined with "and"
    /// (`removal of {}` gives "removal of the gallbladder").
    pub template: String,
    /// Where the meaning comes from.
    pub source: Source,
}

/// The JSON shape of a glossary (TypeScript: `GlossaryJson`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object, rename = "GlossaryJson")
)]
#[serde(rename_all = "camelCase", default)]
struct GlossaryData {
    entries: Vec<GlossaryEntry>,
    roots: Vec<WordRoot>,
    suffixes: Vec<WordSuffix>,
}

/// Terms and word parts, indexed for the decoder. Build one with [`Glossary::standard`],
/// [`Glossary::from_json`] or [`Glossary::new`]; combine with [`Glossary::extend`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(into = "GlossaryData")]
pub struct Glossary {
    entries: Vec<GlossaryEntry>,
    roots: Vec<WordRoot>,
    suffixes: Vec<WordSuffix>,
    /// Folded term key (words joined by one space) → entry.
    index: HashMap<String, usize>,
    /// Folded root spelling → root.
    root_index: HashMap<String, usize>,
    /// Folded suffix spelling (with plurals) → suffix.
    suffix_forms: HashMap<String, usize>,
    /// The lengths of those spellings, longest first (a word tries each once).
    suffix_lengths: Vec<usize>,
    /// Words in the longest term.
    max_words: usize,
}

// Read strictly (a list it does not have is `unknown_field`) and checked as it is read,
// the check's error carried with its code through any deserializer (JSON, a Python dict,
// a JS object).
impl<'de> Deserialize<'de> for Glossary {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let data = GlossaryData::deserialize(Strict(d))?;
        Glossary::new(data.entries, data.roots, data.suffixes).map_err(Error::into_de)
    }
}

impl From<Glossary> for GlossaryData {
    fn from(g: Glossary) -> Self {
        GlossaryData {
            entries: g.entries,
            roots: g.roots,
            suffixes: g.suffixes,
        }
    }
}

/// Lowercases a word and folds British and ligature spellings (`æ`, `œ`, `ae`, `oe` → `e`;
/// a typographic apostrophe → `'`), so both spellings of a term meet in one key.
pub(crate) fn fold_word(word: &str) -> String {
    let mut lower = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'æ' | 'œ' => lower.push('e'),
            '\u{2019}' | '\u{02bc}' => lower.push('\''),
            _ => lower.push(c),
        }
    }
    if lower.contains("ae") || lower.contains("oe") {
        lower.replace("ae", "e").replace("oe", "e")
    } else {
        lower
    }
}

/// The words of a term, as the decoder splits text (see [`super::explain`]).
pub(crate) fn term_words(term: &str) -> Vec<String> {
    super::explain::words(term)
        .into_iter()
        .map(|w| fold_word(w.text))
        .collect()
}

/// The regular English plural of a folded word.
fn plural(word: &str) -> Option<String> {
    let last = word.chars().last()?;
    if !last.is_alphabetic() {
        return None;
    }
    if word.ends_with('s')
        || word.ends_with('x')
        || word.ends_with('z')
        || word.ends_with("ch")
        || word.ends_with("sh")
    {
        Some(format!("{word}es"))
    } else if let Some(stem) = word.strip_suffix('y') {
        if stem.ends_with(|c: char| "aeiou".contains(c)) {
            Some(format!("{word}s"))
        } else {
            Some(format!("{stem}ies"))
        }
    } else {
        Some(format!("{word}s"))
    }
}

fn is_letters(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase())
}

impl Glossary {
    /// Builds and indexes a glossary. A later entry replaces an earlier one with the same
    /// folded spelling; each entry needs a term of 1 to [`MAX_TERM_WORDS`] words, a meaning
    /// and a valid source; word parts need lowercase letters only, and a suffix's template
    /// exactly one `{}`.
    pub fn new(
        entries: Vec<GlossaryEntry>,
        roots: Vec<WordRoot>,
        suffixes: Vec<WordSuffix>,
    ) -> Result<Glossary> {
        let mut keyed: Vec<(Vec<String>, GlossaryEntry)> = Vec::with_capacity(entries.len());
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for (i, e) in entries.into_iter().enumerate() {
            let field = format!("entries[{i}]");
            if e.meaning.trim().is_empty() {
                return Err(Error::invalid(format!("{field}.meaning"), "is empty"));
            }
            e.source.validate(&format!("{field}.source"))?;
            let mut keys = Vec::with_capacity(1 + e.spellings.len());
            for spelling in std::iter::once(&e.term).chain(&e.spellings) {
                let words = term_words(spelling);
                if words.is_empty() || words.len() > MAX_TERM_WORDS {
                    return Err(Error::invalid(
                        format!("{field}.term"),
                        format!("{:?} needs 1 to {MAX_TERM_WORDS} words", clip(spelling)),
                    ));
                }
                keys.push(words.join(" "));
            }
            let head = keys.first().cloned().unwrap_or_default();
            match by_key.get(&head) {
                Some(&slot) => {
                    if let Some(s) = keyed.get_mut(slot) {
                        *s = (keys, e);
                    }
                }
                None => {
                    by_key.insert(head, keyed.len());
                    keyed.push((keys, e));
                }
            }
        }

        let mut index: HashMap<String, usize> = HashMap::new();
        let mut max_words = 1;
        // Explicit spellings first, then generated plurals, so a plural never hides a term.
        for (i, (keys, _)) in keyed.iter().enumerate() {
            for k in keys {
                max_words = max_words.max(k.split(' ').count());
                index.insert(k.clone(), i);
            }
        }
        for (i, (keys, _)) in keyed.iter().enumerate() {
            for k in keys {
                let (front, last) = match k.rsplit_once(' ') {
                    Some((f, l)) => (Some(f), l),
                    None => (None, k.as_str()),
                };
                if let Some(p) = plural(last) {
                    let key = match front {
                        Some(f) => format!("{f} {p}"),
                        None => p,
                    };
                    index.entry(key).or_insert(i);
                }
            }
        }
        let entries: Vec<GlossaryEntry> = keyed.into_iter().map(|(_, e)| e).collect();

        let mut root_index = HashMap::new();
        for (i, r) in roots.iter().enumerate() {
            let part = fold_word(&r.part);
            if !is_letters(&part) || part.len() < 2 || r.meaning.trim().is_empty() {
                return Err(Error::invalid(
                    format!("roots[{i}]"),
                    format!(
                        "{:?} needs 2 or more lowercase letters and a meaning",
                        clip(&r.part)
                    ),
                ));
            }
            r.source.validate(&format!("roots[{i}].source"))?;
            if let Some(stem) = part.strip_suffix('o').filter(|s| s.len() >= 2) {
                root_index.entry(stem.to_string()).or_insert(i);
            }
            root_index.insert(part, i);
        }
        let mut suffix_forms = HashMap::new();
        for (i, s) in suffixes.iter().enumerate() {
            let part = fold_word(&s.part);
            if !is_letters(&part) || part.len() < 3 || s.template.matches("{}").count() != 1 {
                return Err(Error::invalid(
                    format!("suffixes[{i}]"),
                    format!(
                        "{:?} needs 3 or more lowercase letters and a template with one {{}}",
                        clip(&s.part)
                    ),
                ));
            }
            s.source.validate(&format!("suffixes[{i}].source"))?;
            if let Some(p) = plural(&part) {
                suffix_forms.entry(p).or_insert(i);
            }
            suffix_forms.insert(part, i);
        }
        let mut suffix_lengths: Vec<usize> = suffix_forms.keys().map(String::len).collect();
        crate::order::sort_by(&mut suffix_lengths, |a, b| b.cmp(a));
        suffix_lengths.dedup();

        Ok(Glossary {
            entries,
            roots,
            suffixes,
            index,
            root_index,
            suffix_forms,
            suffix_lengths,
            max_words,
        })
    }

    /// The shipped glossary (parsed once per process).
    pub fn standard() -> Result<Glossary> {
        shipped().cloned()
    }

    /// The shipped glossary itself, without copying it (what [`super::explain`] reads).
    pub fn shipped() -> Result<&'static Glossary> {
        shipped()
    }

    /// The glossary given, else the shipped one: what `explain` with an optional glossary
    /// reads.
    pub fn or_shipped(given: Option<&Glossary>) -> Result<&Glossary> {
        match given {
            Some(glossary) => Ok(glossary),
            None => shipped(),
        }
    }

    /// Reads a glossary: `{"entries": [...], "roots": [...], "suffixes": [...]}`, every list
    /// optional (missing lists are empty, not the shipped ones: combine with [`Glossary::extend`]).
    pub fn from_json(text: &str) -> Result<Glossary> {
        crate::json::from_str(text).map_err(|e| Error::json("glossary", &e))
    }

    /// Adds another glossary's entries and word parts; on the same spelling, theirs win.
    pub fn extend(&mut self, other: Glossary) -> Result<()> {
        let mut entries = std::mem::take(&mut self.entries);
        entries.extend(other.entries);
        let mut roots = std::mem::take(&mut self.roots);
        roots.extend(other.roots);
        let mut suffixes = std::mem::take(&mut self.suffixes);
        suffixes.extend(other.suffixes);
        *self = Glossary::new(entries, roots, suffixes)?;
        Ok(())
    }

    /// The entries, in order.
    pub fn entries(&self) -> &[GlossaryEntry] {
        &self.entries
    }

    /// The word roots, in order.
    pub fn roots(&self) -> &[WordRoot] {
        &self.roots
    }

    /// The word endings, in order.
    pub fn suffixes(&self) -> &[WordSuffix] {
        &self.suffixes
    }

    /// The entry for a term written any way the decoder accepts (case, British or American
    /// spelling, plural), if there is one.
    pub fn lookup(&self, term: &str) -> Option<&GlossaryEntry> {
        self.index
            .get(&term_words(term).join(" "))
            .and_then(|&i| self.entries.get(i))
    }

    pub(crate) fn entry_for_key(&self, key: &str) -> Option<&GlossaryEntry> {
        self.index.get(key).and_then(|&i| self.entries.get(i))
    }

    pub(crate) fn max_words(&self) -> usize {
        self.max_words
    }

    pub(crate) fn root(&self, spelling: &str) -> Option<&WordRoot> {
        self.root_index
            .get(spelling)
            .and_then(|&i| self.roots.get(i))
    }

    /// The suffixes a word ends with, longest first, each with the word's stem.
    pub(crate) fn suffixes_of<'w>(
        &'w self,
        word: &'w str,
    ) -> impl Iterator<Item = (&'w str, &'w WordSuffix)> + 'w {
        self.suffix_lengths.iter().filter_map(move |&len| {
            let cut = word.len().checked_sub(len)?;
            let tail = word.get(cut..)?;
            let suffix = self
                .suffix_forms
                .get(tail)
                .and_then(|&i| self.suffixes.get(i))?;
            Some((word.get(..cut)?, suffix))
        })
    }
}

/// The shipped file: sources listed once by key, entries and parts naming a key. (Rows are
/// read as their own structs, not flattened, which keeps serde's buffering code out of the
/// binary.)
#[derive(Deserialize)]
struct ShippedFile {
    sources: BTreeMap<String, Source>,
    entries: Vec<GlossaryEntryRow>,
    roots: Vec<WordRootRow>,
    suffixes: Vec<WordSuffixRow>,
}

#[derive(Deserialize)]
struct GlossaryEntryRow {
    term: String,
    #[serde(default)]
    spellings: Vec<String>,
    category: TermCategory,
    meaning: String,
    source: String,
}

#[derive(Deserialize)]
struct WordRootRow {
    part: String,
    meaning: String,
    source: String,
}

#[derive(Deserialize)]
struct WordSuffixRow {
    part: String,
    meaning: String,
    template: String,
    source: String,
}

pub(crate) fn shipped() -> Result<&'static Glossary> {
    static GLOSSARY: OnceLock<Result<Glossary>> = OnceLock::new();
    GLOSSARY
        .get_or_init(|| {
            let file: ShippedFile = crate::json::from_str(GLOSSARY_JSON)
                .map_err(|e| Error::json("shipped glossary", &e))?;
            let source = |key: &str| {
                file.sources
                    .get(key)
                    .cloned()
                    .ok_or_else(|| Error::invalid("glossary source", format!("no source {key:?}")))
            };
            let mut entries = Vec::with_capacity(file.entries.len());
            for e in file.entries {
                entries.push(GlossaryEntry {
                    source: source(&e.source)?,
                    term: e.term,
                    spellings: e.spellings,
                    category: e.category,
                    meaning: e.meaning,
                });
            }
            let mut roots = Vec::with_capacity(file.roots.len());
            for r in file.roots {
                roots.push(WordRoot {
                    source: source(&r.source)?,
                    part: r.part,
                    meaning: r.meaning,
                });
            }
            let mut suffixes = Vec::with_capacity(file.suffixes.len());
            for s in file.suffixes {
                suffixes.push(WordSuffix {
                    source: source(&s.source)?,
                    part: s.part,
                    meaning: s.meaning,
                    template: s.template,
                });
            }
            Glossary::new(entries, roots, suffixes)
        })
        .as_ref()
        .map_err(Clone::clone)
}
