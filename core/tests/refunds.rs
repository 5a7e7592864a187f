//! Deposit refund windows: the exact refund on a cancellation date, the days it changes,
//! and the terms that contradict themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use chrono::{Duration, NaiveDate};
use medjourney::cost::{refund_steps, RefundWindow};
use medjourney::{refund_due, samples, Decimal, Deposit, DepositTerms, Money};
use proptest::prelude::*;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn money(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn window(days: u32, percent: &str) -> RefundWindow {
    RefundWindow {
        days_before: days,
        percent: percent.parse().unwrap(),
    }
}

fn terms(windows: Vec<RefundWindow>) -> DepositTerms {
    DepositTerms {
        deposit: Deposit::Percent(Decimal::from(20)),
        refundable: true,
        due_days_after_booking: Some(7),
        refund_windows: windows,
    }
}

fn thirty_and_fourteen() -> DepositTerms {
    terms(vec![window(30, "100"), window(14, "50")])
}

#[test]
fn cancelling_on_a_window_boundary_still_gets_that_windows_refund() {
    let t = thirty_and_fourteen();
    let paid = money("1466.81 GBP");
    let op = date("2027-02-17");
    let on = |d: &str| refund_due(&t, &paid, op, date(d)).unwrap();
    // 30 days before: full refund; the next day half.
    let r = on("2027-01-18");
    assert_eq!((r.days_before, r.amount), (30, money("1466.81 GBP")));
    assert_eq!(r.changes_on, Some(date("2027-01-19")));
    let r = on("2027-01-19");
    assert_eq!((r.days_before, r.amount), (29, money("733.40 GBP")));
    assert_eq!(r.retained, money("733.41 GBP"));
    // 14 days before: still half; 13 days before: nothing.
    assert_eq!(on("2027-02-03").amount, money("733.40 GBP"));
    let r = on("2027-02-04");
    assert_eq!((r.days_before, r.amount), (13, money("0.00 GBP")));
    assert_eq!(r.window, None);
    assert_eq!(r.changes_on, None);
    // After the procedure, nothing either.
    assert_eq!(on("2027-02-20").percent, Decimal::ZERO);
}

#[test]
fn the_refund_is_rounded_half_even_once_and_adds_up_with_what_is_kept() {
    let t = terms(vec![window(10, "33.33")]);
    let r = refund_due(
        &t,
        &money("100.00 EUR"),
        date("2027-03-01"),
        date("2027-01-01"),
    )
    .unwrap();
    assert_eq!(r.amount, money("33.33 EUR"));
    assert_eq!(r.retained, money("66.67 EUR"));
    // In a currency without decimals the refund rounds to whole yen, a half to even.
    let t = terms(vec![window(1, "50")]);
    let r = refund_due(&t, &money("25 JPY"), date("2027-03-01"), date("2027-01-01")).unwrap();
    assert_eq!(r.amount, money("12 JPY"));
    assert_eq!(r.retained, money("13 JPY"));
}

#[test]
fn a_refundable_deposit_without_windows_comes_back_in_full_until_the_day_before() {
    let t = terms(vec![]);
    let paid = money("500.00 GBP");
    let op = date("2027-02-17");
    assert_eq!(
        refund_due(&t, &paid, op, date("2027-02-16"))
            .unwrap()
            .amount,
        paid
    );
    assert!(refund_due(&t, &paid, op, op).unwrap().amount.is_zero());
}

#[test]
fn a_non_refundable_deposit_never_comes_back() {
    let mut t = terms(vec![]);
    t.refundable = false;
    let r = refund_due(
        &t,
        &money("500.00 GBP"),
        date("2027-02-17"),
        date("2026-01-01"),
    )
    .unwrap();
    assert!(r.amount.is_zero());
    assert_eq!(r.retained, money("500.00 GBP"));
}

#[test]
fn the_steps_list_the_days_the_refund_changes() {
    let t = thirty_and_fourteen();
    let steps = refund_steps(
        &t,
        &money("1466.81 GBP"),
        date("2027-02-17"),
        date("2026-11-30"),
    )
    .unwrap();
    let got: Vec<(NaiveDate, Option<NaiveDate>, String)> = steps
        .iter()
        .map(|s| (s.from, s.until, s.amount.to_string()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                date("2026-11-30"),
                Some(date("2027-01-18")),
                "1466.81 GBP".into()
            ),
            (
                date("2027-01-19"),
                Some(date("2027-02-03")),
                "733.40 GBP".into()
            ),
            (date("2027-02-04"), None, "0.00 GBP".into()),
        ]
    );
    // Starting inside the half window, the first step is already half.
    let later = refund_steps(
        &t,
        &money("1466.81 GBP"),
        date("2027-02-17"),
        date("2027-01-25"),
    )
    .unwrap();
    assert_eq!(later.len(), 2);
    assert_eq!(later[0].percent, Decimal::from(50));
}

