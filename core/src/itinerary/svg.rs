//! The itinerary timeline: the trip day by day on one clock, with the checks' findings
//! marked on the items they are about and the fit-to-fly window after each procedure.

use crate::zone::Tz;
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, Timelike, Utc};

use super::checks::{check, Finding, Severity};
use super::model::{zone, AppointmentType, Details, Item, Itinerary};
use super::rules::ItineraryRules;
use crate::error::Result;
use crate::svg::{
    color, legend_entry, prepare, text_width, Anchor, Attrs, Part, Svg, AXIS, BODY, MARGIN, SMALL,
    SUBTITLE, TITLE, WIDTH,
};

/// Most items drawn (the earliest); a note counts the rest.
const MAX_ITEMS: usize = 150;
/// Most findings listed; a note counts the rest.
const MAX_FINDINGS: usize = 100;
/// The hour axis: midnight to midnight.
const HOURS_X: f64 = 150.0;
const HOURS_W: f64 = WIDTH - MARGIN - HOURS_X - 16.0;
const LANE: f64 = 20.0;
const MINUTES_PER_DAY: f64 = 1440.0;

/// How an item is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Flight,
    Transfer,
    Stay,
    Appointment,
    Procedure,
    Leisure,
    Paperwork,
}

impl Kind {
    fn of(item: &Item) -> Kind {
        match &item.details {
            Details::Flight { .. } => Kind::Flight,
            Details::GroundTransfer { .. } => Kind::Transfer,
            Details::Stay { .. } => Kind::Stay,
            Details::Appointment {
                appointment_type: AppointmentType::Procedure,
                ..
            } => Kind::Procedure,
            Details::Appointment { .. } => Kind::Appointment,
            Details::Leisure {} => Kind::Leisure,
            Details::DocumentTask { .. } => Kind::Paperwork,
        }
    }

    fn fill(self) -> &'static str {
        match self {
            Kind::Flight => color::BLUE,
            Kind::Transfer => color::SLATE_LIGHT,
            Kind::Stay => color::PURPLE,
            Kind::Appointment => color::TEAL,
            Kind::Procedure => color::GREEN,
            Kind::Leisure => color::GOLD,
            Kind::Paperwork => color::SLATE,
        }
    }

    fn words(self) -> &'static str {
        match self {
            Kind::Flight => "flight",
            Kind::Transfer => "transfer",
            Kind::Stay => "stay",
            Kind::Appointment => "appointment",
            Kind::Procedure => "procedure",
            Kind::Leisure => "leisure",
            Kind::Paperwork => "paperwork",
        }
    }
}

/// An item placed on the reference clock.
struct Placed<'a> {
    item: &'a Item,
    /// Position in the itinerary's items (for its zones).
    index: usize,
    kind: Kind,
    start_date: NaiveDate,
    start_min: f64,
    end_date: NaiveDate,
    end_min: f64,
}

/// A row of the timeline: one day, or a run of days where nothing starts or ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Day(NaiveDate),
    Gap(NaiveDate, NaiveDate),
}

impl Row {
    fn first(self) -> NaiveDate {
        match self {
            Row::Day(d) | Row::Gap(d, _) => d,
        }
    }
}

/// The days after a procedure when flying is against its fit-to-fly rule.
struct Window<'a> {
    procedure: &'a Item,
    day: NaiveDate,
    /// First day flying is allowed.
    fly_from: Option<NaiveDate>,
    /// First day flying is advised, when later.
    advised_from: Option<NaiveDate>,
    text: String,
}

fn minutes(t: NaiveDateTime) -> f64 {
    f64::from(t.hour() * 60 + t.minute()) + f64::from(t.second()) / 60.0
}

// Written by hand rather than with chrono's `format`, whose pattern machinery would
// add tens of kilobytes to the wasm module for three date shapes.
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "17 Feb".
fn day_month(d: NaiveDate) -> String {
    let month = MONTHS.get(d.month0() as usize).copied().unwrap_or("");
    format!("{} {month}", d.day())
}

/// "Wed 17 Feb".
fn day_words(d: NaiveDate) -> String {
    let weekday = WEEKDAYS
        .get(d.weekday().num_days_from_monday() as usize)
        .copied()
        .unwrap_or("");
    format!("{weekday} {}", day_month(d))
}

