//! Sample journeys: PT-0042's case in preparation plus a facilitator's year of journeys,
//! built by a seeded generator through the public [`Journey`] API (so every sample obeys
//! the transition rules), and large synthetic column tables for benchmarks.

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::analytics::{journey_map, JourneyMap, JourneyTable, MapOptions, NO_TIME};
use crate::error::{Error, Result};
use crate::journey::{
    BackReason, Channel, Journey, Need, Outcome, Party, Stage, Status, Touchpoint, TouchpointKind,
    Transition,
};

/// The sample's "now": every sample instant is at or before it.
pub fn journeys_as_of() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

/// A small deterministic generator (SplitMix64): the same journeys on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in lo..=hi (hi >= lo).
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = hi.saturating_sub(lo).saturating_add(1).max(1) as u64;
        lo.saturating_add((self.next() % span) as i64)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        let n = items.len() as u64;
        if n == 0 {
            return None;
        }
        items.get((self.next() % n) as usize).copied()
    }
}

/// What a stage typically looks like for the facilitator in the sample.
struct Profile {
    /// Dwell range in hours.
    dwell_hours: (i64, i64),
    /// Chance in percent that the visit runs three to four times longer (visas, records).
    slow_percent: u64,
    /// Typical touchpoints: channel, initiator, kind, other participant.
    touches: &'static [(Channel, Party, TouchpointKind, Party)],
    /// Weights of sentiment −2, −1, 0, +1, +2.
    sentiment: [u64; 5],
    /// Needs and the chance in percent that each goes unmet.
    needs: &'static [(Need, u64)],
}

fn profile(stage: Stage) -> Profile {
    use Channel as C;
    use Party as P;
    use TouchpointKind as K;
    match stage {
        Stage::Awareness => Profile {
            dwell_hours: (48, 480),
            slow_percent: 5,
            touches: &[
                (C::SocialMedia, P::Patient, K::Inquiry, P::Facilitator),
                (C::Chat, P::Patient, K::Inquiry, P::Facilitator),
                (C::Phone, P::Patient, K::Inquiry, P::Facilitator),
            ],
            sentiment: [0, 1, 5, 4, 1],
            needs: &[(Need::ReliableInformation, 25)],
        },
        Stage::Research => Profile {
            dwell_hours: (120, 720),
            slow_percent: 10,
            touches: &[
                (C::Whatsapp, P::Patient, K::Inquiry, P::Facilitator),
                (C::Email, P::Facilitator, K::Other, P::Patient),
                (C::VideoCall, P::Facilitator, K::Consultation, P::Patient),
                (C::Whatsapp, P::Family, K::Inquiry, P::Facilitator),
            ],
            sentiment: [1, 3, 5, 3, 1],
            needs: &[
                (Need::ReliableInformation, 30),
                (Need::CostTransparency, 35),
            ],
        },
        Stage::Selection => Profile {
            dwell_hours: (72, 480),
            slow_percent: 5,
            touches: &[
                (C::Email, P::Provider, K::QuoteSent, P::Facilitator),
                (C::Telemedicine, P::Provider, K::Consultation, P::Patient),
                (C::Whatsapp, P::Patient, K::Inquiry, P::Facilitator),
                (C::Portal, P::Facilitator, K::QuoteSent, P::Patient),
            ],
            sentiment: [0, 2, 4, 5, 2],
            needs: &[(Need::CostTransparency, 25), (Need::Interpreter, 20)],
        },
        Stage::Preparation => Profile {
            dwell_hours: (240, 720),
            slow_percent: 22,
            touches: &[
                (C::Email, P::Patient, K::RecordsTransfer, P::Provider),
                (C::Portal, P::Facilitator, K::VisaSupport, P::Patient),
                (C::Phone, P::TravelVendor, K::Booking, P::Facilitator),
                (C::Whatsapp, P::Patient, K::Complaint, P::Facilitator),
                (C::Email, P::Insurer, K::Other, P::Patient),
            ],
            sentiment: [2, 5, 3, 2, 0],
            needs: &[
                (Need::VisaSupport, 40),
                (Need::MedicalRecords, 35),
                (Need::TravelLogistics, 25),
                (Need::EmotionalSupport, 45),
            ],
        },
        Stage::Treatment => Profile {
            dwell_hours: (72, 192),
            slow_percent: 3,
            touches: &[
                (C::InPerson, P::Provider, K::Admission, P::Patient),
                (C::Whatsapp, P::Provider, K::TreatmentUpdate, P::Family),
                (C::InPerson, P::Facilitator, K::Other, P::Patient),
            ],
            sentiment: [0, 1, 2, 6, 4],
            needs: &[(Need::Interpreter, 15), (Need::Dietary, 30)],
        },
        Stage::PostTreatment => Profile {
            dwell_hours: (168, 432),
            slow_percent: 3,
            touches: &[
                (C::InPerson, P::Facilitator, K::Other, P::Patient),
                (C::Whatsapp, P::Patient, K::Inquiry, P::Facilitator),
                (C::InPerson, P::Provider, K::Consultation, P::Patient),
            ],
            sentiment: [0, 1, 3, 6, 3],
            needs: &[(Need::Accessibility, 20), (Need::EmotionalSupport, 20)],
        },
        Stage::FollowUp => Profile {
            dwell_hours: (720, 2160),
            slow_percent: 0,
            touches: &[
                (C::Telemedicine, P::Provider, K::FollowUpCall, P::Patient),
                (C::Email, P::Facilitator, K::FollowUpCall, P::Patient),
                (C::Portal, P::Patient, K::Review, P::Facilitator),
                (C::Phone, P::Patient, K::Complaint, P::Facilitator),
            ],
            sentiment: [1, 4, 4, 3, 1],
            needs: &[(Need::Aftercare, 45), (Need::CareCoordination, 35)],
        },
    }
}

