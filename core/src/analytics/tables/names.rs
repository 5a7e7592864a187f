//! An enum's names found in a column of plain strings: by their text through a small hash
//! table, and, laid out as Arrow string views, in two passes that keep the per-row loop
//! free of branches.

use super::*;
use decode::{each_staged, NO_CODE, STAGE};

/// Slots of a [`NameLookup`]'s text table: at least twice the names of any enum, a power
/// of two.
const SLOTS: usize = 64;

/// Slots of a [`ViewTable`]: a power of two, roomy enough that the names of an enum
/// usually find a multiplier that gives each its own slot.
const VIEW_SLOTS: usize = 128;

/// An enum's names found by their text in about one comparison: an open-addressed table
/// keyed by a string's length and three of its bytes. A column of plain strings (what a
/// CSV or Parquet reader gives) costs a hash and a comparison per row, not a scan of
/// every name.
pub(super) struct NameLookup<'n> {
    names: &'n [&'n str],
    slots: [u8; SLOTS],
    views: ViewTable,
}

/// The slot a string starts probing from.
#[inline(always)]
fn slot_of(b: &[u8]) -> usize {
    let byte = |i: usize| u64::from(b.get(i).copied().unwrap_or(0));
    let key = b.len() as u64
        | byte(0) << 16
        | byte(b.len() / 2) << 24
        | byte(b.len().wrapping_sub(1)) << 32;
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as usize % SLOTS
}

/// Byte equality inline: names are a few bytes long, shorter than a call to `memcmp`;
/// one of 8 to 16 bytes is two overlapping words, one of 17 to 32 four.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], i: usize| {
        s.get(i..i + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
            .map(u64::from_ne_bytes)
    };
    let words = |at: &[usize]| at.iter().all(|i| word(a, *i) == word(b, *i));
    match n {
        8..=16 => words(&[0, n - 8]),
        17..=32 => words(&[0, 8, n - 16, n - 8]),
        _ => a.iter().zip(b).all(|(x, y)| x == y),
    }
}

/// The Arrow string view of a string: its length (bits 0–31) and its first bytes; a
/// string of at most 12 bytes is wholly in the view (zero-padded), a longer one keeps
/// four bytes there and is completed by its buffer and offset (bits 64–127).
fn view_of(b: &[u8]) -> u128 {
    let inline = if b.len() <= 12 { 12 } else { 4 };
    b.iter()
        .take(inline)
        .enumerate()
        .fold(b.len() as u128, |v, (i, x)| {
            v | u128::from(*x) << (32 + 8 * i)
        })
}

/// The bytes of a string view longer than 12 bytes: its length (bits 0–31), buffer
/// (bits 64–95) and offset in it (bits 96–127); `None` when they point past the buffers.
#[inline(always)]
fn long_view<'b>(buffers: &[&'b [u8]], view: u128) -> Option<&'b [u8]> {
    let len = view as u32 as usize;
    let buffer = (view >> 64) as u32 as usize;
    let offset = (view >> 96) as u32 as usize;
    buffers.get(buffer)?.get(offset..offset.checked_add(len)?)
}

/// An enum's names by the first half of their string view (length and first four bytes),
/// each in its own slot of a table hashed by a multiplier chosen for these names, with the
/// second half of a short name's view. A row of a short name is then recognized without a
/// branch: one load, two comparisons. A name left without a slot (two names alike in
/// length and first bytes, or no multiplier separating them) is found by its text instead.
struct ViewTable {
    multiplier: u64,
    heads: [u64; VIEW_SLOTS],
    tails: [u64; VIEW_SLOTS],
    codes: [u8; VIEW_SLOTS],
}

impl ViewTable {
    fn slot(&self, head: u64) -> usize {
        (head.wrapping_mul(self.multiplier) >> 57) as usize % VIEW_SLOTS
    }

