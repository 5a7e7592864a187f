//! `journey_map_tables` on any four tables, laid out every way a dataframe hands them over:
//! names as plain strings, as Arrow string views with their data buffers (any view, even
//! one pointing past its buffers or with bytes after its end), as dictionaries with keys of
//! any width and value, or as integer codes; ids as integers or strings; instants as
//! timestamps of any unit or integer seconds; null bitmaps at any bit offset; sometimes
//! more rows than one chunk. Never a panic, and the chunked reader (with its fast paths)
//! gives exactly what the whole-table reader gives: `read_tables` then
//! `journey_map_columns`, the same map or the same error.
#![no_main]
use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use medjourney::analytics::tables::{
    read_tables, Batch, Bits, Column, Ints, Tables, Texts, TimeUnit, Values,
};
use medjourney::analytics::{journey_map_columns, journey_map_tables};
use medjourney::journey::{Channel, Need, Stage, Status, TouchpointKind};
use medjourney::MapOptions;
use medjourney_fuzz::{any, decode, small_vec};

/// Strings as a dataframe holds them: plain, or as views with their text (what the view
/// and its buffers spell, as an Arrow reader takes them: `None` when a view points past
/// its buffers or spells no UTF-8) and their data buffers.
#[derive(Clone)]
enum Strs {
    Plain(Vec<String>),
    Views(Vec<u128>, Vec<Option<String>>, Vec<Vec<u8>>),
}

/// Strings lent to the reader, the views' buffers as slices.
struct Lent<'a>(&'a Strs, Vec<&'a [u8]>);

impl Strs {
    fn lend(&self) -> Lent<'_> {
        let buffers = match self {
            Strs::Views(_, _, b) => b.iter().map(Vec::as_slice).collect(),
            Strs::Plain(_) => Vec::new(),
        };
        Lent(self, buffers)
    }
}

impl Texts for Lent<'_> {
    fn len(&self) -> usize {
        match self.0 {
            Strs::Plain(s) => s.len(),
            Strs::Views(v, ..) => v.len(),
        }
    }
    fn text(&self, row: usize) -> Option<&str> {
        match self.0 {
            Strs::Plain(s) => s.get(row).map(String::as_str),
            Strs::Views(_, texts, _) => texts.get(row)?.as_deref(),
        }
    }
    fn views(&self) -> Option<&[u128]> {
        match self.0 {
            Strs::Views(v, ..) => Some(v),
            Strs::Plain(_) => None,
        }
    }
    fn view_buffers(&self) -> Option<&[&[u8]]> {
        match self.0 {
            Strs::Views(..) => Some(&self.1),
            Strs::Plain(_) => None,
        }
    }
}

/// The text a view spells.
fn spelled(view: u128, buffers: &[Vec<u8>]) -> Option<String> {
    let len = view as u32 as usize;
    let bytes = if len <= 12 {
        view.to_le_bytes().get(4..4 + len)?.to_vec()
    } else {
        let buffer = buffers.get((view >> 64) as u32 as usize)?;
        let offset = (view >> 96) as u32 as usize;
        buffer.get(offset..offset.checked_add(len)?)?.to_vec()
    };
    String::from_utf8(bytes).ok()
}

/// Views of `strings` (the longer ones in one of two buffers), a few replaced by any view.
fn views(u: &mut Unstructured, strings: &[String]) -> arbitrary::Result<Strs> {
    let mut buffers = vec![Vec::new(), Vec::new()];
    let mut views = Vec::with_capacity(strings.len());
    for s in strings {
        let b = s.as_bytes();
        let mut v = b.len() as u128;
        let inline = if b.len() <= 12 { 12 } else { 4 };
        for (i, x) in b.iter().take(inline).enumerate() {
            v |= u128::from(*x) << (32 + 8 * i);
        }
        if b.len() > 12 {
            let k = usize::from(any::<bool>(u)?);
            v |= (k as u128) << 64 | (buffers[k].len() as u128) << 96;
            buffers[k].extend_from_slice(b);
        }
        if u.ratio(1, 200)? {
            v = any(u)?;
        }
        views.push(v);
    }
    let texts = views.iter().map(|v| spelled(*v, &buffers)).collect();
    Ok(Strs::Views(views, texts, buffers))
}

