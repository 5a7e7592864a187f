//! What every fuzz target checks besides "no panic": the invariants of the outputs.
//!
//! A target calls these on whatever the core returned; a violated invariant panics, which
//! libFuzzer reports as a crash with the input that caused it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a failed check is a crash

use std::io::BufReader;

use arbitrary::{Arbitrary, Unstructured};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use medjourney::{Currency, Decimal, Error, Money};

/// Every error the core returns must carry one of its documented codes and a message.
pub fn coded(e: &Error) {
    assert!(Error::CODES.contains(&e.code()), "undocumented code {e:?}");
    assert!(!e.to_string().is_empty(), "empty message for {e:?}");
}

/// Runs `f`; an error must be coded (see [`coded`]).
pub fn ok_or_coded<T>(r: medjourney::Result<T>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            coded(&e);
            None
        }
    }
}

/// The elements the pictures draw; anything else (a `<script>`) came from user text.
const SVG_ELEMENTS: &[&str] = &[
    "svg", "title", "rect", "text", "line", "circle", "polygon", "polyline", "g",
];

/// Checks an SVG picture: well-formed XML, only the elements the pictures draw, every
/// character an XML 1.0 `Char` and no non-character, the root scaling to its container.
pub fn svg(text: &str) {
    for c in text.chars() {
        let u = c as u32;
        assert!(
            matches!(u, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF),
            "{u:#x} is not an XML Char"
        );
        assert!(
            !((0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE),
            "non-character {u:#x} in an SVG"
        );
        assert!(
            !((0x202A..=0x202E).contains(&u) || (0x2066..=0x2067).contains(&u)),
            "bidi embedding or override {u:#x} in an SVG"
        );
    }
    let doc = roxmltree::Document::parse(text)
        .unwrap_or_else(|e| panic!("SVG is not well-formed XML: {e}\n{text}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("100%"), "the picture scales");
    for n in doc.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        assert!(SVG_ELEMENTS.contains(&name), "unexpected element <{name}>");
        for a in n.attributes() {
            assert!(
                !a.name().starts_with("on") && a.name() != "href",
                "unexpected attribute {} on <{name}>",
                a.name()
            );
        }
    }
    let (fsi, pdi) = (
        text.matches('\u{2068}').count(),
        text.matches('\u{2069}').count(),
    );
    assert_eq!(fsi, pdi, "isolates are balanced");
}

/// Checks an iCalendar file: CRLF line ends, folded at 75 octets, every DTSTART/DTEND a
/// UTC date-time with a four-digit year, no fold leaving whitespace at the end of a
/// physical line, and an independent reader (the `ical` crate) finds one calendar with
/// `events` events whose SUMMARY and DESCRIPTION it reads as expected. Returns those
/// values as RFC 5545 defines them (unfolded, everything after the first `:`).
pub fn ics(text: &str, events: usize) -> Vec<(String, String)> {
    assert!(text.ends_with("\r\n"), "ends with CRLF");
    let physical: Vec<&str> = text.split("\r\n").collect();
    for (i, line) in physical.iter().enumerate() {
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
        assert!(!line.contains(['\r', '\n']), "bare CR or LF in {line:?}");
        for prop in ["DTSTART:", "DTEND:", "DTSTAMP:"] {
            if let Some(v) = line.strip_prefix(prop) {
                let b = v.as_bytes();
                assert!(
                    b.len() == 16
                        && b[8] == b'T'
                        && b[15] == b'Z'
                        && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit),
                    "{prop} {v:?} is not a UTC date-time with a four-digit year"
                );
            }
        }
        // Readers trim each physical line before unfolding; whitespace before a fold would
        // be lost unless the whole continuation is whitespace (nothing else can carry it).
        let folds = physical
            .get(i + 1)
            .is_some_and(|next| next.starts_with(' '));
        let body = line.strip_prefix(' ').unwrap_or(line);
        if folds && !body.trim().is_empty() {
            assert_eq!(line.trim_end(), *line, "whitespace before a fold: {line:?}");
        }
    }
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = parser
        .next()
        .expect("one calendar")
        .unwrap_or_else(|e| panic!("the ical reader refuses the file: {e}\n{text}"));
    assert!(parser.next().is_none(), "exactly one calendar");
    assert_eq!(cal.events.len(), events, "one event per item");
    let read = cal
        .events
        .iter()
        .map(|e| {
            let get = |name: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap_or_default()
            };
            (get("SUMMARY"), get("DESCRIPTION"))
        })
        .collect::<Vec<_>>();
    let values = event_values(&physical);
    assert_eq!(
        values.len(),
        read.len(),
        "one SUMMARY and DESCRIPTION per event"
    );
    for (v, (summary, desc)) in values.iter().zip(&read) {
        assert_eq!(
            &v.summary.as_ical_reads, summary,
            "SUMMARY as ical reads it"
        );
        assert_eq!(
            &v.description.as_ical_reads, desc,
            "DESCRIPTION as ical reads it"
        );
    }
    values
        .into_iter()
        .map(|v| (v.summary.rfc, v.description.rfc))
        .collect()
}