    /// The table of `names`, with the first of a few fixed multipliers that gives every
    /// name a slot of its own (or the one that leaves the fewest without).
    fn new(names: &[&str]) -> ViewTable {
        let views: Vec<u128> = names.iter().map(|n| view_of(n.as_bytes())).collect();
        let mut best: Option<(usize, ViewTable)> = None;
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..64 {
            // splitmix64: well-spread odd multipliers.
            seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            let mut table = ViewTable::empty((z ^ (z >> 31)) | 1);
            let mut left_out = 0;
            for (code, view) in views.iter().enumerate() {
                let h = table.slot(*view as u64);
                match (
                    table.codes.get_mut(h),
                    table.heads.get_mut(h),
                    table.tails.get_mut(h),
                ) {
                    (Some(c), Some(head), Some(tail)) if *c == NO_CODE => {
                        *c = u8::try_from(code).unwrap_or(NO_CODE);
                        *head = *view as u64;
                        *tail = (*view >> 64) as u64;
                    }
                    _ => left_out += 1,
                }
            }
            if best.as_ref().is_none_or(|(l, _)| left_out < *l) {
                best = Some((left_out, table));
            }
            if left_out == 0 {
                break;
            }
        }
        best.map_or_else(|| ViewTable::empty(1), |(_, t)| t)
    }

    /// A table holding no name, hashed by `multiplier`.
    fn empty(multiplier: u64) -> ViewTable {
        ViewTable {
            multiplier,
            heads: [0; VIEW_SLOTS],
            tails: [0; VIEW_SLOTS],
            codes: [NO_CODE; VIEW_SLOTS],
        }
    }

    /// The code of a short name's view, [`NO_CODE`] for any other view (a longer string,
    /// or a name the table does not hold). No branch: the row's slot is read and compared.
    #[inline(always)]
    fn short_code(&self, view: u128) -> u8 {
        let head = view as u64;
        let h = self.slot(head);
        let (Some(slot_head), Some(slot_tail), Some(code)) =
            (self.heads.get(h), self.tails.get(h), self.codes.get(h))
        else {
            return NO_CODE;
        };
        let short = view as u32 <= 12;
        let hit = short & (*slot_head == head) & (*slot_tail == (view >> 64) as u64);
        if hit {
            *code
        } else {
            NO_CODE
        }
    }

    /// The code the table gives a longer string's view by its length and first bytes,
    /// still to be checked against the whole string.
    fn long_candidate(&self, view: u128) -> Option<u8> {
        let head = view as u64;
        let h = self.slot(head);
        match (self.heads.get(h), self.codes.get(h)) {
            (Some(slot_head), Some(code)) if *slot_head == head && *code != NO_CODE => Some(*code),
            _ => None,
        }
    }
}