fn sentiment(rng: &mut Rng, weights: [u64; 5]) -> f64 {
    let total: u64 = weights.iter().sum::<u64>().max(1);
    let mut roll = rng.next() % total;
    for (i, w) in weights.iter().enumerate() {
        if roll < *w {
            return i as f64 - 2.0;
        }
        roll -= w;
    }
    0.0
}

/// How a sample journey ends.
#[derive(Clone, Copy)]
enum Fate {
    Completed,
    Abandoned(Stage),
    OnHold(Stage),
    Active(Stage),
}

const PROCEDURES: &[&str] = &[
    "knee_replacement",
    "hip_replacement",
    "dental_implants",
    "cataract_surgery",
    "ivf",
    "cardiac_bypass",
    "rhinoplasty",
    "spinal_fusion",
];

/// The 36 generated journeys: fate, first stage, and the back move taken if any.
const PLAN: &[(Fate, Stage, Option<BackReason>)] = {
    use BackReason as B;
    use Fate::*;
    use Stage as S;
    &[
        (Completed, S::Awareness, None),
        (Completed, S::Awareness, None),
        (Completed, S::Research, None),
        (Completed, S::Awareness, Some(B::QuoteExpired)),
        (Completed, S::Awareness, None),
        (Abandoned(S::Research), S::Awareness, None),
        (Completed, S::Awareness, None),
        (Completed, S::Awareness, Some(B::ClinicDeclined)),
        (Abandoned(S::Preparation), S::Awareness, None),
        (Completed, S::Research, None),
        (Completed, S::Awareness, None),
        (OnHold(S::Preparation), S::Awareness, None),
        (Completed, S::Awareness, None),
        (Abandoned(S::Research), S::Awareness, None),
        (Completed, S::Awareness, Some(B::VisaRefused)),
        (Completed, S::Awareness, None),
        (Active(S::Research), S::Awareness, None),
        (Completed, S::Awareness, None),
        (
            Abandoned(S::Preparation),
            S::Awareness,
            Some(B::VisaRefused),
        ),
        (Completed, S::Research, None),
        (Completed, S::Awareness, None),
        (Abandoned(S::Research), S::Research, None),
        (Completed, S::Awareness, Some(B::QuoteExpired)),
        (Completed, S::Awareness, None),
        (OnHold(S::Selection), S::Awareness, None),
        (Completed, S::Awareness, None),
        (Abandoned(S::Selection), S::Awareness, None),
        (Completed, S::Awareness, None),
        (Active(S::Treatment), S::Research, None),
        (Completed, S::Awareness, None),
        (Abandoned(S::Research), S::Awareness, None),
        (Completed, S::Awareness, None),
        (Active(S::FollowUp), S::Awareness, None),
        (Abandoned(S::Preparation), S::Awareness, None),
        (Completed, S::Awareness, None),
        (Completed, S::Awareness, None),
    ]
};

