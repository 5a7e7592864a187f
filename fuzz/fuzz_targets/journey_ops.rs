//! A journey driven by any sequence of moves, holds, touchpoints and needs: every accepted
//! step leaves a journey that validates and round-trips; every refused one is coded and
//! changes nothing; the map of the result is sound.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::journey::{BackReason, Channel, Need, Party, TouchpointKind, Transition};
use medjourney::{journey_map, Journey, MapOptions, Stage, Touchpoint};
use medjourney_fuzz::{
    any, decode, instant, journey_map as check_map, ok_or_coded, small_vec, text,
};

#[derive(Debug)]
enum Step {
    Apply(Transition),
    Record(Touchpoint),
    Need(Stage, Need, bool),
}

fuzz_target!(|data: &[u8]| {
    let Some((start, steps)) = decode(data, |u| {
        let mut at = instant(u)?;
        let start = (*u.choose(&Stage::ALL[..])?, at);
        let steps = small_vec(u, 40, |u| {
            if u.ratio(1, 10)? {
                at = instant(u)?;
            } else {
                let step = chrono::Duration::hours(i64::from(u.int_in_range(-2..=200i16)?));
                at = at.checked_add_signed(step).unwrap_or(at);
            }
            Ok(match u.int_in_range(0..=7u8)? {
                0 | 1 => Step::Apply(Transition::Move {
                    to: *u.choose(&Stage::ALL[..])?,
                    reason: if u.ratio(1, 4)? {
                        Some(*u.choose(&BackReason::ALL[..])?)
                    } else {
                        None
                    },
                    at,
                }),
                2 => Step::Apply(
                    u.choose(&[
                        Transition::Hold { at },
                        Transition::Resume { at },
                        Transition::Abandon { at },
                        Transition::Complete { at },
                    ])?
                    .clone(),
                ),
                3 => Step::Need(
                    *u.choose(&Stage::ALL[..])?,
                    *u.choose(&Need::ALL[..])?,
                    any(u)?,
                ),
                _ => {
                    let mut t = Touchpoint::new(
                        if u.ratio(1, 6)? {
                            "dup".to_string()
                        } else {
                            text(u)?
                        },
                        *u.choose(&Stage::ALL[..])?,
                        at,
                        *u.choose(&Channel::ALL[..])?,
                        *u.choose(&Party::ALL[..])?,
                        *u.choose(&TouchpointKind::ALL[..])?,
                    );
                    t.sentiment = if any(u)? {
                        Some(f64::from(u.int_in_range(-12..=12i8)?) / 4.0)
                    } else {
                        None
                    };
                    t.note = text(u)?;
                    Step::Record(t)
                }
            })
        })?;
        Ok((start, steps))
    }) else {
        return;
    };
    let Some(mut j) = ok_or_coded(Journey::new(
        "J",
        "PT",
        "knee_replacement",
        start.0,
        start.1,
    )) else {
        return;
    };
    for step in steps {
        let before = j.clone();
        let r = match step {
            Step::Apply(t) => j.apply(&t),
            Step::Record(t) => j.record(t),
            Step::Need(s, n, met) => {
                j.set_need(s, n, met);
                Ok(())
            }
        };
        match r {
            Ok(()) => {
                if let Err(e) = j.validate() {
                    panic!("an accepted step left an invalid journey: {e}\n{j:?}");
                }
                assert_eq!(Journey::from_json(&j.to_json().unwrap()).unwrap(), j);
            }
            Err(e) => {
                medjourney_fuzz::coded(&e);
                assert_eq!(j, before, "a refused step changes nothing");
            }
        }
    }
    let ids: std::collections::HashSet<&str> =
        j.touchpoints.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), j.touchpoints.len(), "touchpoint ids are unique");
    if let Some(m) = ok_or_coded(journey_map(&[j], &MapOptions::default())) {
        check_map(&m);
    }
});
