//! The plan's cost, payments and refunds.
//!
//! The estimate is [`crate::estimate_trip_with_guides`] on the clinic's quote (or, without
//! one, a one-line quote at the catalog's price, the low end of its range) plus the
//! caller's travel lines and, when a nightly budget is given, the hotel nights priced at
//! it. Nothing else is priced: flights without fare lines and a hotel without a budget are
//! left out and said so in the notes, never guessed.
//!
//! Payments: the clinic's deposit (its terms, on the quote's total, converted once to the
//! patient's currency and never above the trip's total) is due `dueDaysAfterBooking`
//! after `asOf`; the balance is due [`BALANCE_DAYS_BEFORE_DEPARTURE`] days before the
//! departure, or with the deposit when the trip is sooner. Without deposit terms the whole
//! total is due on that balance day. Refund stretches run from the deposit's due date and
//! count days to the procedure ([`crate::refund_due`]).

use chrono::NaiveDate;

use super::context::Ctx;
use super::plan::{PlanNote, PlanNoteCode};
use super::timeline::{shift, Timeline};
use crate::cost::{
    estimate_trip_with_guides, refund_steps, Category, Deposit, Inclusion, Interval, LineItem,
    PaymentPlan, RefundStep, Schedule, TripEstimate,
};
use crate::error::{Error, Result};
use crate::Decimal;

/// Days before departure the balance is due.
pub const BALANCE_DAYS_BEFORE_DEPARTURE: i64 = 14;

/// The money side of a plan.
pub(crate) struct Costs {
    pub estimate: TripEstimate,
    pub payment_plan: PaymentPlan,
    pub payments: Schedule,
    pub refunds: Vec<RefundStep>,
    pub balance_due: NaiveDate,
    pub notes: Vec<PlanNote>,
    pub assumptions: Vec<String>,
}

pub(crate) fn cost(ctx: &Ctx, t: &Timeline, hotel_nights: u32) -> Result<Costs> {
    let req = ctx.req;
    let currency = req.patient.currency;
    let mut notes = Vec::new();
    let mut assumptions = Vec::new();
    if !ctx.quote_given {
        notes.push(PlanNote {
            code: PlanNoteCode::CatalogPrice,
            message: format!(
                "No quote was given: the medical cost is {}'s catalog price for {}, the low end of its published range{}. Ask the clinic for an itemized quote.",
                ctx.provider.name,
                ctx.offer.code,
                ctx.offer
                    .price_max
                    .map(|m| format!(" (up to {m})"))
                    .unwrap_or_default()
            ),
        });
    }
    if ctx.quote.is_expired(req.as_of) || ctx.quote.is_not_yet_valid(req.as_of) {
        notes.push(PlanNote {
            code: PlanNoteCode::QuoteNotValid,
            message: format!(
                "Quote {} is not valid on {} (valid {} to {}): ask the clinic to renew it.",
                ctx.quote.id,
                req.as_of,
                ctx.quote
                    .valid_from
                    .map_or_else(|| "any time".into(), |d| d.to_string()),
                ctx.quote
                    .valid_until
                    .map_or_else(|| "open".into(), |d| d.to_string())
            ),
        });
    }
    let mut travel = req.travel.clone();
    if !travel.iter().any(|l| l.category == Category::Flights) {
        notes.push(PlanNote {
            code: PlanNoteCode::FlightsNotPriced,
            message: format!(
                "The flights {} to {} and back are not in the estimate: add the fares as travel lines (category flights) once they are quoted.",
                req.patient.home_airport, ctx.clinic_airport
            ),
        });
    }
    match &req.preferences.nightly_budget {
        Some(budget) => {
            travel.push(LineItem::new(
                Category::Accommodation,
                format!(
                    "Hotel near the clinic: {hotel_nights} night(s) at the nightly budget (to book)"
                ),
                Decimal::from(hotel_nights),
                *budget,
                Inclusion::Extra,
            ));
            assumptions.push(format!(
                "The hotel's {hotel_nights} night(s) are priced at the nightly budget of {budget}; the booked rate replaces it."
            ));
        }
        None => notes.push(PlanNote {
            code: PlanNoteCode::AccommodationNotPriced,
            message: format!(
                "The {hotel_nights} hotel night(s) are not in the estimate: give a nightly budget, or add the booked rate as a travel line."
            ),
        }),
    }
    let estimate = estimate_trip_with_guides(
        &ctx.quote,
        &travel,
        &req.fx,
        currency,
        &req.convert,
        &ctx.guides,
    )?;

    let terms = ctx.quote.deposit.as_ref();
    let deposit = match terms {
        Some(terms) => {
            let in_quote = terms.deposit.amount_on(&ctx.quote.totals()?.total)?;
            let converted = req
                .fx
                .convert_with(&in_quote, currency, &req.convert)?
                .money;
            Some(converted.min(&estimate.total)?)
        }
        None => None,
    };
    let start = t.deposit_due.unwrap_or(req.as_of);
    let balance_due = shift(t.depart, -BALANCE_DAYS_BEFORE_DEPARTURE)?.max(start);
    let gap = u32::try_from((balance_due - start).num_days())
        .map_err(|_| Error::overflow("balance due date"))?;
    let payment_plan = PaymentPlan::new(
        estimate.total,
        deposit.map(Deposit::Fixed),
        1,
        Interval::Days(gap),
        start,
    );
    let payments = payment_plan.schedule()?;
    assumptions.push(format!(
        "The balance is due {BALANCE_DAYS_BEFORE_DEPARTURE} days before departure ({balance_due}){}; the payment plan covers the whole estimate.",
        if deposit.is_some() {
            ", after the clinic's deposit"
        } else {
            ", in one payment: the quote sets no deposit"
        }
    ));
    let refunds = match terms {
        Some(terms) => refund_steps(terms, &payments.deposit, t.procedure, start)?,
        None => Vec::new(),
    };
    Ok(Costs {
        estimate,
        payment_plan,
        payments,
        refunds,
        balance_due,
        notes,
        assumptions,
    })
}
