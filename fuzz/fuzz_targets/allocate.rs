//! `Money::allocate` and `Money::split` on any amount and ratios: the parts are whole
//! minor units, add up to the amount exactly, and each is within one unit of its exact
//! share (largest remainder).
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::Decimal;
use medjourney_fuzz::{amount, decode, money, ok_or_coded, small_vec, total};

fuzz_target!(|data: &[u8]| {
    let Some((m, ratios, n)) = decode(data, |u| {
        let m = money(u)?;
        let ratios = small_vec(u, 40, |u| {
            if u.ratio(1, 8)? {
                Ok(-amount(u)?)
            } else {
                amount(u)
            }
        })?;
        let n: u16 = u.arbitrary()?;
        Ok((m, ratios, n))
    }) else {
        return;
    };
    let cur = m.currency();
    if let Some(parts) = ok_or_coded(m.allocate(&ratios)) {
        assert_eq!(parts.len(), ratios.len());
        assert_eq!(total(&parts, cur), m, "parts add up to the whole");
        let units = m.to_minor().unwrap();
        let sum = ratios
            .iter()
            .try_fold(Decimal::ZERO, |a, r| a.checked_add(*r))
            .unwrap_or(Decimal::MAX);
        for (p, r) in parts.iter().zip(&ratios) {
            assert!(p.is_rounded());
            assert_eq!(p.currency(), cur);
            // |part − amount·r/Σr| < 1 minor unit, checked in exact decimals when they fit.
            let part = Decimal::from_i128_with_scale(p.to_minor().unwrap(), 0);
            if let Some(exact) = Decimal::from_i128_with_scale(units, 0)
                .checked_mul(*r)
                .and_then(|x| x.checked_div(sum))
            {
                assert!(
                    (part - exact).abs() < Decimal::ONE,
                    "{p} is not within a unit of {exact}"
                );
            }
            if r.is_zero() {
                assert!(p.is_zero(), "a zero ratio gets nothing");
            }
        }
    }
    let n = usize::from(n % 300);
    if let Some(parts) = ok_or_coded(m.split(n)) {
        assert_eq!(parts.len(), n);
        assert_eq!(total(&parts, cur), m);
        let units: Vec<i128> = parts.iter().map(|p| p.to_minor().unwrap().abs()).collect();
        assert!(
            units.windows(2).all(|w| w[0] >= w[1]),
            "earlier parts carry the odd units"
        );
        if let (Some(a), Some(b)) = (units.first(), units.last()) {
            assert!(a - b <= 1);
        }
    }
});