fn local(t: DateTime<Utc>, tz: Tz) -> String {
    let l = t.with_timezone(&tz).naive_local();
    format!("{} {:02}:{:02}", l.date(), l.hour(), l.minute())
}

fn severity_style(s: Severity) -> (&'static str, f64, &'static str) {
    match s {
        Severity::Error => (color::RED, 2.5, "error"),
        Severity::Warning => (color::AMBER, 2.0, "warning"),
        Severity::Info => (color::SLATE, 1.5, "note"),
    }
}

impl Itinerary {
    /// The trip as an SVG timeline, 960 units wide, scaling to its container and growing
    /// in height with the days and items; `rules` are the ones [`check`] applies (pass
    /// `&ItineraryRules::default()` for the shipped tables, as for [`Itinerary::check`]).
    ///
    /// - **One clock.** Every item is placed in the traveller's local time at home: the
    ///   traveller's `homeTimeZone`, or, without one, the zone of the item that starts
    ///   first. One clock keeps durations and overlaps true (a four-hour flight is four
    ///   hours long, and items the checks find overlapping overlap on the picture); the
    ///   subtitle names the zone, and each item's tooltip gives its times in its own zones.
    /// - **Rows are days**, hours run across (00:00–24:00 on the wall clock). A day on
    ///   which nothing starts or ends is folded into one row with its neighbours ("3
    ///   quiet days"), so a trip planned weeks ahead stays short; every item present on a row
    ///   has its own lane, so labels never collide.
    /// - **Kinds look different**: flights blue with ✈, stays as light purple bands,
    ///   transfers slate, appointments teal, the procedure green and bold, leisure gold,
    ///   paperwork a slate diamond; items only the companion attends are faded.
    /// - **Findings** of [`check`] are numbered and listed under the timeline; each number
    ///   is marked on the items it names and those items are outlined in the severity's
    ///   colour (error red, warning amber, note slate).
    /// - **Fit to fly**: for each procedure with a rule, the days from the procedure to the
    ///   first day flying is allowed are tinted red (the advised extra days amber), a red
    ///   bracket at the right edge spans them, and the day flying becomes allowed is
    ///   labelled. Days are counted as the rule counts them, in the procedure's own zone.
    ///
    /// At most 150 items (the earliest) and 100 findings are drawn; a note counts the
    /// rest. The same itinerary and rules give the same bytes. Errors: as [`check`].
    pub fn to_svg(&self, rules: &ItineraryRules) -> Result<String> {
        let findings = check(self, rules)?;
        let zones = self.zones()?;
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        // Ids are unique, so the order is total.
        crate::order::sort_by(&mut order, |&a, &b| {
            let key = |i: usize| self.items.get(i).map(|x| (x.start, x.end, x.id.as_str()));
            key(a).cmp(&key(b))
        });
        let clock = self.clock(&order, &zones)?;
        let placed: Vec<Placed> = order
            .iter()
            .take(MAX_ITEMS)
            .filter_map(|&i| self.items.get(i).map(|item| place(item, i, clock.0)))
            .collect();
        let windows = fit_windows(self, &placed, &zones, rules);

        let mut svg = Svg::new();
        let (title, top) = self.header(&mut svg, &findings, &windows, (clock.1, clock.2));
        let marks = Marks::new(&findings);
        let mut y = if placed.is_empty() {
            svg.text(MARGIN, top + 14.0, BODY, "No items planned.");
            top + 24.0
        } else {
            let draw = Draw {
                placed: &placed,
                windows: &windows,
                marks: &marks,
                zones: &zones,
                procedure_day: placed
                    .iter()
                    .find(|p| p.kind == Kind::Procedure && !p.item.companion_only)
                    .map(|p| p.start_date),
            };
            draw.timeline(&mut svg, &rows(&placed, &windows), top)
        };
        if self.items.len() > placed.len() {
            let more = format!(
                "… and {} more items not drawn",
                self.items.len() - placed.len()
            );
            svg.text(MARGIN, y + 16.0, SMALL, &more);
            y += 22.0;
        }
        y = draw_findings(&mut svg, &findings, y + 8.0);
        Ok(svg.finish(y + 8.0, &title))
    }

