//! Property tests of the cost arithmetic: nothing is lost or invented to the cent.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use medjourney::cost::{CategoryAmount, YearToDate};
use medjourney::{
    adjudicate, compare_quotes, estimate_trip, Category, CompareOptions, ConvertOptions, Currency,
    Decimal, Deposit, FxTable, Inclusion, InsurancePolicy, Interval, LineItem, Money, PaymentPlan,
    Quote, Rate,
};
use proptest::prelude::*;

fn cur(code: &str) -> Currency {
    Currency::from_code(code).unwrap()
}

fn gbp(cents: i64) -> Money {
    Money::from_minor(cents as i128, cur("GBP")).unwrap()
}

fn category() -> impl Strategy<Value = Category> {
    prop::sample::select(Category::ALL.to_vec())
}

fn quote_of(items: Vec<LineItem>, package: Option<i64>) -> Quote {
    Quote {
        id: "q".into(),
        provider_id: "p".into(),
        procedure: "knee_replacement".into(),
        currency: cur("GBP"),
        items,
        package_price: package.map(gbp),
        valid_from: None,
        valid_until: None,
        deposit: None,
    }
}

fn inclusion() -> impl Strategy<Value = Inclusion> {
    prop_oneof![
        Just(Inclusion::IncludedInPackage),
        Just(Inclusion::Extra),
        Just(Inclusion::Optional)
    ]
}

fn items() -> impl Strategy<Value = Vec<LineItem>> {
    prop::collection::vec((category(), 0i64..5_000_000, 0u32..40, inclusion()), 0..12).prop_map(
        |v| {
            v.into_iter()
                .map(|(c, cents, q, inc)| {
                    LineItem::new(c, "line", Decimal::new(q as i64, 1), gbp(cents), inc)
                })
                .collect()
        },
    )
}

fn fx(rate: Decimal) -> FxTable {
    FxTable::from_rates(
        Some(cur("EUR")),
        vec![Rate {
            from: cur("EUR"),
            to: cur("GBP"),
            rate,
            as_of: "2026-11-20T16:00:00Z".parse().unwrap(),
            source: "test".into(),
        }],
    )
    .unwrap()
}

/// Random cost-sharing terms: every optional term on or off, the year part-way or fresh.
#[derive(Debug, Clone)]
struct Terms {
    deductible: i64,
    extra_oop: Option<i64>,
    limit: Option<i64>,
    coins: u32,
    covered: Vec<Category>,
    abroad: bool,
    excess: Option<i64>,
    copay: Option<(usize, i64)>,
    sub_limit: Option<(usize, i64)>,
    ded_met: i64,
    oop_spent: i64,
    limit_used: i64,
    sub_used: i64,
}

fn terms() -> impl Strategy<Value = Terms> {
    (
        (
            0i64..500_000,
            prop::option::of(0i64..1_000_000),
            prop::option::of(0i64..5_000_000),
            0u32..=1000,
            prop::collection::vec(category(), 1..17),
            prop::bool::weighted(0.9),
        ),
        (
            prop::option::of(0i64..50_000),
            prop::option::of((0usize..17, 0i64..20_000)),
            prop::option::of((0usize..17, 0i64..2_000_000)),
            0u32..=100,
            0u32..=100,
            0u32..=100,
            0u32..=100,
        ),
    )
        .prop_map(
            |(
                (deductible, extra_oop, limit, coins, covered, abroad),
                (excess, copay, sub_limit, met, spent, used, sub),
            )| {
                let share = |cap: i64, pct: u32| cap * i64::from(pct) / 100;
                let oop = extra_oop.map(|e| deductible + e);
                let sub_cap = sub_limit.map(|(_, c)| c).unwrap_or(0);
                Terms {
                    deductible,
                    extra_oop,
                    limit,
                    coins,
                    abroad,
                    excess,
                    copay: copay.map(|(k, c)| (k % covered.len(), c)),
                    sub_limit: sub_limit.map(|(k, c)| (k % covered.len(), c)),
                    covered,
                    ded_met: share(deductible, met),
                    oop_spent: oop.map_or(0, |o| share(o, spent)),
                    limit_used: limit.map_or(0, |l| share(l, used)),
                    sub_used: share(sub_cap, sub),
                }
            },
        )
}

