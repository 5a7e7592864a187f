"""Checked with mypy by test_stubs.py, never run: nested values have precise static types."""

import datetime
import decimal
from typing import Any, Literal, assert_type

import medjourney as mj

rate = mj.samples.comparison().columns[0].rates_used[0]
assert_type(rate, mj.Rate)
assert_type(rate.rate, decimal.Decimal)
assert_type(rate.as_of, datetime.datetime)

ranking = mj.rank(mj.samples.catalog(), mj.samples.request(), fx=mj.samples.fx())
for exclusion in ranking.excluded:
    for reason in exclusion.reasons:
        if reason["code"] == "over_budget":
            assert_type(reason["price"], mj.Money)
        elif reason["code"] == "accreditation_expired":
            assert_type(reason["travel_date"], datetime.date)
assert_type(ranking.weights, mj.Weights)

terms = mj.samples.quotes()[0].deposit
if terms is not None and "percent" in terms.deposit:
    percent = terms.deposit["percent"]
    assert_type(percent, decimal.Decimal)

severity: Literal["error", "warning", "info"] = mj.samples.itinerary().check()[0].severity
stage: Literal["awareness", "research", "selection", "preparation", "treatment", "post_treatment", "follow_up"]
stage = mj.samples.journey_map().stages[0].stage

journey_map = mj.samples.journey_map()
assert_type(journey_map.statuses, mj.StatusCounts)
assert_type(journey_map.stages[0].dwell.median_seconds, int | None)
for item in mj.samples.itinerary().items:
    if item.details["type"] == "flight":
        assert_type(item.details["flight_number"], str)

rate_again = mj.Rate.from_dict(rate.to_dict())
assert_type(rate_again, mj.Rate)
assert_type(mj.Quote.from_json(mj.samples.quotes()[0].to_json()), mj.Quote)
try:
    mj.Currency("XYZ")
except mj.MedJourneyError as error:
    code: str = error.code
    assert_type(mj.ERROR_CLASSES[error.code], type[mj.MedJourneyError])
treatment: mj.Stage = mj.Stage.TREATMENT

guide = mj.procedure_guide("knee_replacement")
assert_type(guide.days_near_clinic.min, int)
assert_type(guide.follow_up[0].kind, Literal["telehealth", "in_person_clinic", "local_doctor"])
assert_type(guide.sources[0].url, str)
match = mj.explain("Laparoscopic cholecystectomy")[0]
assert_type(match.start, int)
assert_type(match.composed, bool)
nights = mj.estimate_trip_with_guides(mj.samples.quotes()[0], None, mj.samples.fx(), "GBP").hospital_nights
if nights is not None:
    assert_type(nights.source, Literal["quote", "guide"])
bundle = mj.samples.quotes()[0].to_fhir(patient="PT-0042")
assert_type(bundle, dict[str, Any])
assert_type(mj.Catalog.from_fhir(mj.samples.catalog().to_fhir_json()), mj.Catalog)

plan = mj.plan_trip(mj.samples.plan_request())
assert_type(plan.key_dates.fly_home, datetime.date)
assert_type(plan.notes[0].code if plan.notes else None, Literal['departure_later', 'leisure_shortened', 'return_before_advised', 'no_common_call_time', 'return_visit', 'companion_advised', 'quote_not_valid', 'catalog_price', 'flights_not_priced', 'accommodation_not_priced', 'need_not_offered'] | None)
assert_type(plan.itinerary.items[0].status, Literal['booked', 'proposed', 'to_book'] | None)
fix = mj.samples.itinerary().check()[0].remedy
if fix is not None and fix.action["kind"] == "fly_on_or_after":
    assert_type(fix.action["date"], datetime.date)
refund = mj.refund_due({"deposit": {"percent": "20"}, "refundable": True}, mj.Money("10", "EUR"),
                       datetime.date(2027, 2, 1), datetime.date(2027, 1, 1))
assert_type(refund.amount, mj.Money)
slot = mj.telehealth_slots("Europe/London", "Asia/Bangkok", datetime.datetime(2027, 3, 1, tzinfo=datetime.timezone.utc),
                           datetime.datetime(2027, 3, 8, tzinfo=datetime.timezone.utc), 30, country_a="GB")[0]
assert_type(slot.start_b, datetime.datetime)