    /// The clock the picture uses: the zone, its name and why it was chosen.
    fn clock(&self, order: &[usize], zones: &[(Tz, Tz)]) -> Result<(Tz, &str, &'static str)> {
        // Zone names are taken from the itinerary's own text: `Tz::name` would add its
        // table of every zone name to the wasm module.
        let first = order
            .first()
            .and_then(|&i| Some((self.items.get(i)?, zones.get(i)?)));
        Ok(match (&self.traveller.home_time_zone, first) {
            (Some(z), _) => (
                zone(z, "traveller.homeTimeZone")?,
                z.as_str(),
                "home time zone",
            ),
            (None, Some((item, (z, _)))) => (*z, item.zone.as_str(), "zone of the first item"),
            (None, None) => (Tz::UTC, "UTC", "UTC"),
        })
    }

    /// Title, subtitle, fit-to-fly lines and legend; returns the title and where the
    /// timeline starts.
    fn header(
        &self,
        svg: &mut Svg,
        findings: &[Finding],
        windows: &[Window],
        (zone_name, zone_note): (&str, &str),
    ) -> (String, f64) {
        let title_parts = if self.title.trim().is_empty() {
            [Part::Fixed("Itinerary "), Part::User(&self.id)]
        } else {
            [Part::Fixed(""), Part::User(&self.title)]
        };
        let title: String = title_parts
            .iter()
            .map(|p| match p {
                Part::Fixed(t) | Part::User(t) => *t,
            })
            .collect();
        let width = WIDTH - 2.0 * MARGIN;
        svg.label_with(MARGIN, 28.0, TITLE, &title_parts, width, Attrs::new());
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let facts = format!(
            "{} · times in {zone_name} ({zone_note}) · {}, {}, {}",
            plural(self.items.len(), "item", "items"),
            plural(count(Severity::Error), "error", "errors"),
            plural(count(Severity::Warning), "warning", "warnings"),
            plural(count(Severity::Info), "note", "notes")
        );
        let mut sub = Vec::new();
        if !self.traveller.patient_id.is_empty() {
            sub.extend([Part::User(&self.traveller.patient_id), Part::Fixed(" · ")]);
        }
        sub.push(Part::Fixed(&facts));
        svg.label_with(MARGIN, 48.0, SUBTITLE, &sub, width, Attrs::new());
        let mut y = 52.0;
        for w in windows {
            let font = SMALL.fill(color::INK);
            y += 14.0 * svg.paragraph(MARGIN, y + 14.0, font, &w.text, width, 14.0, 2) as f64;
        }
        y += 24.0;
        let mut x = MARGIN;
        for k in [
            Kind::Flight,
            Kind::Transfer,
            Kind::Stay,
            Kind::Appointment,
            Kind::Procedure,
            Kind::Leisure,
            Kind::Paperwork,
        ] {
            x = legend_entry(svg, x, y, k.fill(), None, k.words());
        }
        let red = (color::RED_TINT, Some(color::RED));
        x = legend_entry(svg, x, y, red.0, red.1, "not fit to fly");
        let amber = (color::AMBER_TINT, Some(color::AMBER));
        legend_entry(svg, x, y, amber.0, amber.1, "advised rest");
        (title, y + 30.0)
    }
}

/// Places an item on the reference clock; an end at midnight belongs to the day before.
fn place(item: &Item, index: usize, tz: Tz) -> Placed<'_> {
    let start = item.start.with_timezone(&tz).naive_local();
    let end = item.end.with_timezone(&tz).naive_local();
    let (end_date, end_min) = if item.end > item.start && minutes(end) == 0.0 {
        (end.date().pred_opt().unwrap_or(end.date()), MINUTES_PER_DAY)
    } else {
        (end.date(), minutes(end))
    };
    let end_date = end_date.max(start.date());
    Placed {
        item,
        index,
        kind: Kind::of(item),
        start_date: start.date(),
        start_min: minutes(start),
        end_date,
        end_min,
    }
}