#[test]
fn contradictory_refund_terms_are_invalid_payment_plans() {
    let paid = money("100.00 GBP");
    let op = date("2027-02-17");
    let bad = [
        terms(vec![window(30, "100"), window(30, "50")]),
        terms(vec![window(30, "50"), window(14, "100")]),
        terms(vec![window(30, "120")]),
        terms(vec![window(30, "-1")]),
        terms(vec![window(9999, "10")]),
        {
            let mut t = thirty_and_fourteen();
            t.refundable = false;
            t
        },
    ];
    for t in bad {
        let err = refund_due(&t, &paid, op, date("2027-01-01")).unwrap_err();
        assert_eq!(err.code(), "invalid_payment_plan", "{t:?}: {err}");
    }
}

#[test]
fn a_negative_payment_is_an_invalid_amount() {
    let err = refund_due(
        &thirty_and_fourteen(),
        &money("-1.00 GBP"),
        date("2027-02-17"),
        date("2027-01-01"),
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_amount");
}

#[test]
fn a_quote_with_contradictory_refund_windows_does_not_validate() {
    let mut q = samples::quotes().unwrap().remove(0);
    q.deposit.as_mut().unwrap().refund_windows =
        vec![window(10, "20"), window(20, "10"), window(5, "30")];
    assert_eq!(q.validate().unwrap_err().code(), "invalid_payment_plan");
}

#[test]
fn the_sample_quote_states_its_refund_windows_and_round_trips() {
    let q = samples::quotes().unwrap().remove(0);
    let t = q.deposit.clone().unwrap();
    assert_eq!(t.refund_windows, vec![window(30, "100"), window(14, "50")]);
    let json = serde_json::to_string(&t).unwrap();
    assert!(
        json.contains(r#""refundWindows":[{"daysBefore":30,"percent":"100"}"#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<DepositTerms>(&json).unwrap(), t);
    // Terms without windows keep their old JSON shape.
    let plain = terms(vec![]);
    assert!(!serde_json::to_string(&plain)
        .unwrap()
        .contains("refundWindows"));
}

proptest! {
    #[test]
    fn a_later_cancellation_never_gets_more_back_and_refund_plus_kept_is_paid(
        days in proptest::collection::btree_set(0u32..400, 0..5),
        percents in proptest::collection::vec(0u32..=10_000, 5),
        cents in 0i64..10_000_000,
        cancel in -30i64..500,
    ) {
        // Percents with two decimals, made non-increasing towards the procedure.
        let mut ps: Vec<Decimal> = percents.iter().map(|p| Decimal::new(i64::from(*p), 2)).collect();
        ps.sort_by(|a, b| b.cmp(a));
        let windows: Vec<RefundWindow> = days
            .iter()
            .rev()
            .zip(&ps)
            .map(|(d, p)| RefundWindow { days_before: *d, percent: *p })
            .collect();
        let t = terms(windows);
        let paid = Money::new(Decimal::new(cents, 2), "EUR".parse().unwrap());
        let op = date("2027-06-01");
        let a = refund_due(&t, &paid, op, op - Duration::days(cancel)).unwrap();
        let b = refund_due(&t, &paid, op, op - Duration::days(cancel - 1)).unwrap();
        prop_assert!(b.amount.amount() <= a.amount.amount());
        prop_assert_eq!(a.amount.add(&a.retained).unwrap(), paid);
        prop_assert!(a.amount.is_rounded());
        // The steps agree with refund_due on every day they cover.
        let from = op - Duration::days(420);
        let steps = refund_steps(&t, &paid, op, from).unwrap();
        for s in &steps {
            prop_assert_eq!(refund_due(&t, &paid, op, s.from).unwrap().amount, s.amount);
            if let Some(u) = s.until {
                prop_assert_eq!(refund_due(&t, &paid, op, u).unwrap().amount, s.amount);
            }
        }
        for pair in steps.windows(2) {
            prop_assert_eq!(pair[0].until.unwrap().succ_opt().unwrap(), pair[1].from);
        }
    }
}