/// Integers held in one width (0–3: i8…i64, 4–6: u8…u32), cast from i64 as a dataframe's
/// column of that type would hold them.
#[derive(Clone)]
enum Held {
    I8(Vec<i8>),
    I16(Vec<i16>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

impl Held {
    fn of(values: &[i64], width: u8) -> Held {
        match width {
            0 => Held::I8(values.iter().map(|v| *v as i8).collect()),
            1 => Held::I16(values.iter().map(|v| *v as i16).collect()),
            2 => Held::I32(values.iter().map(|v| *v as i32).collect()),
            4 => Held::U8(values.iter().map(|v| *v as u8).collect()),
            5 => Held::U16(values.iter().map(|v| *v as u16).collect()),
            6 => Held::U32(values.iter().map(|v| *v as u32).collect()),
            _ => Held::I64(values.to_vec()),
        }
    }
    fn ints(&self) -> Ints<'_> {
        match self {
            Held::I8(v) => Ints::I8(v),
            Held::I16(v) => Ints::I16(v),
            Held::I32(v) => Ints::I32(v),
            Held::I64(v) => Ints::I64(v),
            Held::U8(v) => Ints::U8(v),
            Held::U16(v) => Ints::U16(v),
            Held::U32(v) => Ints::U32(v),
        }
    }
}

/// One column's values, owned.
#[derive(Clone)]
enum Data {
    Strs(Strs),
    Keyed(Held, Strs),
    Ints(Held),
    Times(Vec<i64>, TimeUnit),
    Floats(Vec<f64>),
    Flags(Vec<u8>, usize),
}

/// A column: its values and, maybe, a validity bitmap read from a bit offset.
#[derive(Clone)]
struct Col(Data, Option<(Vec<u8>, usize)>);

impl Col {
    /// The strings of the column, if any (its values or its dictionary).
    fn strs(&self) -> Option<&Strs> {
        match &self.0 {
            Data::Strs(s) | Data::Keyed(_, s) => Some(s),
            _ => None,
        }
    }

    /// The column, its strings (if any) as `lent` lends them.
    fn column<'a>(&'a self, lent: Option<&'a Lent<'a>>) -> Column<'a> {
        let values = match (&self.0, lent) {
            (Data::Strs(_), Some(l)) => Values::Text(l),
            (Data::Keyed(k, _), Some(l)) => Values::Dictionary {
                keys: k.ints(),
                values: l,
            },
            (Data::Ints(i), _) => Values::Int(i.ints()),
            (Data::Times(v, unit), _) => Values::Timestamp(v, *unit),
            (Data::Floats(v), _) => Values::Float64(v),
            (Data::Flags(b, n), _) => Values::Bool(
                Bits {
                    bytes: b,
                    offset: 0,
                },
                *n,
            ),
            (Data::Strs(_) | Data::Keyed(..), None) => Values::Unsupported("no strings lent", 0),
        };
        let valid = self.1.as_ref().map(|(bytes, offset)| Bits {
            bytes,
            offset: *offset,
        });
        Column { values, valid }
    }
}

/// A validity bitmap of `valid`, from a bit offset of 0 to 7.
fn bitmap(u: &mut Unstructured, valid: &[bool]) -> arbitrary::Result<Option<(Vec<u8>, usize)>> {
    let offset = u.int_in_range(0..=7usize)?;
    let mut bytes = vec![0u8; (valid.len() + offset).div_ceil(8) + 1];
    for (i, v) in valid.iter().enumerate() {
        if *v {
            bytes[(i + offset) / 8] |= 1 << ((i + offset) % 8);
        }
    }
    Ok(Some((bytes, offset)))
}

