//! The trip's dates: from the records and the consultation to the flight home.
//!
//! Day counts after the procedure are calendar days on the clinic's clock, day 0 being
//! the procedure, as the guides and the fit-to-fly rules count them. The order of the
//! decisions:
//!
//! 1. Records go on `asOf`; the video consultation is the first call both sides can take
//!    [`REVIEW_DAYS`] days later or after (the surgeon reads the records first).
//! 2. The departure is the earliest day on or after the one asked for that leaves after the
//!    consultation and the deposit's due date, and lets every visa application be filed
//!    after the consultation (the hospital letter comes from it) and still inside the
//!    visa rule's window before arrival.
//! 3. The procedure is two days after arrival (one day when the guide allows no more;
//!    never fewer than the guide's fewest), the pre-operative visit the day before (the
//!    same morning when the patient arrives the day before), hospital nights from the
//!    quote, else the guide's most.
//! 4. The flight home is on the advised day (the fit-to-fly rule's advised days, the
//!    guide's shortest stay near the clinic), not before the guide's in-clinic checks
//!    during the stay nor the day after discharge, plus the leisure days asked for: those
//!    come after the patient is fit to fly, which is when gentle outings are allowed.
//! 5. When a visa's stay limit or the latest return does not allow that, leisure days go
//!    first, then the return moves earlier, never before the fit-to-fly minimum or the
//!    discharge; in-clinic checks after the new day move to its morning. Past that there
//!    is no plan (`no_feasible_plan`).

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc};

use super::context::Ctx;
use super::plan::{PlanNote, PlanNoteCode};
use super::telehealth::telehealth_slots;
use super::week::has_day;
use crate::error::{Error, Result};
use crate::knowledge::FollowUpKind;

/// Days the clinic has to read the records before the video consultation.
pub(crate) const REVIEW_DAYS: u32 = 3;
/// Minutes of every video call the planner books.
pub(crate) const CALL_MINUTES: u32 = 30;
/// Days searched for a call both sides can take.
pub(crate) const CALL_SEARCH_DAYS: u32 = 45;

/// A local time of day (hours and minutes are always in range here).
pub(crate) fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

/// `date + days` (negative goes back), or an `overflow` error past the calendar's ends.
pub(crate) fn shift(date: NaiveDate, days: i64) -> Result<NaiveDate> {
    let n = Days::new(days.unsigned_abs());
    if days >= 0 {
        date.checked_add_days(n)
    } else {
        date.checked_sub_days(n)
    }
    .ok_or_else(|| Error::overflow("plan dates"))
}

/// `t + minutes`, or an `overflow` error.
pub(crate) fn later(t: DateTime<Utc>, minutes: i64) -> Result<DateTime<Utc>> {
    t.checked_add_signed(chrono::Duration::minutes(minutes))
        .ok_or_else(|| Error::overflow("plan times"))
}

/// A video call: when, and whether it is inside both sides' hours.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Call {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub common: bool,
}

/// One traveller's visa application.
#[derive(Debug, Clone)]
pub(crate) struct VisaDates {
    /// Index into `Ctx::visas`.
    pub need: usize,
    pub apply: NaiveDate,
    pub opens: Option<NaiveDate>,
    pub by: Option<NaiveDate>,
}

/// An in-clinic check during the stay, with the guide's follow-ups it covers.
#[derive(Debug, Clone)]
pub(crate) struct ClinicCheck {
    pub offset: u32,
    /// (the guide's day, its purpose).
    pub purposes: Vec<(u32, String)>,
}

/// Every date of the trip.
#[derive(Debug, Clone)]
pub(crate) struct Timeline {
    pub records_by: NaiveDate,
    pub consultation: Call,
    pub visas: Vec<VisaDates>,
    pub deposit_due: Option<NaiveDate>,
    pub depart: NaiveDate,
    /// Why the departure is not the earliest day asked for (empty when it is).
    pub depart_why: Vec<String>,
    pub out_dep: DateTime<Utc>,
    pub out_land: DateTime<Utc>,
    pub arrive: NaiveDate,
    pub days_before: u32,
    pub procedure: NaiveDate,
    pub pre_op: NaiveDate,
    pub discharge: NaiveDate,
    pub checks: Vec<ClinicCheck>,
    /// Days after the procedure with a leisure outing.
    pub leisure: Vec<u32>,
    /// The return day before leisure was added.
    pub base: u32,
    /// The flight home, in days after the procedure.
    pub ret: u32,
    pub fly_home: NaiveDate,
    pub home_dep: DateTime<Utc>,
    pub home_land: DateTime<Utc>,
    pub home: NaiveDate,
    /// The local departure time of the flight home.
    pub home_dep_time: NaiveTime,
    pub notes: Vec<PlanNote>,
}