/// The stage visits a plan goes through, including a back move and its redo.
fn visits(first: Stage, last: Stage, back: Option<BackReason>) -> Vec<(Stage, Option<BackReason>)> {
    let mut out = Vec::new();
    let mut stage = Some(first);
    while let Some(s) = stage {
        if s > last {
            break;
        }
        out.push((s, None));
        if let Some(r) = back {
            let (from, to) = Stage::back_move(r);
            if s == from && !out.iter().any(|(_, b)| b.is_some()) {
                out.push((to, Some(r)));
                stage = to.next();
                continue;
            }
        }
        stage = s.next();
    }
    out
}

fn generated(
    n: usize,
    rng: &mut Rng,
    fate: Fate,
    first: Stage,
    back: Option<BackReason>,
) -> Result<Journey> {
    let now = journeys_as_of();
    let last = match fate {
        Fate::Completed => Stage::FollowUp,
        Fate::Abandoned(s) | Fate::OnHold(s) | Fate::Active(s) => s,
    };
    let plan = visits(first, last, back);
    let mut dwell: Vec<i64> = plan
        .iter()
        .map(|(s, _)| {
            let p = profile(*s);
            let h = rng.range(p.dwell_hours.0, p.dwell_hours.1);
            if rng.chance(p.slow_percent) {
                h * rng.range(3, 4)
            } else {
                h
            }
        })
        .collect();
    // The journey ends a while before "now"; an open last stage has run part of its dwell.
    if let (Fate::Active(_) | Fate::OnHold(_), Some(d)) = (fate, dwell.last_mut()) {
        *d = (*d / 2).max(24);
    }
    let total: i64 = dwell.iter().sum();
    let gap_days = match fate {
        Fate::Completed => rng.range(5, 200),
        Fate::Abandoned(_) => rng.range(5, 150),
        Fate::OnHold(_) | Fate::Active(_) => rng.range(1, 4),
    };
    let start = now - Duration::hours(total) - Duration::days(gap_days);
    let id = format!("J-{:04}", n);
    let procedure = PROCEDURES
        .get(n % PROCEDURES.len())
        .copied()
        .unwrap_or("knee_replacement");
    let mut j = Journey::new(&id, format!("PT-{:04}", n), procedure, first, start)?;
    let mut t = start;
    let mut tp_no = 0;
    for (k, ((stage, _), hours)) in plan.iter().zip(&dwell).enumerate() {
        let p = profile(*stage);
        let count = rng.range(1, 4);
        for i in 0..count {
            let Some((channel, initiator, kind, other)) = rng.pick(p.touches) else {
                break;
            };
            tp_no += 1;
            let at = t + Duration::minutes(hours * 60 * (i + 1) / (count + 1));
            let mut tp = Touchpoint::new(
                format!("{id}-tp{tp_no:02}"),
                *stage,
                at,
                channel,
                initiator,
                kind,
            );
            tp.participants = vec![other];
            tp.duration_minutes = Some(rng.range(3, 60) as u32);
            tp.outcome = rng.pick(&[
                Outcome::Resolved,
                Outcome::Resolved,
                Outcome::Resolved,
                Outcome::FollowUpNeeded,
                Outcome::Escalated,
                Outcome::NoResponse,
            ]);
            if rng.chance(85) {
                tp.sentiment = Some(sentiment(rng, p.sentiment));
            }
            j.record(tp)?;
        }
        for (need, unmet_percent) in p.needs {
            if rng.chance(70) {
                let met = !rng.chance(*unmet_percent);
                j.set_need(*stage, *need, met);
            }
        }
        t += Duration::hours(*hours);
        match plan.get(k + 1) {
            Some((next, reason)) => j.apply(&Transition::Move {
                to: *next,
                reason: *reason,
                at: t,
            })?,
            None => match fate {
                Fate::Completed => j.apply(&Transition::Complete { at: t })?,
                Fate::Abandoned(_) => j.apply(&Transition::Abandon { at: t })?,
                Fate::OnHold(_) => j.apply(&Transition::Hold { at: t })?,
                Fate::Active(_) => {}
            },
        }
    }
    Ok(j)
}