/// The fit-to-fly window after each procedure the patient has, where a rule is known.
fn fit_windows<'a>(
    it: &'a Itinerary,
    placed: &[Placed<'a>],
    zones: &[(Tz, Tz)],
    rules: &ItineraryRules,
) -> Vec<Window<'a>> {
    let mut out = Vec::new();
    for p in placed
        .iter()
        .filter(|p| p.kind == Kind::Procedure && !p.item.companion_only)
    {
        let category = match &p.item.details {
            Details::Appointment {
                procedure_category: Some(c),
                ..
            } => Some(c.as_str()),
            _ => it.traveller.procedure_category.as_deref(),
        };
        let Some((tz, _)) = zones.get(p.index) else {
            continue;
        };
        let day = p.item.start.with_timezone(tz).date_naive();
        let name = if p.item.title.is_empty() {
            &p.item.id
        } else {
            &p.item.title
        };
        let Some(rule) = category.and_then(|c| rules.fit_to_fly_rule(c)) else {
            out.push(Window {
                procedure: p.item,
                day,
                fly_from: None,
                advised_from: None,
                text: format!(
                    "Fit to fly after {name}: no rule for its category ({}); ask the surgeon when the patient may fly.",
                    category.unwrap_or("none given")
                ),
            });
            continue;
        };
        let fly_from = day.checked_add_days(Days::new(u64::from(rule.min_days)));
        let advised_from = rule
            .advised_days
            .filter(|&a| a > rule.min_days)
            .and_then(|a| day.checked_add_days(Days::new(u64::from(a))));
        let what = if rule.procedure.is_empty() {
            rule.category.as_str()
        } else {
            rule.procedure.as_str()
        };
        let advised = match (rule.advised_days, advised_from) {
            (Some(a), Some(d)) => format!(", {a} advised: from {}", day_words(d)),
            _ => String::new(),
        };
        let from = fly_from.map_or_else(
            || "never".to_string(),
            |d| format!("{} {}", day_words(d), d.year()),
        );
        out.push(Window {
            procedure: p.item,
            day,
            fly_from,
            advised_from,
            text: format!(
                "Fit to fly after {name} on {} {}: may fly from {from} ({what}: at least {} days{advised}; {}).",
                day_words(day),
                day.year(),
                rule.min_days,
                rule.source
            ),
        });
    }
    out
}

/// The rows: every day on which an item starts or ends or a fit-to-fly window turns, and
/// one folded row for each run of days between them.
fn rows(placed: &[Placed], windows: &[Window]) -> Vec<Row> {
    // Sorted vectors rather than ordered sets: the same answer in less wasm.
    let mut days: Vec<NaiveDate> = Vec::with_capacity(placed.len() * 2 + windows.len() * 3);
    for p in placed {
        days.extend([p.start_date, p.end_date]);
    }
    for w in windows.iter().filter(|w| w.fly_from.is_some()) {
        days.push(w.day);
        days.extend(w.fly_from);
        days.extend(w.advised_from);
    }
    crate::order::sort(&mut days);
    days.dedup();
    let mut rows = Vec::with_capacity(days.len() * 2);
    let mut prev: Option<NaiveDate> = None;
    for d in days {
        if let Some(p) = prev {
            if let (Some(a), Some(b)) = (p.succ_opt(), d.pred_opt()) {
                if a <= b {
                    rows.push(Row::Gap(a, b));
                }
            }
        }
        rows.push(Row::Day(d));
        prev = Some(d);
    }
    rows
}

/// Which findings name which item: (item id, finding number, severity), sorted by id.
struct Marks<'a>(Vec<(&'a str, usize, Severity)>);

impl<'a> Marks<'a> {
    fn new(findings: &'a [Finding]) -> Marks<'a> {
        let mut all: Vec<(&str, usize, Severity)> = findings
            .iter()
            .enumerate()
            .flat_map(|(i, f)| {
                f.items
                    .iter()
                    .map(move |id| (id.as_str(), i + 1, f.severity))
            })
            .collect();
        crate::order::sort(&mut all);
        all.dedup();
        Marks(all)
    }

    /// The findings that name `id`, in number order.
    fn of(&self, id: &str) -> &[(&'a str, usize, Severity)] {
        let lo = self.0.partition_point(|m| m.0 < id);
        let hi = self.0.partition_point(|m| m.0 <= id);
        self.0.get(lo..hi).unwrap_or_default()
    }
}

struct Draw<'a> {
    placed: &'a [Placed<'a>],
    windows: &'a [Window<'a>],
    marks: &'a Marks<'a>,
    zones: &'a [(Tz, Tz)],
    procedure_day: Option<NaiveDate>,
}