thread_local! {
    /// Whether this input may have nulls where none are allowed (set per input).
    static STRAY_NULLS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// In an input that may, now and then a few nulls in a column that allows none (an error
/// either way).
fn stray_nulls(u: &mut Unstructured, rows: usize) -> arbitrary::Result<Option<(Vec<u8>, usize)>> {
    if rows == 0 || !STRAY_NULLS.get() || !u.ratio(1, 8)? {
        return Ok(None);
    }
    let valid: Vec<bool> = (0..rows).map(|_| any(u)).collect::<Result<_, _>>()?;
    bitmap(u, &valid)
}

/// A column of an enum's names or codes, `codes` its rows (a code past `names` is a name no
/// enum has, or one that starts like a real one).
fn names(u: &mut Unstructured, codes: &[u8], names: &[&str]) -> arbitrary::Result<Col> {
    let name = |c: u8| -> String {
        match names.get(usize::from(c)) {
            Some(n) => n.to_string(),
            None if c % 4 == 0 => format!("{}x", names[0]),
            None => {
                let mut n = names[usize::from(c) % names.len()].to_string();
                n.pop();
                n.push('!');
                n
            }
        }
    };
    let strings: Vec<String> = codes.iter().map(|c| name(*c)).collect();
    let data = match u.int_in_range(0..=4u8)? {
        0 => Data::Strs(Strs::Plain(strings)),
        1 | 4 => Data::Strs(views(u, &strings)?),
        2 => {
            // The dictionary in reverse with an entry no row uses; a key may be anything.
            let mut dict: Vec<String> = names.iter().rev().map(|n| n.to_string()).collect();
            dict.push("unused".into());
            let mut keys = Vec::with_capacity(codes.len());
            for c in codes {
                keys.push(match names.len().checked_sub(1 + usize::from(*c)) {
                    Some(k) if !u.ratio(1, 200)? => k as i64,
                    _ => any(u)?,
                });
            }
            let dict = if any(u)? {
                Strs::Plain(dict)
            } else {
                views(u, &dict)?
            };
            Data::Keyed(Held::of(&keys, u.int_in_range(0..=6u8)?), dict)
        }
        _ => {
            let values: Vec<i64> = codes.iter().map(|c| i64::from(*c)).collect();
            Data::Ints(Held::of(&values, u.int_in_range(0..=6u8)?))
        }
    };
    Ok(Col(data, stray_nulls(u, codes.len())?))
}

/// A `journey_id` column of journey numbers, as integers or strings.
fn ids(
    u: &mut Unstructured,
    numbers: &[u32],
    journeys: u32,
    as_text: bool,
) -> arbitrary::Result<Col> {
    let id = |n: u32| i64::from(n) * 3 - 7;
    let data = if as_text {
        let strings: Vec<String> = numbers.iter().map(|n| format!("j-{}", id(*n))).collect();
        match u.int_in_range(0..=2u8)? {
            0 => Data::Strs(Strs::Plain(strings)),
            1 => Data::Strs(views(u, &strings)?),
            _ => {
                let dict: Vec<String> = (0..journeys.max(1))
                    .map(|n| format!("j-{}", id(n)))
                    .collect();
                let keys: Vec<i64> = numbers.iter().map(|n| i64::from(*n)).collect();
                Data::Keyed(Held::of(&keys, 6), Strs::Plain(dict))
            }
        }
    } else {
        let values: Vec<i64> = numbers.iter().map(|n| id(*n)).collect();
        Data::Ints(Held::of(&values, *u.choose(&[2u8, 3])?))
    };
    Ok(Col(data, stray_nulls(u, numbers.len())?))
}

/// An instant column of `seconds` (`None`: null, allowed when `nullable`).
fn instants(
    u: &mut Unstructured,
    seconds: &[Option<i64>],
    nullable: bool,
) -> arbitrary::Result<Col> {
    let unit = *u.choose(&[
        TimeUnit::Second,
        TimeUnit::Millisecond,
        TimeUnit::Microsecond,
        TimeUnit::Nanosecond,
    ])?;
    let per: i64 = match unit {
        TimeUnit::Second => 1,
        TimeUnit::Millisecond => 1_000,
        TimeUnit::Microsecond => 1_000_000,
        TimeUnit::Nanosecond => 1_000_000_000,
    };
    let as_ints = u.ratio(1, 4)?;
    let mut values = Vec::with_capacity(seconds.len());
    for s in seconds {
        values.push(match s {
            Some(s) if as_ints => *s,
            Some(s) => s
                .saturating_mul(per)
                .saturating_add(u.int_in_range(0..=per - 1)?),
            None => any(u)?,
        });
    }
    let data = if as_ints {
        Data::Ints(Held::of(&values, 3))
    } else {
        Data::Times(values, unit)
    };
    let valid = if seconds.iter().any(Option::is_none) || (nullable && u.ratio(1, 8)?) {
        let v: Vec<bool> = seconds.iter().map(Option::is_some).collect();
        bitmap(u, &v)?
    } else {
        None
    };
    Ok(Col(data, valid))
}

/// Which parts of an input are hostile: each on its own, so an input whose only fault is
/// one kind (an impostor name, say) shows whether the fast paths catch it.
#[derive(Clone, Copy)]
struct Hostile {
    codes: bool,
    ids: bool,
    times: bool,
    scores: bool,
}

/// An instant in an ordinary quarter or, in a hostile input, anywhere (the supported
/// years' edges too).
fn second(u: &mut Unstructured, hostile: bool) -> arbitrary::Result<i64> {
    Ok(match u.int_in_range(0..=15u8)? {
        0 if hostile => any(u)?,
        1 if hostile => *u.choose(&[
            -62_135_596_801,
            -62_135_596_800,
            253_402_300_799,
            253_402_300_800,
        ])?,
        _ => 1_767_225_600 + i64::from(u.int_in_range(0..=90 * 24u32)?) * 3600,
    })
}

/// A code below `below` or, now and then in a hostile input, one past it (a name that
/// starts like a real one, mostly).
fn code(u: &mut Unstructured, below: u8, hostile: bool) -> arbitrary::Result<u8> {
    if hostile && u.ratio(1, 40)? {
        u.int_in_range(below..=below + 3)
    } else {
        u.int_in_range(0..=below - 1)
    }
}

/// The four tables, as named columns per table.
struct Input {
    tables: [Vec<(&'static str, Col)>; 4],
}

fn input(u: &mut Unstructured) -> arbitrary::Result<Input> {
    // Most inputs are sound journeys, so the fast paths' maps are compared, not only their
    // errors; a hostile one has bad codes, ids, instants or scores here and there.
    let hostile = Hostile {
        codes: u.ratio(1, 6)?,
        ids: u.ratio(1, 6)?,
        times: u.ratio(1, 6)?,
        scores: u.ratio(1, 6)?,
    };
    STRAY_NULLS.set(u.ratio(1, 6)?);
    let n = u.int_in_range(0..=8u32)?;
    let journey = |u: &mut Unstructured| -> arbitrary::Result<u32> {
        if hostile.ids && u.ratio(1, 20)? {
            u.int_in_range(n..=n + 2)
        } else {
            u.int_in_range(0..=n.max(1) - 1)
        }
    };
    let as_text = any(u)?;
    // Sometimes more rows than one chunk of the reader (4,096), by repeating them.
    let repeat = if u.ratio(1, 16)? { 300 } else { 1 };
    let statuses: Vec<u8> = (0..n)
        .map(|_| code(u, 4, hostile.codes))
        .collect::<Result<_, _>>()?;
    let all: Vec<u32> = (0..n).collect();
    let journeys = vec![
        ("journey_id", ids(u, &all, n, as_text)?),
        ("status", names(u, &statuses, &Status::NAMES)?),
    ];

    let visits = small_vec(u, 24, |u| {
        let entered = second(u, hostile.times)?;
        let open: bool = any(u)?;
        let stay = i64::from(u.int_in_range(0..=500_000u32)?);
        let left = (!open).then(|| entered.saturating_add(stay));
        Ok((journey(u)?, code(u, 7, hostile.codes)?, entered, left))
    })?;
    // A touchpoint or need in a stage its journey visited, after it entered (or anywhere,
    // now and then, in a hostile input).
    let in_visit = |u: &mut Unstructured| -> arbitrary::Result<(u32, u8, i64)> {
        let pick = u.choose_index(visits.len().max(1))?;
        match visits.get(pick) {
            Some((j, s, entered, _)) if !(hostile.times && u.ratio(1, 20)?) => {
                let after = i64::from(u.int_in_range(0..=400_000u32)?);
                Ok((*j, *s, entered.saturating_add(after)))
            }
            _ => Ok((
                journey(u)?,
                code(u, 7, hostile.codes)?,
                second(u, hostile.times)?,
            )),
        }
    };
    let touches = small_vec(u, 24, |u| {
        let (j, s, at) = in_visit(u)?;
        let sentiment = match u.int_in_range(0..=3u8)? {
            0 => None,
            1 if hostile.scores => Some(f64::from_bits(any(u)?)),
            _ => Some(f64::from(u.int_in_range(-8..=8i8)?) / 4.0),
        };
        Ok((
            j,
            s,
            at,
            code(u, 10, hostile.codes)?,
            code(u, 12, hostile.codes)?,
            sentiment,
        ))
    })?;
    let needs = small_vec(u, 10, |u| {
        let (j, s, _) = in_visit(u)?;
        Ok((j, s, code(u, 11, hostile.codes)?, any::<bool>(u)?))
    })?;
    let visits: Vec<_> = visits
        .iter()
        .cycle()
        .take(visits.len() * repeat)
        .copied()
        .collect();
    let vj: Vec<u32> = visits.iter().map(|v| v.0).collect();
    let vs: Vec<u8> = visits.iter().map(|v| v.1).collect();
    let ve: Vec<Option<i64>> = visits.iter().map(|v| Some(v.2)).collect();
    let vl: Vec<Option<i64>> = visits.iter().map(|v| v.3).collect();
    let visits = vec![
        ("journey_id", ids(u, &vj, n, as_text)?),
        ("stage", names(u, &vs, &Stage::NAMES)?),
        ("entered", instants(u, &ve, false)?),
        ("left", instants(u, &vl, true)?),
    ];

    let touches: Vec<_> = touches
        .iter()
        .cycle()
        .take(touches.len() * repeat)
        .copied()
        .collect();
    let tj: Vec<u32> = touches.iter().map(|t| t.0).collect();
    let ts: Vec<u8> = touches.iter().map(|t| t.1).collect();
    let ta: Vec<Option<i64>> = touches.iter().map(|t| Some(t.2)).collect();
    let tc: Vec<u8> = touches.iter().map(|t| t.3).collect();
    let tk: Vec<u8> = touches.iter().map(|t| t.4).collect();
    let rated: Vec<bool> = touches.iter().map(|t| t.5.is_some()).collect();
    let scores: Vec<f64> = touches.iter().map(|t| t.5.unwrap_or(0.0)).collect();
    let sentiment_valid = if rated.iter().all(|r| *r) {
        None
    } else {
        bitmap(u, &rated)?
    };
    let mut touchpoints = vec![
        ("journey_id", ids(u, &tj, n, as_text)?),
        ("stage", names(u, &ts, &Stage::NAMES)?),
        ("at", instants(u, &ta, false)?),
        ("channel", names(u, &tc, &Channel::NAMES)?),
        ("kind", names(u, &tk, &TouchpointKind::NAMES)?),
    ];
    if !u.ratio(1, 16)? {
        touchpoints.push(("sentiment", Col(Data::Floats(scores), sentiment_valid)));
    }

    let nj: Vec<u32> = needs.iter().map(|x| x.0).collect();
    let ns: Vec<u8> = needs.iter().map(|x| x.1).collect();
    let nn: Vec<u8> = needs.iter().map(|x| x.2).collect();
    let mut met = vec![0u8; needs.len().div_ceil(8)];
    for (i, x) in needs.iter().enumerate() {
        if x.3 {
            met[i / 8] |= 1 << (i % 8);
        }
    }
    let needs = vec![
        ("journey_id", ids(u, &nj, n, as_text)?),
        ("stage", names(u, &ns, &Stage::NAMES)?),
        ("need", names(u, &nn, &Need::NAMES)?),
        ("met", Col(Data::Flags(met, nj.len()), None)),
    ];
    Ok(Input {
        tables: [journeys, visits, touchpoints, needs],
    })
}

/// The same strings, plain: what each view or dictionary key spells, so the plain table is
/// the same table read without the fast paths for views and dictionaries. A column where
/// a row spells nothing (a view past its buffers, a key past the dictionary) stays as it
/// is: no plain string says "no text".
fn plain(col: &Col) -> Col {
    let texts: Option<Vec<String>> = match &col.0 {
        Data::Strs(s) => {
            let l = s.lend();
            (0..l.len())
                .map(|r| l.text(r).map(str::to_string))
                .collect()
        }
        Data::Keyed(keys, dict) => {
            let l = dict.lend();
            ints_of(keys)
                .iter()
                .map(|k| {
                    usize::try_from(*k)
                        .ok()
                        .and_then(|k| l.text(k))
                        .map(str::to_string)
                })
                .collect()
        }
        _ => None,
    };
    match texts {
        Some(t) => Col(Data::Strs(Strs::Plain(t)), col.1.clone()),
        None => col.clone(),
    }
}

/// The values of integers of any width, as i64 (an `Ints` column's rows are i64 here).
fn ints_of(h: &Held) -> Vec<i64> {
    match h {
        Held::I8(v) => v.iter().map(|x| i64::from(*x)).collect(),
        Held::I16(v) => v.iter().map(|x| i64::from(*x)).collect(),
        Held::I32(v) => v.iter().map(|x| i64::from(*x)).collect(),
        Held::I64(v) => v.clone(),
        Held::U8(v) => v.iter().map(|x| i64::from(*x)).collect(),
        Held::U16(v) => v.iter().map(|x| i64::from(*x)).collect(),
        Held::U32(v) => v.iter().map(|x| i64::from(*x)).collect(),
    }
}

/// The map of `input`'s tables, by the chunked reader (checked against the whole-table
/// reader on the same tables: the same map, or the same error).
fn map_of(input: &Input) -> medjourney::Result<medjourney::JourneyMap> {
    let lent: Vec<Vec<Option<Lent<'_>>>> = input
        .tables
        .iter()
        .map(|t| t.iter().map(|(_, c)| c.strs().map(Strs::lend)).collect())
        .collect();
    let batches: Vec<Vec<Batch<'_>>> = input
        .tables
        .iter()
        .zip(&lent)
        .map(|(t, l)| {
            let columns = t
                .iter()
                .zip(l)
                .map(|((name, c), l)| (*name, c.column(l.as_ref())))
                .collect();
            vec![Batch { columns }]
        })
        .collect();
    let tables = Tables {
        journeys: &batches[0],
        visits: &batches[1],
        touchpoints: &batches[2],
        needs: &batches[3],
    };
    let options = MapOptions::default();
    let chunked = journey_map_tables(&tables, &options);
    let whole = read_tables(&tables).and_then(|t| journey_map_columns(&t.columns(), &options));
    match (&chunked, whole) {
        (Ok(a), Ok(b)) => assert_eq!(a, &b, "the chunked reader's map is the whole reader's"),
        (Err(a), Err(b)) => assert_eq!(
            (a.code(), a.to_string()),
            (b.code(), b.to_string()),
            "the same error"
        ),
        (a, b) => panic!("chunked reader: {a:?}\nwhole-table reader: {b:?}"),
    }
    chunked
}

fuzz_target!(|data: &[u8]| {
    let Some(input) = decode(data, input) else {
        return;
    };
    let got = map_of(&input);
    // The same tables with every string plain: names found by their text, one by one.
    let plain = Input {
        tables: input
            .tables
            .each_ref()
            .map(|t| t.iter().map(|(name, c)| (*name, plain(c))).collect()),
    };
    match (got, map_of(&plain)) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "views and dictionaries read as plain strings do"),
        (Err(a), Err(b)) => assert_eq!(a.code(), b.code(), "{a}\n{b}"),
        (a, b) => panic!("as laid out: {a:?}\nas plain strings: {b:?}"),
    }
});