fn at(text: &str) -> Result<DateTime<Utc>> {
    text.parse()
        .map_err(|_| Error::invalid("samples::journeys", format!("bad instant {text}")))
}

/// PT-0042's journey: knee replacement, quotes from three clinics, now in preparation.
pub fn pt0042() -> Result<Journey> {
    use Channel as C;
    use Party as P;
    use TouchpointKind as K;
    let mut j = Journey::new(
        "J-0042",
        "PT-0042",
        "knee_replacement",
        Stage::Awareness,
        at("2026-09-02T18:30:00Z")?,
    )?;
    let touch = |j: &mut Journey,
                 id: &str,
                 stage: Stage,
                 when: &str,
                 channel: Channel,
                 who: Party,
                 kind: TouchpointKind,
                 with: &[Party],
                 sentiment: Option<f64>,
                 outcome: Outcome,
                 note: &str|
     -> Result<()> {
        let mut tp = Touchpoint::new(id, stage, at(when)?, channel, who, kind);
        tp.participants = with.to_vec();
        tp.sentiment = sentiment;
        tp.outcome = Some(outcome);
        tp.note = note.to_string();
        j.record(tp)
    };
    touch(&mut j, "J-0042-tp01", Stage::Awareness, "2026-09-02T18:45:00Z", C::SocialMedia, P::Patient, K::Inquiry, &[P::Facilitator], Some(0.0), Outcome::Resolved,
        "Asked about knee replacement abroad after being told the local waiting list is over a year.")?;
    j.advance(at("2026-09-09T10:00:00Z")?)?;
    touch(
        &mut j,
        "J-0042-tp02",
        Stage::Research,
        "2026-09-09T10:05:00Z",
        C::Whatsapp,
        P::Patient,
        K::Inquiry,
        &[P::Facilitator],
        Some(0.0),
        Outcome::FollowUpNeeded,
        "Wants to compare Istanbul, Bangkok and Chennai; budget 12000 GBP including a companion.",
    )?;
    touch(&mut j, "J-0042-tp03", Stage::Research, "2026-09-16T17:00:00Z", C::VideoCall, P::Facilitator, K::Consultation, &[P::Patient, P::Family], Some(1.0), Outcome::Resolved,
        "Explained accreditation, surgeon volumes and fit-to-fly after knee surgery; spouse joined.")?;
    j.set_need(Stage::Research, Need::ReliableInformation, true);
    j.set_need(Stage::Research, Need::CostTransparency, true);
    j.advance(at("2026-10-05T09:00:00Z")?)?;
    touch(&mut j, "J-0042-tp04", Stage::Selection, "2026-10-06T11:00:00Z", C::Email, P::Provider, K::QuoteSent, &[P::Facilitator], Some(1.0), Outcome::Resolved,
        "bosphorus-ortho: all-inclusive package in EUR (implant, pre-op tests, anaesthesia, 5 nights, medication, transfers, one follow-up video call).")?;
    touch(&mut j, "J-0042-tp05", Stage::Selection, "2026-10-07T04:00:00Z", C::Email, P::Provider, K::QuoteSent, &[P::Facilitator], Some(0.0), Outcome::FollowUpNeeded,
        "siam-joint: lower procedure fee in THB, but implant, pre-op tests, extra nights and physiotherapy are extras.")?;
    touch(
        &mut j,
        "J-0042-tp06",
        Stage::Selection,
        "2026-10-08T06:30:00Z",
        C::Email,
        P::Provider,
        K::QuoteSent,
        &[P::Facilitator],
        Some(1.0),
        Outcome::Resolved,
        "chennai-ortho: cheapest, quoted in INR, valid until 2026-10-31.",
    )?;
    touch(
        &mut j,
        "J-0042-tp07",
        Stage::Selection,
        "2026-10-20T13:00:00Z",
        C::Telemedicine,
        P::Provider,
        K::Consultation,
        &[P::Patient, P::Facilitator],
        Some(2.0),
        Outcome::Resolved,
        "Surgeon at bosphorus-ortho reviewed X-rays; patient reassured about the implant brand.",
    )?;
    touch(
        &mut j,
        "J-0042-tp08",
        Stage::Selection,
        "2026-10-28T19:00:00Z",
        C::Whatsapp,
        P::Family,
        K::Inquiry,
        &[P::Facilitator],
        Some(0.0),
        Outcome::Resolved,
        "Spouse asked where the companion stays during the 5 hospital nights.",
    )?;
    j.set_need(Stage::Selection, Need::CostTransparency, true);
    j.set_need(Stage::Selection, Need::Interpreter, true);
    j.advance(at("2026-11-09T12:00:00Z")?)?;
    touch(
        &mut j,
        "J-0042-tp09",
        Stage::Preparation,
        "2026-11-10T09:30:00Z",
        C::Email,
        P::Patient,
        K::RecordsTransfer,
        &[P::Provider],
        Some(-1.0),
        Outcome::FollowUpNeeded,
        "MRI images too large for email; asked to upload them to the portal instead.",
    )?;
    touch(&mut j, "J-0042-tp10", Stage::Preparation, "2026-11-14T15:00:00Z", C::Phone, P::Facilitator, K::Booking, &[P::Patient, P::TravelVendor], Some(0.0), Outcome::FollowUpNeeded,
        "Holding flights MAN-IST on 2027-02-15 for the patient and spouse; procedure on 2027-02-17.")?;
    touch(
        &mut j,
        "J-0042-tp11",
        Stage::Preparation,
        "2026-11-20T10:00:00Z",
        C::Portal,
        P::Facilitator,
        K::VisaSupport,
        &[P::Patient],
        Some(1.0),
        Outcome::Resolved,
        "Entry requirements checked for GB passports; passport valid until 2031-06-30.",
    )?;
    j.set_need(Stage::Preparation, Need::VisaSupport, true);
    j.set_need(Stage::Preparation, Need::MedicalRecords, false);
    j.set_need(Stage::Preparation, Need::TravelLogistics, false);
    Ok(j)
}

