"""The embedded sample case (the same data as Rust's ``medjourney::samples``).

PT-0042, a patient from Manchester, compares three knee-replacement quotes, has an
insurance policy and a budget, a journey, and an itinerary to Istanbul.
"""

import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy is needed only by the functions that return arrays
    import numpy.typing as npt

from . import _medjourney as _m
from ._medjourney import (
    Adjudication,
    BudgetFit,
    Catalog,
    Comparison,
    FxTable,
    InsurancePolicy,
    Itinerary,
    ItineraryRules,
    Journey,
    JourneyMap,
    LineItem,
    Money,
    PaymentPlan,
    Quote,
    Request,
    TripEstimate,
)


def fx() -> FxTable:
    """The sample exchange-rate table (EUR base, as of 2026-11-20)."""
    return _m.sample_fx()


def quotes() -> list[Quote]:
    """Three knee-replacement quotes (Istanbul, Budapest, Chennai)."""
    return _m.sample_quotes()


def travel() -> list[LineItem]:
    """The travel lines around the chosen quote (flights, hotel, transfers…)."""
    return _m.sample_travel()


def policy() -> InsurancePolicy:
    """PT-0042's health insurance policy."""
    return _m.sample_policy()


def comparison() -> Comparison:
    """The three quotes side by side in GBP."""
    return _m.sample_comparison()


def estimate() -> TripEstimate:
    """The Istanbul quote plus the trip around it, in GBP."""
    return _m.sample_estimate()


def adjudication() -> Adjudication:
    """The sample policy applied to the sample estimate."""
    return _m.sample_adjudication()


def budget() -> Money:
    """The patient's budget."""
    return _m.sample_budget()


def budget_fit() -> BudgetFit:
    """Whether the sample estimate fits the budget."""
    return _m.sample_budget_fit()


def payment_plan() -> PaymentPlan:
    """The sample payment plan (deposit and installments)."""
    return _m.sample_payment_plan()


def journeys() -> list[Journey]:
    """The sample journeys of many patients."""
    return _m.sample_journeys()


def pt0042() -> Journey:
    """PT-0042's own journey."""
    return _m.sample_pt0042()


def journeys_as_of() -> datetime.datetime:
    """The instant the sample journeys were observed at."""
    return _m.sample_journeys_as_of()


def journey_map() -> JourneyMap:
    """The journey map of the sample journeys."""
    return _m.sample_journey_map()


def journey_table(journeys: int, touchpoints: int, seed: int = 42) -> "dict[str, npt.NDArray[Any]]":
    """A deterministic synthetic column table for ``mj.journey_map_columns(**table)``."""
    return _m.sample_journey_table(journeys, touchpoints, seed)


def catalog() -> Catalog:
    """The sample provider catalog."""
    return _m.sample_catalog()


def request() -> Request:
    """PT-0042's matching request (knee replacement, budget, languages, weights)."""
    return _m.sample_request()


def itinerary() -> Itinerary:
    """PT-0042's itinerary to Istanbul."""
    return _m.sample_itinerary()


def itinerary_rules() -> ItineraryRules:
    """The rules the sample itinerary is checked with."""
    return _m.sample_itinerary_rules()


__all__ = [
    "adjudication",
    "budget",
    "budget_fit",
    "catalog",
    "comparison",
    "estimate",
    "fx",
    "itinerary",
    "itinerary_rules",
    "journey_map",
    "journey_table",
    "journeys",
    "journeys_as_of",
    "payment_plan",
    "policy",
    "pt0042",
    "quotes",
    "request",
    "travel",
]