impl<'n> NameLookup<'n> {
    /// The lookup of `names` (`None` when there are too many for its table).
    pub(super) fn new(names: &'n [&'n str]) -> Option<NameLookup<'n>> {
        if names.len() >= SLOTS / 2 {
            return None;
        }
        let mut slots = [NO_CODE; SLOTS];
        for (code, name) in names.iter().enumerate() {
            let mut h = slot_of(name.as_bytes());
            // At most half the slots are taken, so a free one is always found.
            while slots.get(h).is_some_and(|s| *s != NO_CODE) {
                h = (h + 1) % SLOTS;
            }
            if let Some(s) = slots.get_mut(h) {
                *s = u8::try_from(code).ok()?;
            }
        }
        Some(NameLookup {
            names,
            slots,
            views: ViewTable::new(names),
        })
    }

    /// The code of the name spelled by the bytes `b`.
    #[inline]
    pub(super) fn find(&self, b: &[u8]) -> Option<u8> {
        let mut h = slot_of(b);
        loop {
            let code = *self.slots.get(h)?;
            if code == NO_CODE {
                return None;
            }
            if self
                .names
                .get(usize::from(code))
                .is_some_and(|n| same(n.as_bytes(), b))
            {
                return Some(code);
            }
            h = (h + 1) % SLOTS;
        }
    }

    /// The code of the name in `row` of `texts` ([`NO_CODE`] when it names nothing).
    #[inline]
    fn find_row(&self, texts: &dyn Texts, row: usize) -> u8 {
        texts
            .text(row)
            .and_then(|s| self.find(s.as_bytes()))
            .unwrap_or(NO_CODE)
    }

    /// Appends the code of each row in `rows` of `texts` ([`NO_CODE`] for a row that
    /// names nothing). Laid out as string views, the rows are read in two passes: the
    /// first recognizes every short name by its view alone, without a branch per row
    /// (lengths mixed at random would mispredict one), and notes the other rows; the
    /// second reads each of those (a longer name, from the buffer its view points into,
    /// compared whole with the name its view's first bytes suggest) or finds it unknown.
    pub(super) fn extend(
        &self,
        texts: &dyn Texts,
        rows: std::ops::Range<usize>,
        out: &mut Vec<u8>,
    ) {
        let Some(views) = texts.views().and_then(|v| v.get(rows.clone())) else {
            out.extend(rows.map(|row| self.find_row(texts, row)));
            return;
        };
        let buffers = texts.view_buffers().unwrap_or_default();
        let mut later = [0u16; STAGE];
        let mut first = rows.start;
        each_staged(views, |block| {
            let base = out.len();
            let mut n = 0;
            out.extend(block.iter().enumerate().map(|(i, view)| {
                let code = self.views.short_code(*view);
                // Written always, kept when the row is left for later (n <= i < STAGE).
                if let Some(slot) = later.get_mut(n) {
                    *slot = i as u16;
                }
                n += usize::from(code == NO_CODE);
                code
            }));
            for i in later.get(..n).unwrap_or_default() {
                let i = usize::from(*i);
                let code = block.get(i).map_or(NO_CODE, |view| {
                    self.other_row(texts, buffers, *view, first + i)
                });
                if let Some(o) = out.get_mut(base + i) {
                    *o = code;
                }
            }
            first += block.len();
        });
    }

    /// The code of a row the view table did not recognize.
    fn other_row(&self, texts: &dyn Texts, buffers: &[&[u8]], view: u128, row: usize) -> u8 {
        if view as u32 <= 12 {
            return self.find_row(texts, row);
        }
        let Some(b) = long_view(buffers, view) else {
            return self.find_row(texts, row);
        };
        let named = |code: u8| {
            self.names
                .get(usize::from(code))
                .is_some_and(|n| same(n.as_bytes(), b))
        };
        match self.views.long_candidate(view) {
            Some(code) if named(code) => code,
            _ => self.find(b).unwrap_or(NO_CODE),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings as Arrow string views, the longer ones in one data buffer.
    struct Views(Vec<String>, Vec<u128>, Vec<&'static [u8]>);

    impl Views {
        fn of(strings: &[&str]) -> Views {
            let mut buffer = Vec::new();
            let views = strings
                .iter()
                .map(|s| {
                    let mut v = view_of(s.as_bytes());
                    if s.len() > 12 {
                        v |= (buffer.len() as u128) << 96;
                        buffer.extend_from_slice(s.as_bytes());
                    }
                    v
                })
                .collect();
            let strings = strings.iter().map(|s| s.to_string()).collect();
            Views(strings, views, vec![&*buffer.leak()])
        }
    }

    impl Texts for Views {
        fn len(&self) -> usize {
            self.0.len()
        }
        fn text(&self, row: usize) -> Option<&str> {
            self.0.get(row).map(String::as_str)
        }
        fn views(&self) -> Option<&[u128]> {
            Some(&self.1)
        }
        fn view_buffers(&self) -> Option<&[&[u8]]> {
            Some(&self.2)
        }
    }

    #[test]
    fn names_alike_in_length_and_first_bytes_are_each_found() {
        // Pairs the view table cannot both hold: found by their text instead.
        let names = [
            "abcd_one",
            "abcd_two",
            "treatment_update_a",
            "treatment_update_b",
            "x",
        ];
        let lookup = NameLookup::new(&names).unwrap();
        let rows: Vec<&str> = (0..10_000).map(|i| names[i * 7 % names.len()]).collect();
        let mut with_unknown = rows.clone();
        with_unknown[4_321] = "abcd_six";
        with_unknown[9_999] = "treatment_update_c";
        let texts = Views::of(&with_unknown);
        let mut out = Vec::new();
        lookup.extend(&texts, 0..texts.len(), &mut out);
        for (row, (code, name)) in out.iter().zip(&with_unknown).enumerate() {
            let expected = names
                .iter()
                .position(|n| n == name)
                .map_or(NO_CODE, |p| p as u8);
            assert_eq!(*code, expected, "row {row}: {name}");
        }
        // A part of the column, as the chunked reader asks for it.
        let mut part = Vec::new();
        lookup.extend(&texts, 4_000..4_400, &mut part);
        assert_eq!(part.as_slice(), &out[4_000..4_400]);
    }
}