/// The sample journeys: 36 generated ones (most completed, some abandoned at research or
/// preparation, two on hold, a few active) and PT-0042's, active in preparation, last.
pub fn journeys() -> Result<Vec<Journey>> {
    let mut rng = Rng(0x4D45_444A_4F55_524E);
    let mut out = Vec::with_capacity(PLAN.len() + 1);
    for (i, (fate, first, back)) in PLAN.iter().enumerate() {
        out.push(generated(i + 1, &mut rng, *fate, *first, *back)?);
    }
    out.push(pt0042()?);
    Ok(out)
}

/// The sample journeys as JSON text (an array of journeys).
pub fn journeys_json() -> Result<String> {
    serde_json::to_string(&journeys()?).map_err(|e| Error::json("samples::journeys", &e))
}

/// The journey map of the sample journeys with default options.
pub fn journey_map_sample() -> Result<JourneyMap> {
    journey_map(&journeys()?, &MapOptions::default())
}

/// The most journeys [`journey_table`] generates.
pub const MAX_TABLE_JOURNEYS: usize = 2_000_000;
/// The most touchpoints [`journey_table`] generates.
pub const MAX_TABLE_TOUCHPOINTS: usize = 20_000_000;
/// The seed the wrappers use for [`journey_table`] when none is given.
pub const TABLE_SEED: u64 = 42;

