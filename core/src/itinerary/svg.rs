//! The itinerary timeline: the trip day by day on one clock, with the checks' findings
//! marked on the items they are about and the fit-to-fly window after each procedure.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, Timelike, Utc};
use chrono_tz::Tz;

use super::checks::{check, Finding, Severity};
use super::model::{zone, AppointmentType, Details, Item, Itinerary};
use super::rules::ItineraryRules;
use crate::error::Result;
use crate::svg::{
    color, legend_entry, text_width, Anchor, Attrs, Svg, AXIS, BODY, MARGIN, SMALL, SUBTITLE,
    TITLE, WIDTH,
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

fn day_words(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

fn local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
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
    ///   days"), so a trip planned weeks ahead stays short; every item present on a row
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
        order.sort_by(|&a, &b| {
            let key = |i: usize| self.items.get(i).map(|x| (x.start, x.end, x.id.as_str()));
            key(a).cmp(&key(b))
        });
        let (tz, zone_note) = match &self.traveller.home_time_zone {
            Some(z) => (zone(z, "traveller.homeTimeZone")?, "home time zone"),
            None => match order.first().and_then(|&i| zones.get(i)) {
                Some((z, _)) => (*z, "zone of the first item"),
                None => (Tz::UTC, "UTC"),
            },
        };
        let placed: Vec<Placed> = order
            .iter()
            .take(MAX_ITEMS)
            .filter_map(|&i| self.items.get(i).map(|item| place(item, i, tz)))
            .collect();
        let windows = fit_windows(self, &placed, &zones, rules);
        let rows = rows(&placed, &windows);

        let mut svg = Svg::new();
        let title = if self.title.trim().is_empty() {
            format!("Itinerary {}", self.id)
        } else {
            self.title.clone()
        };
        svg.label(MARGIN, 28.0, TITLE, &title, WIDTH - 2.0 * MARGIN);
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut sub = Vec::new();
        if !self.traveller.patient_id.is_empty() {
            sub.push(self.traveller.patient_id.clone());
        }
        sub.push(plural(self.items.len(), "item", "items"));
        sub.push(format!("times in {} ({zone_note})", tz.name()));
        sub.push(format!(
            "{}, {}, {}",
            plural(count(Severity::Error), "error", "errors"),
            plural(count(Severity::Warning), "warning", "warnings"),
            plural(count(Severity::Info), "note", "notes")
        ));
        svg.label(
            MARGIN,
            48.0,
            SUBTITLE,
            &sub.join(" · "),
            WIDTH - 2.0 * MARGIN,
        );
        let mut y = 52.0;
        for w in &windows {
            y += svg.paragraph(
                MARGIN,
                y + 14.0,
                SMALL.fill(color::INK),
                &w.text,
                WIDTH - 2.0 * MARGIN,
                14.0,
                2,
            ) as f64
                * 14.0;
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
            x = legend_entry(&mut svg, x, y, k.fill(), None, k.words());
        }
        x = legend_entry(
            &mut svg,
            x,
            y,
            color::RED_TINT,
            Some(color::RED),
            "not fit to fly",
        );
        legend_entry(
            &mut svg,
            x,
            y,
            color::AMBER_TINT,
            Some(color::AMBER),
            "advised rest",
        );

        let top = y + 30.0;
        let mut numbers: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, f) in findings.iter().take(MAX_FINDINGS).enumerate() {
            let mut ids: Vec<&str> = f.items.iter().map(String::as_str).collect();
            ids.dedup();
            for id in ids {
                numbers.entry(id).or_default().push(i + 1);
            }
        }
        let worst: HashMap<&str, Severity> = findings.iter().fold(HashMap::new(), |mut m, f| {
            for id in &f.items {
                let e = m.entry(id.as_str()).or_insert(f.severity);
                *e = (*e).min(f.severity);
            }
            m
        });
        let bottom = if placed.is_empty() {
            svg.text(MARGIN, top + 14.0, BODY, "No items planned.");
            top + 24.0
        } else {
            let ctx = Draw {
                placed: &placed,
                windows: &windows,
                numbers: &numbers,
                worst: &worst,
                zones: &zones,
                procedure_day: placed
                    .iter()
                    .find(|p| p.kind == Kind::Procedure && !p.item.companion_only)
                    .map(|p| p.start_date),
            };
            ctx.timeline(&mut svg, &rows, top)
        };
        let mut y = bottom;
        if self.items.len() > placed.len() {
            svg.text(
                MARGIN,
                y + 16.0,
                SMALL,
                &format!(
                    "… and {} more items not drawn",
                    self.items.len() - placed.len()
                ),
            );
            y += 22.0;
        }
        y = draw_findings(&mut svg, &findings, y + 8.0);
        Ok(svg.finish(y + 8.0, &title))
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
    let mut days: BTreeSet<NaiveDate> = BTreeSet::new();
    for p in placed {
        days.insert(p.start_date);
        days.insert(p.end_date);
    }
    for w in windows.iter().filter(|w| w.fly_from.is_some()) {
        days.insert(w.day);
        days.extend(w.fly_from);
        days.extend(w.advised_from);
    }
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

struct Draw<'a> {
    placed: &'a [Placed<'a>],
    windows: &'a [Window<'a>],
    numbers: &'a HashMap<&'a str, Vec<usize>>,
    worst: &'a HashMap<&'a str, Severity>,
    zones: &'a [(Tz, Tz)],
    procedure_day: Option<NaiveDate>,
}

impl Draw<'_> {
    /// The items present on a row: the others by start, then the stays.
    fn present(&self, row: Row) -> Vec<&Placed<'_>> {
        let mut on: Vec<&Placed> = self
            .placed
            .iter()
            .filter(|p| match row {
                Row::Day(d) => p.start_date <= d && d <= p.end_date,
                Row::Gap(a, b) => p.start_date < a && b < p.end_date,
            })
            .collect();
        on.sort_by_key(|p| p.kind == Kind::Stay);
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
        let mut marked: BTreeSet<usize> = BTreeSet::new();
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
                let first = marked.insert(p.index);
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
                    format!("{} – {}", a.format("%-d %b"), b.format("%-d %b"))
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
            start_tz.name(),
            local(item.end, end_tz),
            end_tz.name()
        );
        let mut attrs = Attrs::new()
            .class("item")
            .data("item", &item.id)
            .data("kind", p.kind.words())
            .fill(p.kind.fill())
            .title(&tooltip);
        let severity = self.worst.get(item.id.as_str()).copied();
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
            for n in self.numbers.get(item.id.as_str()).into_iter().flatten() {
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
        // The label: inside the block when it fits, else on the side with more room.
        let name = if item.title.is_empty() {
            &item.id
        } else {
            &item.title
        };
        let mut label = match p.kind {
            Kind::Flight => format!("✈ {name}"),
            _ => name.to_string(),
        };
        if item.companion_only {
            label.push_str(" (companion)");
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
        if p.kind != Kind::Paperwork
            && text_width(&crate::svg::clean(&label), font.size()) <= inside
        {
            let inner = if p.kind == Kind::Stay || p.kind == Kind::Transfer || item.companion_only {
                font
            } else {
                font.fill("#ffffff")
            };
            svg.label(bx + 5.0, text_y, inner, &label, inside);
        } else if right_room >= 140.0 || right_room >= left_room {
            svg.label(after + 2.0, text_y, font, &label, right_room.max(0.0));
        } else {
            svg.label(
                bx - 4.0,
                text_y,
                font.anchor(Anchor::End),
                &label,
                left_room,
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