/// One property value read two ways from the same physical lines.
#[derive(Default)]
struct Value {
    /// RFC 5545 §3.1: a CRLF followed by one blank is removed; the value is everything
    /// after the first `:` (SUMMARY and DESCRIPTION carry no parameters here).
    rfc: String,
    /// What the `ical` crate (0.11) makes of it: it trims the end of every physical line
    /// before unfolding (`LineReader::next_line`) and drops every leading `:` of a value
    /// (`trim_start_matches` in its property parser), so a title ":a" reads back as "a".
    as_ical_reads: String,
}

/// Both readings of one VEVENT's SUMMARY and DESCRIPTION.
#[derive(Default)]
struct EventValues {
    summary: Value,
    description: Value,
}

/// Each VEVENT's SUMMARY and DESCRIPTION, read from the file's physical lines.
fn event_values(physical: &[&str]) -> Vec<EventValues> {
    let mut out = Vec::new();
    let mut current = EventValues::default();
    let mut i = 0;
    while i < physical.len() {
        let mut rfc = physical[i].to_string();
        let mut ical = physical[i].trim_end().to_string();
        i += 1;
        while let Some(cont) = physical.get(i).and_then(|l| l.strip_prefix(' ')) {
            rfc.push_str(cont);
            ical.push_str(cont.trim_end());
            i += 1;
        }
        let value = |prop: &str| {
            rfc.strip_prefix(prop).map(|r| Value {
                rfc: r.to_string(),
                as_ical_reads: ical
                    .strip_prefix(prop)
                    .unwrap_or_default()
                    .trim_start_matches(':')
                    .to_string(),
            })
        };
        if rfc == "BEGIN:VEVENT" {
            current = EventValues::default();
        } else if let Some(v) = value("SUMMARY:") {
            current.summary = v;
        } else if let Some(v) = value("DESCRIPTION:") {
            current.description = v;
        } else if rfc == "END:VEVENT" {
            out.push(std::mem::take(&mut current));
        }
    }
    out
}

/// Undoes RFC 5545 TEXT escaping (what a calendar app shows).
pub fn ics_unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Checks a CSV text parses into `rows` records of the header's width, and that no cell
/// starts like a spreadsheet formula.
pub fn csv(text: &str, rows: usize) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let width = r.headers().expect("a header").len();
    let mut n = 0;
    for rec in r.records() {
        let rec = rec.unwrap_or_else(|e| panic!("CSV does not parse: {e}\n{text}"));
        assert_eq!(rec.len(), width);
        for cell in rec.iter() {
            let first = cell.chars().next();
            let numeric = cell.parse::<f64>().is_ok();
            assert!(
                numeric || !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "formula-like cell {cell:?}"
            );
        }
        n += 1;
    }
    assert_eq!(n, rows);
}

