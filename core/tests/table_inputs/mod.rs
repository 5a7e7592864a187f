//! What the journey-table tests hand the reader: texts as Rust strings, validity bitmaps
//! and the four tables from a list of batches per table.

#![allow(dead_code)]

use medjourney::analytics::tables::{Batch, Tables, Texts};

/// A text column held as Rust strings.
pub struct Strings(pub Vec<String>);

impl Texts for Strings {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn text(&self, row: usize) -> Option<&str> {
        self.0.get(row).map(String::as_str)
    }
}

/// An Arrow validity bitmap (least significant bit first) of `valid`.
pub fn bitmap(valid: impl Iterator<Item = bool>) -> Vec<u8> {
    let v: Vec<bool> = valid.collect();
    let mut out = vec![0u8; v.len().div_ceil(8)];
    for (i, b) in v.iter().enumerate() {
        if *b {
            out[i / 8] |= 1 << (i % 8);
        }
    }
    out
}

/// The four tables from their batches, in the order journeys, visits, touchpoints, needs.
pub fn tables<'a>(b: &'a [Vec<Batch<'a>>]) -> Tables<'a> {
    Tables {
        journeys: &b[0],
        visits: &b[1],
        touchpoints: &b[2],
        needs: &b[3],
    }
}
