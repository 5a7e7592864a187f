//! Conversions through any FX table: a rounded amount in the target currency or a coded
//! error; staleness judged with any "now" and maximum age; the batch path agrees.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::{ConvertOptions, FxTable, Rate, RoundingMode, StalePolicy};
use medjourney_fuzz::{
    amount, any, currency, decode, fx_conversions, instant, money, ok_or_coded, small_vec,
};

fuzz_target!(|data: &[u8]| {
    let Some((table, m, to, options)) = decode(data, |u| {
        let rates = small_vec(u, 12, |u| {
            Ok(Rate {
                from: currency(u)?,
                to: currency(u)?,
                rate: amount(u)?,
                as_of: instant(u)?,
                source: String::new(),
            })
        })?;
        let base = if any(u)? { Some(currency(u)?) } else { None };
        let mut table = FxTable::new(base);
        for r in rates {
            let _ = ok_or_coded(table.insert(r));
        }
        let options = ConvertOptions {
            rounding: *u.choose(&[
                RoundingMode::HalfEven,
                RoundingMode::HalfUp,
                RoundingMode::Down,
                RoundingMode::Up,
            ])?,
            now: if any(u)? { Some(instant(u)?) } else { None },
            max_age_hours: if any(u)? { Some(any(u)?) } else { None },
            stale: if any(u)? {
                StalePolicy::Flag
            } else {
                StalePolicy::Error
            },
        };
        Ok((table, money(u)?, currency(u)?, options))
    }) else {
        return;
    };
    if let Some(c) = ok_or_coded(table.convert_with(&m, to, &options)) {
        assert_eq!(c.money.currency(), to);
        assert!(c.money.is_rounded());
        assert!(c.rates_used.len() <= 2);
        if m.currency() == to {
            assert_eq!(c.money, m.round(options.rounding).unwrap());
        }
    }
    fx_conversions(&table);
});