/// The sum of money values, which must all be in `currency`.
pub fn total(parts: &[Money], currency: Currency) -> Money {
    // Whole minor units in an i128 when every part has them: exact in any order, where a
    // left-to-right `Money::sum` can overflow on a partial sum the total does not need.
    let units: Option<i128> = parts.iter().try_fold(0i128, |s, p| {
        (p.currency() == currency)
            .then(|| minor_units(p))
            .flatten()
            .and_then(|u| s.checked_add(u))
    });
    if let (Some(mut u), Some(mut scale)) = (units, currency.minor_units()) {
        // The exact total may only fit with its trailing zeros dropped.
        while scale > 0 && u % 10 == 0 {
            u /= 10;
            scale -= 1;
        }
        if let Ok(d) = Decimal::try_from_i128_with_scale(u, scale) {
            return Money::new(d, currency);
        }
    }
    Money::sum(parts, currency)
        .unwrap_or_else(|e| panic!("the parts have no exact sum ({e}): {parts:?}"))
}

/// A rounded amount as whole minor units in an i128 (`Money::to_minor` is a Decimal and
/// stops near 7.9·10²⁸ units).
fn minor_units(m: &Money) -> Option<i128> {
    let mu = m.currency().minor_units()?;
    let d = m.amount().normalize();
    let shift = mu.checked_sub(d.scale())?;
    d.mantissa().checked_mul(10i128.checked_pow(shift)?)
}

/// True when a date lies in the supported years 1 to 9999.
pub fn supported_date(d: NaiveDate) -> bool {
    (1..=9999).contains(&chrono::Datelike::year(&d))
}

// ---- arbitrary building blocks ---------------------------------------------------------

/// Currency codes with every kind of minor units: 2, 0, 3, 4 and none (XAU, XXX).
pub const CURRENCIES: &[&str] = &[
    "EUR", "GBP", "USD", "JPY", "KWD", "BHD", "CLF", "TRY", "INR", "THB", "XAU", "XXX", "KRW",
    "ISK", "UYW", "CHF",
];

/// A currency from [`CURRENCIES`].
pub fn currency(u: &mut Unstructured) -> arbitrary::Result<Currency> {
    let code = u.choose(CURRENCIES)?;
    Ok(code.parse().expect("known code"))
}

/// A decimal from a mantissa and a scale; every representable decimal can come out.
pub fn decimal(u: &mut Unstructured) -> arbitrary::Result<Decimal> {
    let small: bool = u.arbitrary()?;
    let (mantissa, scale) = if small {
        (
            i128::from(u.int_in_range(-1_000_000i64..=1_000_000)?),
            u.int_in_range(0..=4)?,
        )
    } else {
        let m: i128 = u.arbitrary()?;
        (m % (1i128 << 96), u.int_in_range(0..=28)?)
    };
    Ok(Decimal::try_from_i128_with_scale(mantissa, scale).unwrap_or(Decimal::ONE))
}

/// A non-negative decimal.
pub fn amount(u: &mut Unstructured) -> arbitrary::Result<Decimal> {
    Ok(decimal(u)?.abs())
}

/// Money in one of [`CURRENCIES`].
pub fn money(u: &mut Unstructured) -> arbitrary::Result<Money> {
    Ok(Money::new(decimal(u)?, currency(u)?))
}

/// IANA zones with the widest offsets, half and quarter hours, and daylight saving.
pub const ZONES: &[&str] = &[
    "Europe/London",
    "Europe/Istanbul",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Pacific/Kiritimati",
    "Etc/GMT+12",
    "America/St_Johns",
    "Australia/Lord_Howe",
    "America/New_York",
    "Asia/Bangkok",
    "UTC",
];

/// An instant: mostly near 2027, sometimes anywhere in or just outside the supported
/// years, sometimes at chrono's own limits.
pub fn instant(u: &mut Unstructured) -> arbitrary::Result<DateTime<Utc>> {
    let base = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
    let secs: i64 = match u.int_in_range(0..=9u8)? {
        0 => u.arbitrary()?,
        1 => u.int_in_range(-62_200_000_000i64..=253_500_000_000)?,
        2 => {
            *u.choose(&[
                -62_135_596_800i64, // 0001-01-01T00:00:00Z
                -62_135_596_801,    // the second before
                253_402_300_799,    // 9999-12-31T23:59:59Z
                253_402_300_800,    // 10000-01-01T00:00:00Z
                8_210_266_876_799,  // chrono's last second
                -8_334_601_228_800, // chrono's first day
            ])? - base.timestamp()
        }
        _ => u.int_in_range(-400i64 * 86_400..=400 * 86_400)?,
    };
    let t = base
        .timestamp()
        .checked_add(secs)
        .and_then(|s| DateTime::from_timestamp(s, 0));
    Ok(t.unwrap_or(base))
}

