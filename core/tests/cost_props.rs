//! Property tests of the cost arithmetic: nothing is lost or invented to the cent.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

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

    /// Insurer share + patient share = line, on every line and in total, for any policy.
    #[test]
    fn adjudication_shares_sum_to_each_line_and_to_the_total(
        items in items(),
        package in prop::option::of(0i64..10_000_000),
        deductible in 0i64..500_000,
        extra_oop in prop::option::of(0i64..1_000_000),
        limit in prop::option::of(0i64..5_000_000),
        coins in 0u32..=1000,
        covered in prop::collection::vec(category(), 0..17),
        abroad in any::<bool>(),
    ) {
        let q = quote_of(items, package);
        let est = estimate_trip(&q, &[], &fx(Decimal::ONE), cur("GBP"), &ConvertOptions::default()).unwrap();
        let policy = InsurancePolicy {
            id: "p".into(),
            name: String::new(),
            currency: cur("GBP"),
            deductible: gbp(deductible),
            coinsurance_percent: Decimal::new(coins as i64, 1),
            out_of_pocket_max: extra_oop.map(|e| gbp(deductible + e)),
            annual_limit: limit.map(gbp),
            covered_categories: covered,
            excluded_categories: vec![],
            covers_treatment_abroad: abroad,
            pre_authorization_required: false,
        };
        let a = adjudicate(&est, &policy).unwrap();
        for l in &a.lines {
            prop_assert_eq!(l.insurer.add(&l.patient).unwrap(), l.total);
            prop_assert!(!l.insurer.is_negative() && !l.patient.is_negative());
            prop_assert!(l.insurer.is_rounded() && l.patient.is_rounded());
        }
        prop_assert_eq!(a.insurer_total.add(&a.patient_total).unwrap(), a.total);
        prop_assert_eq!(a.total, est.total);
        if let Some(oop) = &policy.out_of_pocket_max {
            let shared = a.deductible_applied.add(&a.coinsurance_applied).unwrap();
            prop_assert!(shared.compare(oop).unwrap().is_le());
        }
        if let Some(limit) = &policy.annual_limit {
            prop_assert!(a.insurer_total.compare(limit).unwrap().is_le());
        }
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