/// The local time of the flight home: 15:00, or later when the road to the airport is long,
/// so that the morning's check (ending 10:45) and a discharge (ending 11:30) come before the
/// car leaves at 11:45 at the earliest (three hours before the flight for check-in).
pub(crate) fn home_departure_time(drive: i64) -> NaiveTime {
    let earliest = 11 * 60 + 45 + drive + 180;
    let minutes = earliest.max(15 * 60);
    let rounded = (minutes + 29) / 30 * 30;
    let rounded = u32::try_from(rounded.min(23 * 60 + 30)).unwrap_or(15 * 60);
    hm(rounded / 60, rounded % 60)
}

impl Timeline {
    pub fn new(ctx: &Ctx) -> Result<Timeline> {
        let req = ctx.req;
        let as_of = req.as_of;
        let mut notes = Vec::new();

        // 1. The consultation, the first call both can take once the records are read.
        let consultation = first_call(ctx, shift(as_of, i64::from(REVIEW_DAYS))?, &[])?;
        if !consultation.common {
            notes.push(no_common_call(ctx, "the video consultation before travel"));
        }
        let consult_date = consultation.start.with_timezone(&ctx.tz_home).date_naive();
        let records_by = shift(consult_date, -i64::from(REVIEW_DAYS))?.max(as_of);

        let deposit_due = ctx
            .quote
            .deposit
            .as_ref()
            .map(|t| shift(as_of, i64::from(t.due_days_after_booking.unwrap_or(0))))
            .transpose()?;

        // 2. The departure.
        let mut depart = req.earliest_departure;
        let mut why: Vec<String> = Vec::new();
        let mut floors = vec![
            (shift(as_of, 1)?, format!("the plan is made on {as_of}")),
            (
                shift(consult_date, 1)?,
                format!("the video consultation is on {consult_date}"),
            ),
        ];
        if let Some(due) = deposit_due {
            floors.push((shift(due, 1)?, format!("the deposit is due on {due}")));
        }
        for (floor, text) in floors {
            if floor > depart {
                depart = floor;
                why.push(text);
            }
        }
        let out_time = hm(10, 0);
        let mut visas: Vec<VisaDates> = Vec::new();
        let mut settled = false;
        // Each round moves the departure by at least the shortfall of one visa window;
        // windows are fixed lengths, so two rounds settle any sane rule.
        for _ in 0..8 {
            let dep = ctx.home_at(depart, out_time)?;
            let land = later(dep, ctx.flight.num_minutes())?;
            let arrive = land.with_timezone(&ctx.tz_clinic).date_naive();
            visas.clear();
            let mut need_depart = depart;
            for (k, need) in ctx.visas.iter().enumerate() {
                let r = &need.rule;
                let opens = r
                    .apply_max_days_before
                    .map(|d| shift(arrive, -i64::from(d)))
                    .transpose()?;
                let by = r
                    .apply_min_days_before
                    .map(|d| shift(arrive, -i64::from(d)))
                    .transpose()?;
                let earliest = shift(consult_date, 1)?;
                let apply = opens.map_or(earliest, |o| o.max(earliest));
                if let Some(by) = by.filter(|b| apply > *b) {
                    let short = (apply - by).num_days();
                    need_depart = need_depart.max(shift(depart, short)?);
                }
                visas.push(VisaDates {
                    need: k,
                    apply,
                    opens,
                    by,
                });
            }
            if need_depart == depart {
                settled = true;
                break;
            }
            let visa_name = ctx
                .visas
                .first()
                .and_then(|v| v.rule.visa_type.clone())
                .unwrap_or_else(|| "visa".into());
            let why_text = format!(
                "the {visa_name} must be filed after the consultation and at least {} days before arrival",
                ctx.visas
                    .iter()
                    .filter_map(|v| v.rule.apply_min_days_before)
                    .max()
                    .unwrap_or(0)
            );
            if !why.contains(&why_text) {
                why.push(why_text);
            }
            depart = need_depart;
        }
        if !settled {
            return Err(Error::NoFeasiblePlan {
                field: "rules.visas".into(),
                reason: "no departure day lets every visa application be filed inside its window after the consultation".into(),
            });
        }
        if depart > req.earliest_departure {
            notes.push(PlanNote {
                code: PlanNoteCode::DepartureLater,
                message: format!(
                    "Departure on {depart}, not {}: {}.",
                    req.earliest_departure,
                    why.join("; ")
                ),
            });
        }
        let out_dep = ctx.home_at(depart, out_time)?;
        let out_land = later(out_dep, ctx.flight.num_minutes())?;
        let arrive = out_land.with_timezone(&ctx.tz_clinic).date_naive();

        // 3. The procedure.
        let range = ctx.guide.days_before_procedure;
        let days_before = 2u32.clamp(range.min, range.max.max(range.min)).max(1);
        let procedure = shift(arrive, i64::from(days_before))?;
        let pre_op = shift(procedure, -i64::from((days_before >= 2) as u8))?;
        let nights = ctx.nights;
        let discharge = shift(procedure, i64::from(nights))?;

        // 4. The return.
        let near_max = ctx.guide.days_near_clinic.max;
        let stay_checks: Vec<(u32, String)> = ctx
            .guide
            .follow_up
            .iter()
            .filter(|f| f.kind == FollowUpKind::InPersonClinic && f.after_days <= near_max)
            .map(|f| (f.after_days, f.purpose.clone()))
            .collect();
        let last_check = stay_checks.iter().map(|c| c.0).max().unwrap_or(0);
        let after_discharge = if nights > 0 { nights + 1 } else { 1 };
        let base = ctx.advised.max(last_check).max(after_discharge);
        let hard_min = ctx.fit_min.max(nights).max(1);
        let asked = req.preferences.leisure_days;
        let home_dep_time = home_departure_time(ctx.drive);

        let home_of = |ret: u32| -> Result<(DateTime<Utc>, DateTime<Utc>, NaiveDate)> {
            let day = shift(procedure, i64::from(ret))?;
            let dep = ctx.clinic_at(day, home_dep_time)?;
            let land = later(dep, ctx.flight.num_minutes())?;
            Ok((dep, land, land.with_timezone(&ctx.tz_home).date_naive()))
        };
        let fits = |ret: u32| -> Result<Option<String>> {
            let day = shift(procedure, i64::from(ret))?;
            if let Some((limit, why)) = &ctx.stay_limit {
                let days = (day - arrive).num_days() + 1;
                if days > i64::from(*limit) {
                    return Ok(Some(format!(
                        "{days} days at the destination is over the limit: {why}"
                    )));
                }
            }
            if let Some(latest) = req.latest_return {
                let (_, _, home) = home_of(ret)?;
                if home > latest {
                    return Ok(Some(format!(
                        "landing home on {home} is after the latest return {latest}"
                    )));
                }
            }
            Ok(None)
        };
        let mut leisure_days = asked;
        let mut ret = base.saturating_add(leisure_days);
        let mut limit_reason = fits(ret)?;
        while limit_reason.is_some() && leisure_days > 0 {
            leisure_days -= 1;
            ret -= 1;
            limit_reason = fits(ret)?;
        }
        if leisure_days < asked {
            notes.push(PlanNote {
                code: PlanNoteCode::LeisureShortened,
                message: format!(
                    "{leisure_days} leisure day(s) instead of the {asked} asked for: with more, {}.",
                    fits(base.saturating_add(leisure_days + 1))?.unwrap_or_default()
                ),
            });
        }
        let mut last_reason = None;
        while let Some(r) = limit_reason {
            if ret <= hard_min {
                let (_, _, home) = home_of(hard_min)?;
                let field = if req.latest_return.is_some_and(|l| home > l) {
                    "latestReturn"
                } else {
                    "rules.visas"
                };
                return Err(Error::NoFeasiblePlan {
                    field: field.into(),
                    reason: format!(
                        "the earliest safe flight home is day {hard_min} after the procedure on {procedure} (fit to fly: {}; discharge after {nights} night(s)), landing home on {home}, and {r}; allow a later return or an earlier departure",
                        ctx.fit_source
                    ),
                });
            }
            ret -= 1;
            last_reason = Some(r);
            limit_reason = fits(ret)?;
        }
        if let Some(r) = last_reason {
            notes.push(PlanNote {
                code: PlanNoteCode::ReturnBeforeAdvised,
                message: format!(
                    "The flight home is on day {ret} after the procedure, before the advised day {base}: later, {r}. Ask the surgeon to confirm; in-clinic checks planned after it move to its morning."
                ),
            });
        }
        let leisure: Vec<u32> = (0..leisure_days).map(|k| base + k).collect();

        // The in-clinic checks, merged by day; one before the flight home at least.
        let mut checks: Vec<ClinicCheck> = Vec::new();
        for (day, purpose) in stay_checks {
            let offset = day.min(ret).max(1);
            match checks.iter_mut().find(|c| c.offset == offset) {
                Some(c) => c.purposes.push((day, purpose)),
                None => checks.push(ClinicCheck {
                    offset,
                    purposes: vec![(day, purpose)],
                }),
            }
        }
        if checks.is_empty() {
            checks.push(ClinicCheck {
                offset: ret,
                purposes: vec![(
                    ret,
                    "Check before the flight home: wound, medicines and the fit-to-fly letter"
                        .into(),
                )],
            });
        }
        crate::order::sort_by_key(&mut checks, |c| c.offset);

        let fly_home = shift(procedure, i64::from(ret))?;
        let (home_dep, home_land, home) = home_of(ret)?;

        Ok(Timeline {
            records_by,
            consultation,
            visas,
            deposit_due,
            depart,
            depart_why: why,
            out_dep,
            out_land,
            arrive,
            days_before,
            procedure,
            pre_op,
            discharge,
            checks,
            leisure,
            base,
            ret,
            fly_home,
            home_dep,
            home_land,
            home,
            home_dep_time,
            notes,
        })
    }
}