/// A short text, sometimes hostile (markup, controls, non-characters, bidi overrides).
pub fn text(u: &mut Unstructured) -> arbitrary::Result<String> {
    const HOSTILE: &[&str] = &[
        "<script>alert(1)</script>",
        "a & b \"c\" 'd' ]]>",
        "\u{fffe}\u{ffff}\u{fdd0}",
        "\u{202e}evil\u{2066}",
        "line\r\nbreak\u{85}\u{2028}",
        "مستشفى",
        "=HYPERLINK(\"x\")",
        "\\;,:",
        "\u{0}\u{1}\u{1b}\u{7f}",
        "e\u{301}\u{200d}",
    ];
    if u.ratio(1, 3)? {
        Ok(u.choose(HOSTILE)?.to_string())
    } else {
        let s: String = u.arbitrary()?;
        Ok(s.chars().take(80).collect())
    }
}

/// Arbitrary without the size hint recursion of derived impls: a small vector.
pub fn small_vec<T>(
    u: &mut Unstructured,
    max: usize,
    mut f: impl FnMut(&mut Unstructured) -> arbitrary::Result<T>,
) -> arbitrary::Result<Vec<T>> {
    let n = u.int_in_range(0..=max)?;
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        if u.is_empty() {
            break;
        }
        v.push(f(u)?);
    }
    Ok(v)
}

/// Decodes a structured input from libFuzzer's bytes, or nothing when they run out.
pub fn decode<T>(
    data: &[u8],
    f: impl FnOnce(&mut Unstructured) -> arbitrary::Result<T>,
) -> Option<T> {
    let mut u = Unstructured::new(data);
    f(&mut u).ok()
}

/// A value of any [`Arbitrary`] type (for enums and flags).
pub fn any<'a, T: Arbitrary<'a>>(u: &mut Unstructured<'a>) -> arbitrary::Result<T> {
    T::arbitrary(u)
}

/// Converts amounts across the currencies of a table (at most eight of them): each
/// conversion is in the target currency and rounded to its minor units, or a coded error;
/// the batch path's amounts add up to its total exactly and agree with single
/// conversions.
pub fn fx_conversions(table: &medjourney::FxTable) {
    use medjourney::{ConvertOptions, RoundingMode};
    let mut currencies: Vec<Currency> = Vec::new();
    for r in table.rates() {
        for c in [r.from, r.to] {
            if !currencies.contains(&c) && currencies.len() < 8 {
                currencies.push(c);
            }
        }
    }
    let amounts: Vec<Decimal> = ["1", "100.005", "-2.5", "0", "79228162514264337593543950335"]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    for &from in &currencies {
        let items: Vec<Money> = amounts.iter().map(|a| Money::new(*a, from)).collect();
        for &to in &currencies {
            let mut singles = Vec::new();
            for m in &items {
                if let Some(c) = ok_or_coded(table.convert(m, to)) {
                    assert_eq!(c.currency(), to);
                    if to.minor_units().is_some() {
                        assert!(c.is_rounded(), "{m} -> {c} not rounded");
                    }
                    singles.push(Some(c));
                } else {
                    singles.push(None);
                }
            }
            let options = ConvertOptions {
                rounding: RoundingMode::HalfEven,
                ..ConvertOptions::default()
            };
            if let Some(batch) = ok_or_coded(table.convert_each(&items, to, &options)) {
                assert_eq!(batch.amounts.len(), items.len());
                assert_exact_total(&batch.amounts, &batch.total);
                for (b, s) in batch.amounts.iter().zip(&singles) {
                    if let Some(s) = s {
                        assert_eq!(b.amount(), s.amount(), "batch and single conversion differ");
                    }
                }
            }
        }
    }
}

