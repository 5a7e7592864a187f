//! The columns a wrapper hands over: plain slices, strings behind a trait, validity
//! bitmaps, in record batches.

/// A column of strings, however the dataframe library lays it out.
pub trait Texts: Sync {
    /// How many rows.
    fn len(&self) -> usize;
    /// True when there are no rows.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The string in `row`; `None` past the end or when it is not valid UTF-8.
    fn text(&self, row: usize) -> Option<&str>;

    /// The rows as Arrow string views, when the column is laid out so: 16 bytes a row,
    /// read as a little-endian `u128` whose low 32 bits are the length and whose next
    /// 12 bytes, for a string of at most 12 bytes, are the string itself (zero-padded);
    /// a longer string's view holds its first four bytes, then its buffer's index and its
    /// offset there (see [`Texts::view_buffers`]). Equal short views are then equal
    /// strings, so a decoder can recognize a name by its view alone. `None` (the default)
    /// otherwise.
    fn views(&self) -> Option<&[u128]> {
        None
    }

    /// The data buffers the string views of a longer string point into (Arrow's
    /// variadic buffers, in order), so a decoder reads such a string from its view's
    /// buffer index and offset without a call per row. `None` (the default) when the
    /// column has no views or the buffers cannot be lent.
    fn view_buffers(&self) -> Option<&[&[u8]]> {
        None
    }
}

/// A bitmap, least significant bit first from bit `offset` (Arrow's validity and boolean
/// layout).
#[derive(Debug, Clone, Copy)]
pub struct Bits<'a> {
    /// The bytes holding the bits.
    pub bytes: &'a [u8],
    /// The bit where row 0 is.
    pub offset: usize,
}

impl Bits<'_> {
    /// The bit of `row`; false past the end.
    pub fn get(&self, row: usize) -> bool {
        let k = self.offset.saturating_add(row);
        self.bytes
            .get(k / 8)
            .is_some_and(|b| (b >> (k % 8)) & 1 == 1)
    }

    /// True when the bits of rows `0..rows` are all set (whole bytes compared at once).
    pub fn all_set(&self, rows: usize) -> bool {
        let mut row = 0;
        while row < rows && self.offset.saturating_add(row) % 8 != 0 {
            if !self.get(row) {
                return false;
            }
            row += 1;
        }
        let first = self.offset.saturating_add(row) / 8;
        let whole = (rows - row) / 8;
        let Some(bytes) = self.bytes.get(first..first.saturating_add(whole)) else {
            return false;
        };
        if !bytes.iter().all(|b| *b == u8::MAX) {
            return false;
        }
        row += whole * 8;
        (row..rows).all(|r| self.get(r))
    }
}