impl Draw<'_> {
    /// The items present on a row: the others by start, then the stays.
    fn present(&self, row: Row) -> Vec<&Placed<'_>> {
        let on_row = |p: &&Placed| match row {
            Row::Day(d) => p.start_date <= d && d <= p.end_date,
            Row::Gap(a, b) => p.start_date < a && b < p.end_date,
        };
        // `placed` is in start order already; two passes keep it without a sort.
        let (stays, others): (Vec<&Placed>, Vec<&Placed>) = self
            .placed
            .iter()
            .filter(on_row)
            .partition(|p| p.kind == Kind::Stay);
        let mut on = others;
        on.extend(stays);
        on
    }

    /// The tint of a row inside a fit-to-fly window.
    fn tint(&self, row: Row) -> Option<(&'static str, &'static str)> {
        let d = row.first();
        let mut tint = None;
        for w in self.windows {
            let Some(fly_from) = w.fly_from else { continue };
            if w.day <= d && d < fly_from {
                return Some((color::RED_TINT, "no-fly"));
            }
            if w.advised_from.is_some_and(|a| fly_from <= d && d < a) {
                tint = Some((color::AMBER_TINT, "advised-rest"));
            }
        }
        tint
    }

    fn timeline(&self, svg: &mut Svg, rows: &[Row], top: f64) -> f64 {
        let heights: Vec<f64> = rows
            .iter()
            .map(|r| {
                let lanes = self.present(*r).len();
                match r {
                    Row::Day(_) => LANE * lanes.max(2) as f64 + 8.0,
                    Row::Gap(..) => (LANE * lanes as f64 + 8.0).max(38.0),
                }
            })
            .collect();
        let bottom = top + heights.iter().sum::<f64>();
        // Backgrounds first, so the hour lines show through them.
        let mut y = top;
        for (r, (row, h)) in rows.iter().zip(&heights).enumerate() {
            if r % 2 == 1 {
                svg.rect(0.0, y, HOURS_X - 4.0, *h, Attrs::new().fill(color::ZEBRA));
            }
            if let Some((fill, class)) = self.tint(*row) {
                svg.rect(
                    HOURS_X,
                    y,
                    HOURS_W,
                    *h,
                    Attrs::new().fill(fill).class(class),
                );
            }
            y += h;
        }
        // Hour axis.
        for h in (0..=24).step_by(3) {
            let x = HOURS_X + HOURS_W * f64::from(h) / 24.0;
            svg.line(x, top, x, bottom, Attrs::new().stroke(color::GRID, 1.0));
            if h % 6 == 0 {
                svg.text(
                    x,
                    top - 6.0,
                    AXIS.anchor(Anchor::Middle),
                    &format!("{h:02}:00"),
                );
            }
        }
        let mut y = top;
        let mut year = None;
        let mut marked = vec![false; self.zones.len()];
        for (row, h) in rows.iter().zip(&heights) {
            let row_attrs = match row {
                Row::Day(d) => Attrs::new().class("day").data("date", &d.to_string()),
                Row::Gap(a, b) => Attrs::new()
                    .class("gap")
                    .data("from", &a.to_string())
                    .data("to", &b.to_string()),
            };
            svg.group(row_attrs);
            svg.line(
                MARGIN,
                y,
                WIDTH - MARGIN,
                y,
                Attrs::new().stroke(color::GRID, 1.0),
            );
            self.row_label(svg, *row, y, &mut year);
            for (lane, p) in self.present(*row).into_iter().enumerate() {
                let first = marked
                    .get_mut(p.index)
                    .is_some_and(|m| !std::mem::replace(m, true));
                self.block(svg, *row, p, y + 4.0 + LANE * lane as f64, first);
            }
            svg.end_group();
            y += h;
        }
        svg.line(
            MARGIN,
            bottom,
            WIDTH - MARGIN,
            bottom,
            Attrs::new().stroke(color::GRID, 1.0),
        );
        self.brackets(svg, rows, &heights, top);
        bottom
    }

    fn row_label(&self, svg: &mut Svg, row: Row, y: f64, year: &mut Option<i32>) {
        let (head, mut note) = match row {
            Row::Day(d) => (day_words(d), Vec::new()),
            Row::Gap(a, b) => {
                let n = (b - a).num_days() + 1;
                let head = if n == 1 {
                    day_words(a)
                } else {
                    format!("{} – {}", day_month(a), day_month(b))
                };
                (
                    head,
                    vec![format!("{n} quiet day{}", if n == 1 { "" } else { "s" })],
                )
            }
        };
        let d = row.first();
        if *year != Some(d.year()) {
            note.insert(0, d.year().to_string());
            *year = Some(d.year());
        }
        if let (Row::Day(d), Some(p)) = (row, self.procedure_day) {
            let n = (d - p).num_days();
            note.push(match n {
                0 => "D0".to_string(),
                n if n > 0 => format!("D+{n}"),
                n => format!("D−{}", -n),
            });
        }
        if let Row::Day(d) = row {
            if self.windows.iter().any(|w| w.fly_from == Some(d)) {
                note.push("fit to fly".to_string());
            }
        }
        svg.text(MARGIN, y + 16.0, BODY.bold(), &head);
        let note_fill = if note.iter().any(|n| n == "fit to fly") {
            color::GREEN
        } else {
            color::MUTED
        };
        svg.label(
            MARGIN,
            y + 30.0,
            SMALL.fill(note_fill),
            &note.join(" · "),
            HOURS_X - MARGIN - 8.0,
        );
    }

    fn block(&self, svg: &mut Svg, row: Row, p: &Placed, lane_y: f64, first: bool) {
        let (m0, m1) = match row {
            Row::Day(d) => (
                if p.start_date == d { p.start_min } else { 0.0 },
                if p.end_date == d {
                    p.end_min
                } else {
                    MINUTES_PER_DAY
                },
            ),
            Row::Gap(..) => (0.0, MINUTES_PER_DAY),
        };
        let x0 = HOURS_X + HOURS_W * m0 / MINUTES_PER_DAY;
        let x1 = HOURS_X + HOURS_W * m1 / MINUTES_PER_DAY;
        let item = p.item;
        let (start_tz, end_tz) = self
            .zones
            .get(p.index)
            .copied()
            .unwrap_or((Tz::UTC, Tz::UTC));
        let tooltip = format!(
            "{} ({}): {} {} → {} {}",
            if item.title.is_empty() {
                &item.id
            } else {
                &item.title
            },
            p.kind.words(),
            local(item.start, start_tz),
            item.zone,
            local(item.end, end_tz),
            item.end_zone_name()
        );
        let mut attrs = Attrs::new()
            .class("item")
            .data("item", &item.id)
            .data("kind", p.kind.words())
            .fill(p.kind.fill())
            .title(&tooltip);
        let marks = self.marks.of(&item.id);
        let severity = marks.iter().map(|m| m.2).min();
        if let Some(s) = severity {
            let (stroke, width, _) = severity_style(s);
            attrs = attrs.stroke(stroke, width);
        } else if p.kind == Kind::Stay {
            attrs = attrs.stroke(color::PURPLE, 1.0);
        }
        if p.kind == Kind::Stay {
            attrs = attrs.attr("fill-opacity", "0.28");
        } else if item.companion_only {
            attrs = attrs.attr("fill-opacity", "0.45");
        }
        let h = LANE - 6.0;
        let (bx, bw) = if p.kind == Kind::Paperwork {
            let cx = x0;
            let cy = lane_y + h / 2.0;
            svg.polygon(
                &[
                    (cx, cy - 7.0),
                    (cx + 7.0, cy),
                    (cx, cy + 7.0),
                    (cx - 7.0, cy),
                ],
                attrs,
            );
            (cx - 7.0, 14.0)
        } else {
            let w = (x1 - x0).max(3.0);
            svg.rect(x0, lane_y, w, h, attrs.attr("rx", "3"));
            (x0, w)
        };
        // Finding numbers right of the block, on the item's first row only.
        let mut after = bx + bw + 4.0;
        if first {
            for n in marks.iter().map(|m| m.1).filter(|&n| n <= MAX_FINDINGS) {
                let (fill, _, _) = severity_style(severity.unwrap_or(Severity::Info));
                svg.group(
                    Attrs::new()
                        .class("finding-mark")
                        .data("finding", &n.to_string())
                        .data("item", &item.id),
                );
                svg.circle(after + 7.0, lane_y + h / 2.0, 7.0, Attrs::new().fill(fill));
                svg.text(
                    after + 7.0,
                    lane_y + h / 2.0 + 3.5,
                    AXIS.fill("#ffffff").bold().anchor(Anchor::Middle),
                    &n.to_string(),
                );
                svg.end_group();
                after += 16.0;
            }
        }
        // The label: inside the block when it fits there, else where it has most room.
        let name = if item.title.is_empty() {
            &item.id
        } else {
            &item.title
        };
        let mut label = Vec::with_capacity(3);
        if p.kind == Kind::Flight {
            label.push(Part::Fixed("✈ "));
        }
        label.push(Part::User(name));
        if item.companion_only {
            label.push(Part::Fixed(" (companion)"));
        }
        let font = if p.kind == Kind::Procedure {
            SMALL.fill(color::INK).bold()
        } else {
            SMALL.fill(color::INK)
        };
        let text_y = lane_y + h / 2.0 + 4.0;
        let inside = bw - 10.0;
        let right_room = HOURS_X + HOURS_W - after - 2.0;
        let left_room = bx - HOURS_X - 6.0;
        let fits_inside = text_width(&prepare(&label), font.size()) <= inside;
        let inside_is_roomiest = inside > right_room.max(left_room);
        if p.kind != Kind::Paperwork && (fits_inside || inside_is_roomiest) {
            let inner = if p.kind == Kind::Stay || p.kind == Kind::Transfer || item.companion_only {
                font
            } else {
                font.fill("#ffffff")
            };
            svg.label_with(bx + 5.0, text_y, inner, &label, inside, Attrs::new());
        } else if right_room >= 140.0 || right_room >= left_room {
            svg.label_with(
                after + 2.0,
                text_y,
                font,
                &label,
                right_room.max(0.0),
                Attrs::new(),
            );
        } else {
            svg.label_with(
                bx - 4.0,
                text_y,
                font.anchor(Anchor::End),
                &label,
                left_room,
                Attrs::new(),
            );
        }
    }

    /// A red bracket at the right edge over each window's no-fly rows.
    fn brackets(&self, svg: &mut Svg, rows: &[Row], heights: &[f64], top: f64) {
        for w in self.windows {
            let Some(fly_from) = w.fly_from else { continue };
            let mut y = top;
            let mut span: Option<(f64, f64)> = None;
            for (row, h) in rows.iter().zip(heights) {
                let d = row.first();
                if w.day <= d && d < fly_from {
                    span = Some(match span {
                        Some((a, _)) => (a, y + h),
                        None => (y, y + h),
                    });
                }
                y += h;
            }
            let Some((a, b)) = span else { continue };
            svg.group(
                Attrs::new()
                    .class("fit-to-fly")
                    .data("procedure", &w.procedure.id)
                    .data("from", &w.day.to_string())
                    .data("until", &fly_from.to_string())
                    .title(&w.text),
            );
            let x = HOURS_X + HOURS_W + 6.0;
            svg.rect(
                x,
                a + 2.0,
                5.0,
                b - a - 4.0,
                Attrs::new().fill(color::RED).attr("rx", "2"),
            );
            svg.end_group();
        }
    }
}