/// Asserts that `total` is the exact sum of `parts`.
pub fn assert_exact_total(parts: &[Money], total: &Money) {
    assert_eq!(
        self::total(parts, total.currency()).amount(),
        total.amount(),
        "{total} is not the exact sum of its parts"
    );
}

/// Checks a quote's totals: total = package + extras, per-category columns add up to the
/// package, the extras and the optional lines.
pub fn quote_totals(q: &medjourney::Quote) {
    let Some(t) = ok_or_coded(q.totals()) else {
        return;
    };
    let cur = q.currency;
    assert_eq!(t.total, t.package.add(&t.extras).unwrap());
    let sum = |f: fn(&medjourney::cost::CategoryTotal) -> Money| {
        total(&t.by_category.iter().map(f).collect::<Vec<_>>(), cur)
    };
    assert_eq!(
        sum(|c| c.included).amount(),
        t.package.amount(),
        "package spread exactly"
    );
    assert_eq!(sum(|c| c.extra).amount(), t.extras.amount());
    assert_eq!(sum(|c| c.optional).amount(), t.optional.amount());
}

/// Checks a trip estimate: lines add up to the total, medical plus travel is the total,
/// optional lines add up to the optional total, every amount in the estimate's currency.
pub fn estimate(e: &medjourney::TripEstimate) {
    let cur = e.currency;
    let amounts: Vec<Money> = e.lines.iter().map(|l| l.amount).collect();
    assert_eq!(
        total(&amounts, cur).amount(),
        e.total.amount(),
        "lines add up"
    );
    assert_eq!(
        e.medical_total.add(&e.travel_total).unwrap().amount(),
        e.total.amount()
    );
    let optional: Vec<Money> = e.optional.iter().map(|l| l.amount).collect();
    assert_eq!(total(&optional, cur).amount(), e.optional_total.amount());
}

/// Checks an adjudication: per line and in total the insurer's and the patient's shares
/// add up to the amount, the patient's parts add up to the patient's share, nothing is
/// negative beyond the line.
pub fn adjudication(a: &medjourney::Adjudication) {
    let cur = a.currency;
    for l in &a.lines {
        assert_eq!(
            l.insurer.add(&l.patient).unwrap().amount(),
            l.total.amount(),
            "line shares add up: {l:?}"
        );
        let parts = total(&[l.deductible, l.coinsurance, l.excess, l.copay], cur);
        assert!(
            parts.compare(&l.patient).unwrap() != std::cmp::Ordering::Greater,
            "patient parts exceed the patient's share: {l:?}"
        );
        if !l.total.is_negative() {
            assert!(
                !l.insurer.is_negative() && !l.patient.is_negative(),
                "{l:?}"
            );
        }
    }
    assert_eq!(
        a.insurer_total.add(&a.patient_total).unwrap().amount(),
        a.total.amount()
    );
    let lines: Vec<Money> = a.lines.iter().map(|l| l.total).collect();
    assert_eq!(total(&lines, cur).amount(), a.total.amount());
    let insurer: Vec<Money> = a.lines.iter().map(|l| l.insurer).collect();
    assert_eq!(total(&insurer, cur).amount(), a.insurer_total.amount());
}

/// Checks a payment schedule: the payments add up to the total exactly, installments
/// differ by at most one minor unit, due dates never go back and stay in years 1-9999.
pub fn schedule(plan: &medjourney::PaymentPlan, s: &medjourney::Schedule) {
    let cur = s.total.currency();
    let amounts: Vec<Money> = s.payments.iter().map(|p| p.amount).collect();
    assert_eq!(
        total(&amounts, cur).amount(),
        s.total.amount(),
        "payments add up"
    );
    let n = plan.installments as usize + usize::from(plan.deposit.is_some());
    assert_eq!(s.payments.len(), n);
    for w in s.payments.windows(2) {
        assert!(w[0].due <= w[1].due, "due dates in order");
    }
    for p in &s.payments {
        assert!(
            supported_date(p.due),
            "due date {} outside years 1-9999",
            p.due
        );
    }
    let inst: Vec<Decimal> = s
        .payments
        .iter()
        .filter(|p| p.kind == medjourney::cost::PaymentKind::Installment)
        .map(|p| p.amount.amount())
        .collect();
    if let (Some(lo), Some(hi), Some(mu)) =
        (inst.iter().min(), inst.iter().max(), cur.minor_units())
    {
        let unit = Decimal::new(1, mu);
        assert!(
            *hi - *lo <= unit,
            "installments differ by more than a minor unit"
        );
    }
}