impl Terms {
    fn policy(&self) -> InsurancePolicy {
        let mut covered = self.covered.clone();
        covered.sort_unstable();
        covered.dedup();
        let pick = |k: usize| covered[k % covered.len()];
        let amount = |category: Category, cents: i64| CategoryAmount {
            category,
            amount: gbp(cents),
        };
        let sub_limits: Vec<CategoryAmount> = self
            .sub_limit
            .iter()
            .map(|(k, c)| amount(pick(*k), *c))
            .collect();
        InsurancePolicy {
            id: "p".into(),
            name: String::new(),
            currency: cur("GBP"),
            deductible: gbp(self.deductible),
            coinsurance_percent: Decimal::new(i64::from(self.coins), 1),
            out_of_pocket_max: self.extra_oop.map(|e| gbp(self.deductible + e)),
            annual_limit: self.limit.map(gbp),
            excluded_categories: vec![],
            covers_treatment_abroad: self.abroad,
            pre_authorization_required: false,
            excess_per_claim: self.excess.map(gbp),
            copays: self
                .copay
                .iter()
                .map(|(k, c)| amount(pick(*k), *c))
                .collect(),
            year_to_date: Some(YearToDate {
                deductible_met: Some(gbp(self.ded_met)),
                out_of_pocket_spent: Some(gbp(self.oop_spent)),
                annual_limit_used: Some(gbp(self.limit_used)),
                sub_limits_used: sub_limits
                    .iter()
                    .map(|l| amount(l.category, self.sub_used))
                    .collect(),
            }),
            sub_limits,
            covered_categories: covered,
        }
    }
}

