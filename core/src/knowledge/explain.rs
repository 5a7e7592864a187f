//! The jargon decoder: finds the medical terms in a text and explains each in plain words.
//!
//! Rules, in the order they apply:
//! - **Words.** A word is a run of letters and digits (an apostrophe between two letters
//!   stays inside: `Crohn's`). A term of several words matches across spaces, line breaks
//!   and one hyphen between its words, never across other punctuation: `X-ray`, `X ray` and
//!   `x‑ray` all match "x-ray"; `knee. Replacement` does not match "knee replacement".
//! - **Spelling.** Case is ignored, and British and American spellings meet (see
//!   [`super::glossary`]): `Anaesthesia`, `anesthesia` and `ANÆSTHESIA` are one term.
//! - **Longest first.** Scanning left to right, the longest glossary term starting at a word
//!   wins (`laparoscopic cholecystectomy` over `laparoscopic`); matches never overlap and
//!   come out in text order.
//! - **Composed words.** A word of 6 to 40 letters that no term covers, and that is made of
//!   known roots and one known ending (`cholecyst` + `ectomy`; a linking `o` allowed
//!   between parts), gets a meaning worked out from its parts, marked `composed: true`.
//!
//! **Offsets** (`start`, `end`, end exclusive) count Unicode code points by default
//! ([`OffsetUnit::CodePoint`]): Python `str` indices and Rust `chars()` positions, so
//! `text[start:end] == match.text` in Python. [`explain_in`] with [`OffsetUnit::Utf16`]
//! counts UTF-16 code units instead, the indices of JavaScript (and Java, C#) strings, so
//! `text.slice(start, end) === match.text` in JS even after a character outside the Basic
//! Multilingual Plane (an emoji counts 1 code point but 2 UTF-16 units). The JS package
//! uses UTF-16; each match also carries its `text`.
//!
//! **Cost** is linear in the text's length: each word is looked up at most
//! [`super::glossary::MAX_TERM_WORDS`] times. Texts longer than [`MAX_EXPLAIN_CHARS`] are
//! refused with `invalid_input`, so the list of matches (which copies each meaning) stays
//! bounded too.

use serde::{Deserialize, Serialize};

use super::glossary::{fold_word, Glossary, TermCategory};
use super::source::Source;
use crate::error::{Error, Result};
use crate::named::named_enum;

/// Longest text [`explain`] reads, in Unicode code points (about 500 pages).
pub const MAX_EXPLAIN_CHARS: usize = 1_000_000;

named_enum! {
    /// What a match's `start` and `end` count.
    #[derive(Default)]
    pub enum OffsetUnit in "offsets" {
        /// Unicode code points: Python `str` indices, Rust `chars()` positions.
        #[default]
        CodePoint => "code_point",
        /// UTF-16 code units: JavaScript string indices.
        Utf16 => "utf16",
    }
}

/// Shortest and longest word the decoder tries to work out from its parts.
const COMPOSE_LEN: std::ops::RangeInclusive<usize> = 6..=40;

/// One medical term found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct TermMatch {
    /// The glossary term (its heading spelling), or the word itself when composed.
    pub term: String,
    /// The text exactly as written.
    pub text: String,
    /// Where the match starts in the text, in code points (or in UTF-16 units when asked,
    /// see [`OffsetUnit`]).
    pub start: usize,
    /// One past where it ends, in the same unit.
    pub end: usize,
    /// The plain meaning.
    pub meaning: String,
    /// True when the meaning was worked out from the word's parts, not read from the glossary.
    pub composed: bool,
    /// The glossary entry's kind (none for a composed word).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<TermCategory>,
    /// Where the meaning comes from (the entry's source, or each word part's).
    pub sources: Vec<Source>,
}

/// A word of a text with its place in it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    start_utf16: usize,
    end_utf16: usize,
    start_byte: usize,
    end_byte: usize,
}