/// The first video call on or after `from` (the patient's date) that both sides can take
/// and that misses every `busy` span; else, with `common: false`, the start of the
/// patient's hours on their first free working day.
pub(crate) fn first_call(
    ctx: &Ctx,
    from: NaiveDate,
    busy: &[(DateTime<Utc>, DateTime<Utc>)],
) -> Result<Call> {
    let start = ctx.home_at(from, NaiveTime::MIN)?;
    let end = ctx.home_at(shift(from, i64::from(CALL_SEARCH_DAYS))?, NaiveTime::MIN)?;
    let mut options = ctx.calls.clone();
    options.limit = (busy.len() + 1)
        .saturating_mul(24)
        .min(super::telehealth::MAX_SLOTS);
    let slots = telehealth_slots(
        &ctx.req.patient.time_zone,
        &ctx.clinic_zone,
        start,
        end,
        CALL_MINUTES,
        &options,
    )?;
    let free =
        |s: DateTime<Utc>, e: DateTime<Utc>| busy.iter().all(|(b0, b1)| e <= *b0 || s >= *b1);
    if let Some(slot) = slots.iter().find(|s| free(s.start, s.end)) {
        return Ok(Call {
            start: slot.start,
            end: slot.end,
            common: true,
        });
    }
    let days = match &ctx.req.patient.call_days {
        Some(d) => super::week::day_mask(d),
        None => ctx.home_week,
    };
    for k in 0..i64::from(CALL_SEARCH_DAYS) {
        let day = shift(from, k)?;
        if !has_day(&days, day.weekday()) {
            continue;
        }
        let s = ctx.home_at(day, ctx.req.patient.call_hours.start)?;
        let e = later(s, i64::from(CALL_MINUTES))?;
        if free(s, e) {
            return Ok(Call {
                start: s,
                end: e,
                common: false,
            });
        }
    }
    let s = ctx.home_at(from, ctx.req.patient.call_hours.start)?;
    Ok(Call {
        start: s,
        end: later(s, i64::from(CALL_MINUTES))?,
        common: false,
    })
}

/// The note for a call placed outside the clinic's hours.
pub(crate) fn no_common_call(ctx: &Ctx, what: &str) -> PlanNote {
    PlanNote {
        code: PlanNoteCode::NoCommonCallTime,
        message: format!(
            "No time inside both the patient's call hours ({} in {}) and the clinic's ({} in {}) within {CALL_SEARCH_DAYS} days for {what}: it is set in the patient's hours; ask the clinic to take it outside theirs.",
            super::context::hours_text(ctx.calls.hours_a),
            ctx.req.patient.time_zone,
            super::context::hours_text(ctx.calls.hours_b),
            ctx.clinic_zone
        ),
    }
}