proptest! {
    /// Largest remainder: parts add up exactly and none is a whole unit off its exact share.
    #[test]
    fn allocation_sums_exactly_and_each_part_is_within_one_unit_of_its_share(
        units in -10_000_000_000i64..10_000_000_000,
        ratios in prop::collection::vec(0u32..1000, 1..30),
    ) {
        prop_assume!(ratios.iter().any(|&r| r > 0));
        let m = Money::from_minor(units as i128, cur("EUR")).unwrap();
        let rs: Vec<Decimal> = ratios.iter().map(|&r| Decimal::from(r)).collect();
        let parts = m.allocate(&rs).unwrap();
        let sum = Money::sum(&parts, cur("EUR")).unwrap();
        prop_assert_eq!(sum, m);
        let total: Decimal = rs.iter().sum();
        let unit = Decimal::new(1, 2);
        for (p, r) in parts.iter().zip(&rs) {
            let exact = m.amount() * r / total;
            prop_assert!((p.amount() - exact).abs() < unit, "{p} vs exact {exact}");
        }
    }

    /// Converting and converting back lands within one minor unit, whenever one target
    /// unit is worth no more than one source unit (otherwise the target cannot hold it).
    #[test]
    fn conversion_then_inverse_conversion_is_within_one_minor_unit(
        cents in 0i64..1_000_000_000_000,
        rate_ten_thousandths in 10_000i64..50_000_000,
    ) {
        let rate = Decimal::new(rate_ten_thousandths, 4);
        let table = FxTable::from_rates(None, vec![Rate {
            from: cur("EUR"),
            to: cur("THB"),
            rate,
            as_of: "2026-11-20T16:00:00Z".parse().unwrap(),
            source: "test".into(),
        }]).unwrap();
        let m = Money::from_minor(cents as i128, cur("EUR")).unwrap();
        let there = table.convert(&m, cur("THB")).unwrap();
        let back = table.convert(&there, cur("EUR")).unwrap();
        prop_assert!((back.amount() - m.amount()).abs() <= Decimal::new(1, 2), "{m} -> {there} -> {back}");
    }

    /// Insurer share + patient share = line, on every line and in total, for any policy:
    /// with an excess, copays, sub-limits and a year already part-way, every cap holds.
    #[test]
    fn adjudication_shares_sum_to_each_line_and_to_the_total(
        items in items(),
        package in prop::option::of(0i64..10_000_000),
        terms in terms(),
    ) {
        let q = quote_of(items, package);
        let est = estimate_trip(&q, &[], &fx(Decimal::ONE), cur("GBP"), &ConvertOptions::default()).unwrap();
        let policy = terms.policy();
        let a = adjudicate(&est, &policy).unwrap();
        let zero = gbp(0);
        for (l, e) in a.lines.iter().zip(&est.lines) {
            prop_assert_eq!(l.insurer.add(&l.patient).unwrap(), l.total);
            prop_assert!(!l.insurer.is_negative() && !l.patient.is_negative());
            prop_assert!(l.insurer.is_rounded() && l.patient.is_rounded());
            let parts = [l.excess, l.deductible, l.copay, l.coinsurance];
            prop_assert!(parts.iter().all(|p| !p.is_negative() && p.is_rounded()));
            let shared = Money::sum(parts.iter(), cur("GBP")).unwrap();
            prop_assert!(shared.compare(&l.patient).unwrap().is_le());
            if let Some(c) = policy.copays.iter().find(|c| c.category == l.category) {
                let visits = e.quantity.ceil();
                prop_assert!(l.copay.compare(&c.amount.mul(visits).unwrap()).unwrap().is_le());
                prop_assert_eq!(l.deductible, zero);
                prop_assert_eq!(l.coinsurance, zero);
            }
        }
        prop_assert_eq!(a.insurer_total.add(&a.patient_total).unwrap(), a.total);
        prop_assert_eq!(a.total, est.total);
        let shared = Money::sum(
            [a.excess_applied, a.deductible_applied, a.copays_applied, a.coinsurance_applied].iter(),
            cur("GBP"),
        ).unwrap();
        if let Some(oop) = &policy.out_of_pocket_max {
            let room = oop.sub(&gbp(terms.oop_spent)).unwrap();
            prop_assert!(shared.compare(&room).unwrap().is_le());
        }
        if let Some(limit) = &policy.annual_limit {
            let room = limit.sub(&gbp(terms.limit_used)).unwrap();
            prop_assert!(a.insurer_total.compare(&room).unwrap().is_le());
        }
        if let Some(excess) = &policy.excess_per_claim {
            prop_assert!(a.excess_applied.compare(excess).unwrap().is_le());
        }
        let ded_room = policy.deductible.sub(&gbp(terms.ded_met)).unwrap();
        prop_assert!(a.deductible_applied.compare(&ded_room).unwrap().is_le());
        for l in &policy.sub_limits {
            let paid = Money::sum(
                a.lines.iter().filter(|x| x.category == l.category).map(|x| &x.insurer),
                cur("GBP"),
            ).unwrap();
            let room = l.amount.sub(&gbp(terms.sub_used)).unwrap();
            prop_assert!(paid.compare(&room).unwrap().is_le(), "{} sub-limit", l.category);
        }
    }

    /// The year-to-date after one claim, fed to the next, splits two claims exactly as one
    /// claim holding all their lines (no excess: that one is per claim).
    #[test]
    fn claims_in_sequence_split_like_one_claim(
        first in items(),
        second in items(),
        mut terms in terms(),
    ) {
        terms.excess = None;
        let policy = terms.policy();
        let table = fx(Decimal::ONE);
        let est = |items: Vec<LineItem>| {
            estimate_trip(&quote_of(items, None), &[], &table, cur("GBP"), &ConvertOptions::default()).unwrap()
        };
        let both: Vec<LineItem> = first.iter().chain(&second).cloned().collect();
        let one = adjudicate(&est(both), &policy).unwrap();
        let a = adjudicate(&est(first), &policy).unwrap();
        let mut next = policy.clone();
        next.year_to_date = Some(a.year_to_date.clone());
        let b = adjudicate(&est(second), &next).unwrap();
        let split: Vec<_> = a.lines.iter().chain(&b.lines).collect();
        prop_assert_eq!(split.len(), one.lines.len());
        for (x, y) in split.iter().zip(&one.lines) {
            prop_assert_eq!(*x, y);
        }
        prop_assert_eq!(b.year_to_date, one.year_to_date);
    }
    /// A schedule's payments add up to the plan's total exactly, in due order.
    #[test]
    fn payment_plan_schedules_sum_to_the_total(
        cents in 0i64..100_000_000_000,
        deposit in prop_oneof![
            Just(None),
            (0i64..=10_000).prop_map(|p| Some(Deposit::Percent(Decimal::new(p, 2)))),
        ],
        n in 1u32..=120,
        days in 1u32..60,
    ) {
        let plan = PaymentPlan::new(gbp(cents), deposit, n, Interval::Days(days), "2026-11-23".parse().unwrap());
        let s = plan.schedule().unwrap();
        let paid = Money::sum(s.payments.iter().map(|p| &p.amount), cur("GBP")).unwrap();
        prop_assert_eq!(paid, gbp(cents));
        prop_assert!(s.payments.windows(2).all(|w| w[0].due <= w[1].due));
        let inst: Vec<_> = s.payments.iter().filter(|p| p.kind == medjourney::cost::PaymentKind::Installment).collect();
        prop_assert_eq!(inst.len(), n as usize);
        let (lo, hi) = inst.iter().fold((i128::MAX, i128::MIN), |(lo, hi), p| {
            let u = p.amount.to_minor().unwrap();
            (lo.min(u), hi.max(u))
        });
        prop_assert!(hi - lo <= 1, "installments differ by more than one unit");
    }

    /// A comparison column's cells add up to its total, which is the sum of the quote's
    /// lines converted one by one.
    #[test]
    fn comparison_cells_sum_to_each_column_total(
        a in items(), b in items(), pa in prop::option::of(0i64..10_000_000),
        rate_ten_thousandths in 1_000i64..30_000,
    ) {
        let mut qa = quote_of(a, pa);
        qa.id = "a".into();
        let mut qb = quote_of(b, None);
        qb.id = "b".into();
        qb.currency = cur("EUR");
        for it in qb.items.iter_mut() {
            it.unit_price = Money::new(it.unit_price.amount(), cur("EUR"));
        }
        let table = fx(Decimal::new(rate_ten_thousandths, 4));
        let c = compare_quotes(&[qa, qb.clone()], &table, cur("GBP"), &CompareOptions::default()).unwrap();
        for (i, col) in c.columns.iter().enumerate() {
            let sum = Money::sum(c.rows.iter().map(|r| &r.cells[i].amount), cur("GBP")).unwrap();
            prop_assert_eq!(sum, col.total);
        }
        let est = estimate_trip(&qb, &[], &table, cur("GBP"), &ConvertOptions::default()).unwrap();
        prop_assert_eq!(est.total, c.columns[1].total);
    }
}