impl Word<'_> {
    /// Where the word starts and ends, in `unit`.
    fn span(&self, unit: OffsetUnit) -> (usize, usize) {
        match unit {
            OffsetUnit::CodePoint => (self.start, self.end),
            OffsetUnit::Utf16 => (self.start_utf16, self.end_utf16),
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Splits a text into words (see the module rules), with code-point, UTF-16 and byte
/// offsets.
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    // (start char, start UTF-16 unit, start byte) of the word being read.
    let mut open: Option<(usize, usize, usize)> = None;
    let mut utf16 = 0;
    let mut chars = text.char_indices().enumerate().peekable();
    while let Some((ci, (bi, c))) = chars.next() {
        let inside = is_word_char(c)
            || (open.is_some()
                && is_apostrophe(c)
                && chars.peek().is_some_and(|&(_, (_, n))| n.is_alphabetic()));
        match (inside, open) {
            (true, None) => open = Some((ci, utf16, bi)),
            (false, Some((sc, su, sb))) => {
                out.push(Word {
                    text: text.get(sb..bi).unwrap_or_default(),
                    start: sc,
                    end: ci,
                    start_utf16: su,
                    end_utf16: utf16,
                    start_byte: sb,
                    end_byte: bi,
                });
                open = None;
            }
            _ => {}
        }
        utf16 += c.len_utf16();
    }
    if let Some((sc, su, sb)) = open {
        out.push(Word {
            text: text.get(sb..).unwrap_or_default(),
            start: sc,
            end: sc + text.get(sb..).map_or(0, |t| t.chars().count()),
            start_utf16: su,
            end_utf16: utf16,
            start_byte: sb,
            end_byte: text.len(),
        });
    }
    out
}

/// Whether two neighbouring words may belong to one term: only whitespace and at most one
/// hyphen between them.
fn joinable(gap: &str) -> bool {
    !gap.is_empty()
        && gap.chars().all(|c| c.is_whitespace() || is_hyphen(c))
        && gap.chars().filter(|&c| is_hyphen(c)).count() <= 1
}

/// Finds and explains the medical terms in `text` with the shipped glossary; see the module
/// documentation for the matching rules and the offsets' unit.
pub fn explain(text: &str) -> Result<Vec<TermMatch>> {
    explain_with(text, super::glossary::shipped()?)
}

/// [`explain`] with a caller's glossary (for example the shipped one extended with a
/// clinic's own terms, see [`Glossary::extend`]).
pub fn explain_with(text: &str, glossary: &Glossary) -> Result<Vec<TermMatch>> {
    explain_in(text, glossary, OffsetUnit::CodePoint)
}

/// [`explain_with`], with `start` and `end` counted in `unit` (UTF-16 units for JavaScript
/// strings); everything else is the same.
pub fn explain_in(text: &str, glossary: &Glossary, unit: OffsetUnit) -> Result<Vec<TermMatch>> {
    if text.len() > 4 * MAX_EXPLAIN_CHARS || text.chars().count() > MAX_EXPLAIN_CHARS {
        return Err(Error::invalid(
            "text",
            format!("is longer than {MAX_EXPLAIN_CHARS} characters; explain it in parts"),
        ));
    }
    let ws = words(text);
    let folded: Vec<String> = ws.iter().map(|w| fold_word(w.text)).collect();
    let join_next: Vec<bool> = ws
        .windows(2)
        .map(|p| match p {
            [a, b] => joinable(text.get(a.end_byte..b.start_byte).unwrap_or_default()),
            _ => false,
        })
        .collect();

    let mut out = Vec::new();
    let max_words = glossary.max_words().max(1);
    let mut i = 0;
    while i < ws.len() {
        let mut key = String::new();
        let mut best = None;
        for len in 1..=max_words {
            let j = i + len - 1;
            let Some(word) = folded.get(j) else { break };
            if len > 1 {
                if !join_next.get(j - 1).copied().unwrap_or(false) {
                    break;
                }
                key.push(' ');
            }
            key.push_str(word);
            if let Some(entry) = glossary.entry_for_key(&key) {
                best = Some((len, entry));
            }
        }
        let (Some(first), Some(word)) = (ws.get(i), folded.get(i)) else {
            break;
        };
        match best {
            Some((len, entry)) => {
                let last = ws.get(i + len - 1).copied().unwrap_or(*first);
                out.push(TermMatch {
                    term: entry.term.clone(),
                    text: text
                        .get(first.start_byte..last.end_byte)
                        .unwrap_or_default()
                        .to_string(),
                    start: first.span(unit).0,
                    end: last.span(unit).1,
                    meaning: entry.meaning.clone(),
                    composed: false,
                    category: Some(entry.category),
                    sources: vec![entry.source.clone()],
                });
                i += len;
            }
            None => {
                if let Some((meaning, sources)) = compose(word, glossary) {
                    let (start, end) = first.span(unit);
                    out.push(TermMatch {
                        term: first.text.to_string(),
                        text: first.text.to_string(),
                        start,
                        end,
                        meaning,
                        composed: true,
                        category: None,
                        sources,
                    });
                }
                i += 1;
            }
        }
    }
    Ok(out)
}

/// The meaning of a word made of known roots and one known ending, with the parts' sources.
fn compose(word: &str, glossary: &Glossary) -> Option<(String, Vec<Source>)> {
    if !COMPOSE_LEN.contains(&word.len()) || !word.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    for (stem, suffix) in glossary.suffixes_of(word) {
        let Some(roots) = split_roots(stem, glossary) else {
            continue;
        };
        let named: Vec<&str> = roots.iter().map(|r| r.meaning.trim()).collect();
        let joined = match named.as_slice() {
            [one] => (*one).to_string(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
            [] => continue,
        };
        let sentence = suffix.template.replacen("{}", &joined, 1);
        let parts: Vec<String> = roots
            .iter()
            .map(|r| format!("{}- = {}", r.part, r.meaning.trim()))
            .chain(std::iter::once(format!(
                "-{} = {}",
                suffix.part,
                suffix.meaning.trim()
            )))
            .collect();
        let meaning = format!(
            "{}. (Worked out from its parts: {}.)",
            capitalize(&sentence),
            parts.join("; ")
        );
        let mut sources: Vec<Source> = Vec::new();
        for s in roots
            .iter()
            .map(|r| &r.source)
            .chain(std::iter::once(&suffix.source))
        {
            if !sources.contains(s) {
                sources.push(s.clone());
            }
        }
        return Some((meaning, sources));
    }
    None
}

/// Splits a stem into known roots, each optionally followed by a linking `o`, using the
/// fewest roots; `None` when some letters are left over.
fn split_roots<'g>(
    stem: &str,
    glossary: &'g Glossary,
) -> Option<Vec<&'g super::glossary::WordRoot>> {
    let n = stem.len();
    if n < 2 {
        return None;
    }
    // best[i]: the fewest roots covering stem[i..], with the first root and where it ends.
    let mut best: Vec<Option<(usize, &super::glossary::WordRoot, usize)>> = vec![None; n + 1];
    for i in (0..n).rev() {
        let mut pick: Option<(usize, &super::glossary::WordRoot, usize)> = None;
        for end in (i + 2)..=n {
            let Some(root) = stem.get(i..end).and_then(|s| glossary.root(s)) else {
                continue;
            };
            let mut ends = vec![end];
            if stem.get(end..end + 1) == Some("o") {
                ends.push(end + 1);
            }
            for e in ends {
                let rest = if e == n {
                    Some(0)
                } else {
                    best.get(e).copied().flatten().map(|(c, _, _)| c)
                };
                if let Some(count) = rest {
                    if pick.is_none_or(|(c, _, _)| count + 1 < c) {
                        pick = Some((count + 1, root, e));
                    }
                }
            }
        }
        if let Some(slot) = best.get_mut(i) {
            *slot = pick;
        }
    }
    let mut roots = Vec::new();
    let mut at = 0;
    while at < n {
        let (_, root, next) = best.get(at).copied().flatten()?;
        roots.push(root);
        at = next;
    }
    Some(roots)
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
