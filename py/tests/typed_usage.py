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