/// An integer column of any width.
#[derive(Debug, Clone, Copy)]
pub enum Ints<'a> {
    /// 8-bit signed.
    I8(&'a [i8]),
    /// 16-bit signed.
    I16(&'a [i16]),
    /// 32-bit signed.
    I32(&'a [i32]),
    /// 64-bit signed.
    I64(&'a [i64]),
    /// 8-bit unsigned.
    U8(&'a [u8]),
    /// 16-bit unsigned.
    U16(&'a [u16]),
    /// 32-bit unsigned.
    U32(&'a [u32]),
    /// 64-bit unsigned.
    U64(&'a [u64]),
}

/// An integer of any width, widened without loss.
pub(super) trait Int: Copy {
    fn wide(self) -> i128;
}

macro_rules! int_impl {
    ($($t:ty),*) => {$(impl Int for $t {
        #[inline(always)]
        fn wide(self) -> i128 {
            i128::from(self)
        }
    })*};
}
int_impl!(i8, i16, i32, i64, u8, u16, u32, u64);

impl<'a> Ints<'a> {
    /// How many rows.
    pub fn len(&self) -> usize {
        match self {
            Ints::I8(s) => s.len(),
            Ints::I16(s) => s.len(),
            Ints::I32(s) => s.len(),
            Ints::I64(s) => s.len(),
            Ints::U8(s) => s.len(),
            Ints::U16(s) => s.len(),
            Ints::U32(s) => s.len(),
            Ints::U64(s) => s.len(),
        }
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows `rows` (`None` past the end).
    pub(super) fn range(&self, rows: std::ops::Range<usize>) -> Option<Ints<'a>> {
        Some(match *self {
            Ints::I8(s) => Ints::I8(s.get(rows)?),
            Ints::I16(s) => Ints::I16(s.get(rows)?),
            Ints::I32(s) => Ints::I32(s.get(rows)?),
            Ints::I64(s) => Ints::I64(s.get(rows)?),
            Ints::U8(s) => Ints::U8(s.get(rows)?),
            Ints::U16(s) => Ints::U16(s.get(rows)?),
            Ints::U32(s) => Ints::U32(s.get(rows)?),
            Ints::U64(s) => Ints::U64(s.get(rows)?),
        })
    }

    /// The value of `row` (`None` past the end).
    pub(super) fn get(&self, row: usize) -> Option<i128> {
        match self {
            Ints::I8(s) => s.get(row).map(|x| i128::from(*x)),
            Ints::I16(s) => s.get(row).map(|x| i128::from(*x)),
            Ints::I32(s) => s.get(row).map(|x| i128::from(*x)),
            Ints::I64(s) => s.get(row).map(|x| i128::from(*x)),
            Ints::U8(s) => s.get(row).map(|x| i128::from(*x)),
            Ints::U16(s) => s.get(row).map(|x| i128::from(*x)),
            Ints::U32(s) => s.get(row).map(|x| i128::from(*x)),
            Ints::U64(s) => s.get(row).map(|x| i128::from(*x)),
        }
    }
}

/// The unit of a timestamp column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// Seconds.
    Second,
    /// Milliseconds.
    Millisecond,
    /// Microseconds.
    Microsecond,
    /// Nanoseconds.
    Nanosecond,
}

impl TimeUnit {
    pub(super) fn per_second(self) -> i64 {
        match self {
            TimeUnit::Second => 1,
            TimeUnit::Millisecond => 1_000,
            TimeUnit::Microsecond => 1_000_000,
            TimeUnit::Nanosecond => 1_000_000_000,
        }
    }
}

/// A column's values, by layout.
#[derive(Clone, Copy)]
pub enum Values<'a> {
    /// Integers (ids, codes, epoch seconds, 0/1 flags).
    Int(Ints<'a>),
    /// 32-bit floats.
    Float32(&'a [f32]),
    /// 64-bit floats.
    Float64(&'a [f64]),
    /// Booleans, one bit each.
    Bool(Bits<'a>, usize),
    /// Strings.
    Text(&'a dyn Texts),
    /// Dictionary-encoded strings: per row an index into `values`.
    Dictionary {
        /// Per row, the index of its string.
        keys: Ints<'a>,
        /// The distinct strings.
        values: &'a dyn Texts,
    },
    /// Timestamps (UTC) in a unit.
    Timestamp(&'a [i64], TimeUnit),
    /// A layout none of the columns accepts: its type's name (for the error) and rows.
    Unsupported(&'a str, usize),
}

impl Values<'_> {
    /// How many rows.
    pub fn len(&self) -> usize {
        match self {
            Values::Int(i) => i.len(),
            Values::Float32(s) => s.len(),
            Values::Float64(s) => s.len(),
            Values::Bool(_, n) => *n,
            Values::Text(t) => t.len(),
            Values::Dictionary { keys, .. } => keys.len(),
            Values::Timestamp(s, _) => s.len(),
            Values::Unsupported(_, n) => *n,
        }
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(super) fn type_name(&self) -> &str {
        match self {
            Values::Int(_) => "integers",
            Values::Float32(_) | Values::Float64(_) => "floats",
            Values::Bool(..) => "booleans",
            Values::Text(_) => "strings",
            Values::Dictionary { .. } => "dictionary-encoded strings",
            Values::Timestamp(..) => "timestamps",
            Values::Unsupported(name, _) => name,
        }
    }
}

/// One column: its values and, when it has nulls, which rows are valid (bit set).
#[derive(Clone, Copy)]
pub struct Column<'a> {
    /// The values (a null row's value is ignored).
    pub values: Values<'a>,
    /// Validity: `None` when no row is null.
    pub valid: Option<Bits<'a>>,
}

impl<'a> Column<'a> {
    /// The rows `rows` of a column of numbers, timestamps or booleans, laid out as the
    /// column is (`None` for strings, whose rows are read through [`Texts`], and past the
    /// end).
    pub(super) fn range(&self, rows: std::ops::Range<usize>) -> Option<Column<'a>> {
        let shift = |b: Bits<'a>| Bits {
            bytes: b.bytes,
            offset: b.offset.saturating_add(rows.start),
        };
        let values = match self.values {
            Values::Int(i) => Values::Int(i.range(rows.clone())?),
            Values::Float32(s) => Values::Float32(s.get(rows.clone())?),
            Values::Float64(s) => Values::Float64(s.get(rows.clone())?),
            Values::Timestamp(s, unit) => Values::Timestamp(s.get(rows.clone())?, unit),
            Values::Bool(bits, n) if rows.end <= n => Values::Bool(shift(bits), rows.len()),
            _ => return None,
        };
        Some(Column {
            values,
            valid: self.valid.map(shift),
        })
    }

    pub(super) fn is_null(&self, row: usize) -> bool {
        self.valid.is_some_and(|v| !v.get(row))
    }

    /// True when no row is null.
    pub(super) fn all_valid(&self) -> bool {
        self.valid.is_none_or(|v| v.all_set(self.values.len()))
    }
}

/// One record batch of a table: its columns by name.
#[derive(Clone, Default)]
pub struct Batch<'a> {
    /// The columns, by their names in the dataframe.
    pub columns: Vec<(&'a str, Column<'a>)>,
}

/// The four tables, each as record batches (a table may arrive in several).
#[derive(Clone, Copy, Default)]
pub struct Tables<'a> {
    /// One row per journey.
    pub journeys: &'a [Batch<'a>],
    /// One row per stage visit.
    pub visits: &'a [Batch<'a>],
    /// One row per touchpoint.
    pub touchpoints: &'a [Batch<'a>],
    /// One row per need record; empty when there are none.
    pub needs: &'a [Batch<'a>],
}