/// A synthetic column table for benchmarks: `journeys` journeys and about `touchpoints`
/// touchpoints, deterministic for a `seed`, valid for [`crate::journey_map_columns`].
/// At most [`MAX_TABLE_JOURNEYS`] journeys and [`MAX_TABLE_TOUCHPOINTS`] touchpoints, so a
/// 32-bit (wasm) address space always holds the table.
pub fn journey_table(journeys: usize, touchpoints: usize, seed: u64) -> Result<JourneyTable> {
    if journeys > MAX_TABLE_JOURNEYS {
        return Err(Error::invalid(
            "journeys",
            format!("{journeys} is above {MAX_TABLE_JOURNEYS}"),
        ));
    }
    if touchpoints > MAX_TABLE_TOUCHPOINTS {
        return Err(Error::invalid(
            "touchpoints",
            format!("{touchpoints} is above {MAX_TABLE_TOUCHPOINTS}"),
        ));
    }
    let n = u32::try_from(journeys).map_err(|_| Error::invalid("journeys", "above u32::MAX"))?;
    let mut rng = Rng(seed);
    let mut t = JourneyTable {
        status: Vec::with_capacity(journeys),
        ..JourneyTable::default()
    };
    let per = touchpoints.checked_div(journeys).unwrap_or(0);
    let extra = touchpoints.checked_rem(journeys).unwrap_or(0);
    let base = journeys_as_of().timestamp() - 400 * 86_400;
    for j in 0..n {
        let furthest = (rng.next() % 7) as u8;
        let status = match rng.next() % 10 {
            0..=5 if furthest == 6 => Status::Completed,
            0..=2 => Status::Abandoned,
            3 => Status::OnHold,
            _ => Status::Active,
        };
        t.status.push(status.code());
        let mut when = base + rng.range(0, 200 * 86_400);
        let mut entered = [0i64; 7];
        for s in 0..=furthest {
            let dwell = rng.range(3_600, 40 * 86_400);
            entered[usize::from(s)] = when;
            t.visit_journey.push(j);
            t.visit_stage.push(s);
            t.visit_entered.push(when);
            let open = s == furthest && !status.is_finished();
            t.visit_left.push(if open { NO_TIME } else { when + dwell });
            when += dwell;
        }
        let count = per + usize::from((j as usize) < extra);
        for _ in 0..count {
            let s = (rng.next() % (u64::from(furthest) + 1)) as u8;
            t.touch_journey.push(j);
            t.touch_stage.push(s);
            t.touch_at
                .push(entered[usize::from(s)] + rng.range(0, 86_400));
            t.touch_channel
                .push((rng.next() % Channel::COUNT as u64) as u8);
            t.touch_kind
                .push((rng.next() % TouchpointKind::COUNT as u64) as u8);
            let r = rng.next() % 6;
            t.touch_sentiment
                .push(if r == 5 { f64::NAN } else { r as f64 - 2.0 });
        }
        for _ in 0..2 {
            t.need_journey.push(j);
            t.need_stage
                .push((rng.next() % (u64::from(furthest) + 1)) as u8);
            t.need_code.push((rng.next() % Need::COUNT as u64) as u8);
            t.need_met.push(u8::from(rng.chance(60)));
        }
    }
    Ok(t)
}