/// Checks a ranking: ranks 1..n in order, scores finite on [0, 1] and never rising,
/// candidates and exclusions account for the catalog, and the picture parses.
pub fn ranking(r: &medjourney::Ranking, catalog_len: usize) {
    assert_eq!(r.candidates + r.excluded_total, catalog_len);
    assert!(r.matches.len() <= r.candidates);
    for (i, m) in r.matches.iter().enumerate() {
        assert_eq!(m.rank, i + 1);
        assert!(
            m.score.is_finite() && (0.0..=1.0 + 1e-9).contains(&m.score),
            "{m:?}"
        );
        for c in &m.criteria {
            assert!(
                c.normalized.is_finite() && c.contribution.is_finite(),
                "{c:?}"
            );
        }
    }
    for w in r.matches.windows(2) {
        assert!(w[0].score >= w[1].score, "scores never rise");
    }
    svg(&r.to_svg());
    let json = serde_json::to_string(r).unwrap();
    let back: medjourney::Ranking = serde_json::from_str(&json).unwrap();
    assert_eq!(
        serde_json::to_string(&back).unwrap(),
        json,
        "ranking JSON round trip"
    );
}

/// Checks a journey map: per stage entered = moved on + dropped + still there; the funnel
/// follows the stages; the picture, the CSV and the JSON parse.
pub fn journey_map(m: &medjourney::JourneyMap) {
    assert_eq!(m.stages.len(), 7);
    for s in &m.stages {
        assert_eq!(s.entered, s.moved_on + s.dropped + s.still_there, "{s:?}");
        assert!(s.reentered <= s.entered);
        if let Some(mean) = s.sentiment.mean {
            assert!((-2.0..=2.0).contains(&mean), "{s:?}");
        }
        if let (Some(a), Some(b)) = (s.dwell.median_seconds, s.dwell.p90_seconds) {
            assert!(a <= b);
        }
    }
    let entered: Vec<u64> = m.stages.iter().map(|s| s.entered).collect();
    let funnel: Vec<u64> = m.funnel.iter().map(|f| f.journeys).collect();
    assert_eq!(entered, funnel);
    svg(&m.to_svg());
    svg(&m.to_svg_titled("<b>\u{fffe}\u{202e}map"));
    csv(&m.to_csv().unwrap(), 7);
    let back: medjourney::JourneyMap = serde_json::from_str(&m.to_json().unwrap()).unwrap();
    assert_eq!(back.to_json().unwrap(), m.to_json().unwrap());
}