fn draw_findings(svg: &mut Svg, findings: &[Finding], top: f64) -> f64 {
    if findings.is_empty() {
        svg.text(
            MARGIN,
            top + 14.0,
            SMALL.fill(color::GREEN),
            "The checks found nothing to fix.",
        );
        return top + 20.0;
    }
    svg.text(MARGIN, top + 14.0, BODY.bold(), "What the checks found");
    let mut y = top + 24.0;
    for (i, f) in findings.iter().take(MAX_FINDINGS).enumerate() {
        let (fill, _, word) = severity_style(f.severity);
        svg.group(
            Attrs::new()
                .class("finding")
                .data("finding", &(i + 1).to_string())
                .data("code", f.code.as_str())
                .data("severity", word),
        );
        svg.circle(MARGIN + 8.0, y + 10.0, 8.0, Attrs::new().fill(fill));
        svg.text(
            MARGIN + 8.0,
            y + 13.5,
            SMALL.fill("#ffffff").bold().anchor(Anchor::Middle),
            &(i + 1).to_string(),
        );
        let text = format!(
            "{word} · {}: {}",
            f.code.as_str().replace('_', " "),
            f.message
        );
        let lines = svg.paragraph(
            MARGIN + 24.0,
            y + 14.0,
            SMALL.fill(color::INK),
            &text,
            WIDTH - 2.0 * MARGIN - 24.0,
            14.0,
            4,
        );
        svg.end_group();
        y += 14.0 * lines.max(1) as f64 + 8.0;
    }
    if findings.len() > MAX_FINDINGS {
        svg.text(
            MARGIN,
            y + 14.0,
            SMALL,
            &format!(
                "… and {} more findings not listed",
                findings.len() - MAX_FINDINGS
            ),
        );
        y += 20.0;
    }
    y
}