/// Runs every itinerary operation: check, day by day, the summary, iCalendar (read back
/// by an independent reader, user text coming back exactly as cleaned) and the picture.
pub fn itinerary(it: &medjourney::Itinerary, rules: &medjourney::ItineraryRules) {
    use medjourney::itinerary::{day_by_day, summary_text};
    let findings = ok_or_coded(it.check(rules));
    let days = ok_or_coded(day_by_day(it));
    let text = ok_or_coded(summary_text(it));
    let ics_text = ok_or_coded(it.to_ics());
    let picture = ok_or_coded(it.to_svg(rules));
    // Either the itinerary is usable everywhere or refused everywhere with the same code.
    let valid = it.validate().is_ok();
    assert_eq!(days.is_some(), valid, "day_by_day agrees with validate");
    assert_eq!(text.is_some(), valid, "summary_text agrees with validate");
    assert_eq!(ics_text.is_some(), valid, "to_ics agrees with validate");
    if rules.validate().is_ok() {
        assert_eq!(findings.is_some(), valid, "check agrees with validate");
        assert_eq!(picture.is_some(), valid, "to_svg agrees with validate");
    }
    if let Some(days) = days {
        let mut prev = None;
        for d in &days {
            assert!(
                supported_date(d.date),
                "day {} outside years 1-9999",
                d.date
            );
            assert!(prev.is_none_or(|p| p < d.date));
            prev = Some(d.date);
            for e in &d.entries {
                assert!(supported_date(e.start_local.date()) && supported_date(e.end_local.date()));
            }
        }
        let entries: usize = days.iter().map(|d| d.entries.len()).sum();
        assert!(entries >= it.items.len() && entries <= 2 * it.items.len());
    }
    if let Some(f) = &findings {
        let ids: std::collections::HashSet<&str> = it.items.iter().map(|i| i.id.as_str()).collect();
        for x in f {
            assert!(x.items.iter().all(|i| ids.contains(i.as_str())), "{x:?}");
            assert_eq!(x.severity, x.code.severity());
        }
        assert!(
            f.len() <= 4 * it.items.len() + 8,
            "findings grow with the items, not faster"
        );
    }
    if let Some(ics_text) = ics_text {
        let events = ics(&ics_text, it.items.len());
        for (item, (summary, _desc)) in it.items.iter().zip(&events) {
            if !item.title.trim().is_empty() {
                let shown = ics_unescape(summary);
                assert!(!shown.contains(['\r']), "{shown:?}");
                assert_eq!(shown, ics_text_cleaned(&item.title), "summary round trip");
            }
        }
    }
    if let Some(p) = picture {
        svg(&p);
    }
    if valid {
        let back = medjourney::Itinerary::from_json(&it.to_json().unwrap()).unwrap();
        assert_eq!(&back, it, "itinerary JSON round trip");
    }
}

/// What an RFC 5545 writer makes of a TEXT value, as a reader shows it: line breaks kept
/// as `\n`, tabs as spaces, other controls dropped.
fn ics_text_cleaned(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A line item: any category and inclusion, a quantity and a price in `currency`.
pub fn line_item(
    u: &mut Unstructured,
    currency: Currency,
) -> arbitrary::Result<medjourney::LineItem> {
    use medjourney::{Category, Inclusion, LineItem};
    let category = *u.choose(&Category::ALL[..])?;
    let inclusion = *u.choose(&[
        Inclusion::IncludedInPackage,
        Inclusion::Extra,
        Inclusion::Optional,
    ])?;
    let quantity = if u.ratio(3, 4)? {
        Decimal::from(u.int_in_range(0..=30u32)?)
    } else {
        decimal(u)?
    };
    let price = if u.ratio(7, 8)? {
        amount(u)?
    } else {
        decimal(u)?
    };
    let mut item = LineItem::new(
        category,
        text(u)?,
        quantity,
        Money::new(price, currency),
        inclusion,
    );
    if u.ratio(1, 4)? {
        item.notes = Some(text(u)?);
    }
    Ok(item)
}

/// A quote with a few lines in one currency (now and then a line in another).
pub fn quote(u: &mut Unstructured, id: usize) -> arbitrary::Result<medjourney::Quote> {
    let cur = currency(u)?;
    let mut items = small_vec(u, 8, |u| line_item(u, cur))?;
    if u.ratio(1, 16)? {
        let other = currency(u)?;
        items.push(line_item(u, other)?);
    }
    let package_price = if u.ratio(1, 2)? {
        Some(Money::new(amount(u)?, cur))
    } else {
        None
    };
    let date = |u: &mut Unstructured| -> arbitrary::Result<Option<NaiveDate>> {
        Ok(if u.ratio(1, 2)? {
            Some(instant(u)?.date_naive())
        } else {
            None
        })
    };
    Ok(medjourney::Quote {
        id: if u.ratio(1, 16)? {
            text(u)?
        } else {
            format!("q{id}")
        },
        provider_id: text(u)?,
        procedure: "knee_replacement".into(),
        currency: cur,
        items,
        package_price,
        valid_from: date(u)?,
        valid_until: date(u)?,
        deposit: None,
    })
}
