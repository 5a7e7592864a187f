"""Type stubs of the compiled core module (checked with mypy.stubtest in the tests)."""

import datetime
import decimal
from typing import Any, Final, Literal, TypedDict, final

from typing_extensions import Self

from . import samples as samples

import numpy as np
import numpy.typing as npt

__version__: str

_Method = Literal["weighted_sum", "topsis"]
_RoundingMode = Literal["half_even", "half_up", "half_down", "up", "down", "ceiling", "floor"]
_StalePolicy = Literal["error", "flag"]
_AmountLike = decimal.Decimal | str | int

# Unit enums are plain snake_case str at run time; these are their values.
_Stage = Literal['awareness', 'research', 'selection', 'preparation', 'treatment', 'post_treatment', 'follow_up']
_Status = Literal['active', 'completed', 'abandoned', 'on_hold']
_Channel = Literal['phone', 'whatsapp', 'email', 'sms', 'video_call', 'telemedicine', 'portal', 'social_media', 'in_person', 'chat']
_Party = Literal['patient', 'facilitator', 'provider', 'insurer', 'family', 'travel_vendor']
_TouchpointKind = Literal['inquiry', 'consultation', 'quote_sent', 'records_transfer', 'booking', 'visa_support', 'admission', 'treatment_update', 'follow_up_call', 'review', 'complaint', 'other']
_Need = Literal['reliable_information', 'cost_transparency', 'visa_support', 'interpreter', 'dietary', 'accessibility', 'emotional_support', 'care_coordination', 'travel_logistics', 'medical_records', 'aftercare']
_Outcome = Literal['resolved', 'follow_up_needed', 'escalated', 'no_response']
_BackReason = Literal['clinic_declined', 'quote_expired', 'visa_refused']
_PainReason = Literal['low_sentiment', 'long_dwell', 'high_drop_out']
_AccreditationBody = Literal['jci', 'accreditation_canada', 'achs', 'nabh', 'temos', 'iso_9001', 'other']
_Amenity = Literal['wheelchair_access', 'interpreter', 'halal_food', 'kosher_food', 'vegetarian_food', 'airport_transfer', 'recovery_accommodation']
_Criterion = Literal['price', 'quality', 'reviews', 'accreditation', 'wait', 'language', 'amenities', 'travel']
_Category = Literal['procedure', 'surgeon_fee', 'anesthesia', 'pre_op_tests', 'hospital_stay', 'medication', 'implant', 'follow_up', 'accommodation', 'flights', 'ground_transport', 'visa', 'insurance', 'facilitator_fee', 'companion', 'contingency', 'other']
_Inclusion = Literal['included_in_package', 'extra', 'optional']
_CellStatus = Literal['included', 'extra', 'mixed', 'optional', 'missing']
_FindingKind = Literal['expired', 'not_yet_valid', 'package_mismatch', 'stale_rate', 'missing_item', 'not_in_package', 'higher_fee_cheaper_overall']
_LineSource = Literal['quote', 'travel']
_CoverageStatus = Literal['covered', 'limit_reached', 'excluded', 'not_covered', 'abroad_not_covered']
_PaymentKind = Literal['deposit', 'installment']
_ItemType = Literal['flight', 'ground_transfer', 'stay', 'appointment', 'leisure', 'document_task']
_AppointmentType = Literal['consultation', 'pre_op_tests', 'procedure', 'post_op_check', 'follow_up', 'telehealth']
_EntryPart = Literal['whole', 'starts', 'ends']
_FindingCode = Literal['overlap', 'tight_connection', 'tight_landing_to_appointment', 'fit_to_fly', 'fit_to_fly_advice', 'fit_to_fly_unknown', 'night_without_bed', 'stay_far_from_clinic', 'no_post_op_check', 'no_follow_up', 'visa_missing', 'visa_too_late', 'visa_too_early', 'visa_stay_too_long', 'visa_documents', 'visa_rule_unknown', 'passport_validity', 'trip_not_ending_home']
_Severity = Literal['error', 'warning', 'info']
_Assistance = Literal['wheelchair', 'stretcher', 'oxygen', 'meet_and_assist', 'extra_legroom']
_DocumentKind = Literal['visa_application', 'medical_records_transfer', 'other']
_Person = Literal['patient', 'companion']
_ValidFrom = Literal['arrival', 'departure']
_FollowUpKind = Literal['telehealth', 'in_person_clinic', 'local_doctor']
_BenchmarkKind = Literal['complication', 'mortality', 'success']
_TermCategory = Literal['procedure', 'approach', 'anatomy', 'anesthesia', 'complication', 'condition', 'drug_class', 'test', 'care']
_NightsSource = Literal['quote', 'guide']
_ItemStatus = Literal['booked', 'proposed', 'to_book']
_DayOfWeek = Literal['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
_PlanNoteCode = Literal['departure_later', 'leisure_shortened', 'return_before_advised', 'no_common_call_time', 'return_visit', 'companion_advised', 'quote_not_valid', 'catalog_price', 'flights_not_priced', 'accommodation_not_priced', 'need_not_offered']

# Data-carrying enums are dicts of their JSON shape with typed values and snake_case keys
# (final where the variant is told by its only key, so `"percent" in d` narrows).
class _ProcedureNotOffered(TypedDict):
    code: Literal["procedure_not_offered"]
    procedure: str
class _AccreditationMissing(TypedDict):
    code: Literal["accreditation_missing"]
    required: list[_AccreditationBody]
class _AccreditationExpired(TypedDict):
    code: Literal["accreditation_expired"]
    body: _AccreditationBody
    expires: datetime.date | None
    travel_date: datetime.date
class _NoSharedLanguage(TypedDict):
    code: Literal["no_shared_language"]
    requested: list[str]
    spoken: list[str]
class _OverBudget(TypedDict):
    code: Literal["over_budget"]
    price: Money
    budget: Money
class _CountryNotAllowed(TypedDict):
    code: Literal["country_not_allowed", "country_excluded"]
    country: str
class _WaitTooLong(TypedDict):
    code: Literal["wait_too_long"]
    wait_days: int
    max_wait_days: int
class _NeedNotMet(TypedDict):
    code: Literal["need_not_met"]
    need: _Amenity
_ExclusionReason = (
    _ProcedureNotOffered | _AccreditationMissing | _AccreditationExpired | _NoSharedLanguage
    | _OverBudget | _CountryNotAllowed | _WaitTooLong | _NeedNotMet
)

_FlightDetails = TypedDict("_FlightDetails", {
    "type": Literal["flight"], "carrier": str, "flight_number": str, "from": str, "to": str,
    "from_country": str, "to_country": str, "assistance": list[_Assistance], "booking_ref": str | None,
})
_GroundTransferDetails = TypedDict("_GroundTransferDetails", {
    "type": Literal["ground_transfer"], "from": str, "to": str, "medical_escort": bool,
})
class _StayDetails(TypedDict):
    type: Literal["stay"]
    address: str
    accessible_room: bool
    kitchenette: bool
    distance_to_clinic_km: float | None
class _AppointmentDetails(TypedDict):
    type: Literal["appointment"]
    appointment_type: _AppointmentType
    provider_id: str | None
    procedure: str | None
    procedure_category: str | None
class _LeisureDetails(TypedDict):
    type: Literal["leisure"]
class _DocumentTaskDetails(TypedDict):
    type: Literal["document_task"]
    task: _DocumentKind
    country: str | None
    person: _Person
_Details = (
    _FlightDetails | _GroundTransferDetails | _StayDetails | _AppointmentDetails
    | _LeisureDetails | _DocumentTaskDetails
)

class _FlyOnOrAfter(TypedDict):
    kind: Literal["fly_on_or_after"]
    item: str
    date: datetime.date
class _ApplyForVisa(TypedDict):
    kind: Literal["apply_for_visa"]
    item: str | None
    person: _Person
    country: str
    opens: datetime.date | None
    by: datetime.date | None
    arrive_on_or_after: datetime.date | None
class _BookNights(TypedDict):
    kind: Literal["book_nights"]
    country: str
    nights: list[datetime.date]
class _ConnectAfter(TypedDict):
    kind: Literal["connect_after"]
    item: str
    minutes: int
    depart_at_or_after: datetime.datetime
class _StartAtOrAfter(TypedDict):
    kind: Literal["start_at_or_after"]
    item: str
    at: datetime.datetime
class _RenewPassport(TypedDict):
    kind: Literal["renew_passport"]
    person: _Person
    valid_until: datetime.date
class _LeaveBy(TypedDict):
    kind: Literal["leave_by"]
    item: str
    date: datetime.date
class _AddPostOpCheck(TypedDict):
    kind: Literal["add_post_op_check"]
    after: datetime.datetime
    before: datetime.datetime
class _AddFollowUp(TypedDict):
    kind: Literal["add_follow_up"]
    after: datetime.datetime
_RemedyAction = (
    _FlyOnOrAfter | _ApplyForVisa | _BookNights | _ConnectAfter | _StartAtOrAfter
    | _RenewPassport | _LeaveBy | _AddPostOpCheck | _AddFollowUp
)

@final
class _DepositPercent(TypedDict):
    percent: decimal.Decimal
@final
class _DepositFixed(TypedDict):
    fixed: Money
_Deposit = _DepositPercent | _DepositFixed
@final
class _IntervalDays(TypedDict):
    days: int
@final
class _IntervalMonths(TypedDict):
    months: int
_Interval = _IntervalDays | _IntervalMonths

# A FHIR R4 Bundle as Python values: numbers with a fraction or exponent are exact
# `Decimal`s, whole numbers `int` (see `Quote.to_fhir`).
_FhirBundle = dict[str, Any]

# Every error code, in the core's order (a test checks it against `ERROR_CODES`).
_ErrorCode = Literal[
    "unknown_currency",
    "currency_mismatch",
    "overflow",
    "invalid_amount",
    "invalid_ratios",
    "no_minor_units",
    "no_rate",
    "stale_rate",
    "invalid_rate",
    "invalid_payment_plan",
    "invalid_policy",
    "invalid_quote",
    "invalid_weights",
    "invalid_matrix",
    "invalid_provider",
    "invalid_transition",
    "time_order",
    "invalid_touchpoint",
    "unknown_time_zone",
    "invalid_item",
    "unknown_procedure",
    "invalid_fhir",
    "no_feasible_plan",
    "invalid_input",
    "unknown_field",
    "too_large",
    "freed_object",
    "invalid_receiver",
    "parse_error",
    "unsupported_version",
]
ERROR_CODES: list[_ErrorCode]
ERROR_CLASSES: dict[_ErrorCode, type[MedJourneyError]]

class MedJourneyError(ValueError):
    code: _ErrorCode

class CurrencyError(MedJourneyError): ...
class CurrencyMismatchError(CurrencyError): ...
class UnknownCurrencyError(CurrencyError): ...
class ArithmeticOverflowError(MedJourneyError): ...
class RateError(MedJourneyError): ...
class TransitionError(MedJourneyError): ...
class ValidationError(MedJourneyError): ...
class ParseError(MedJourneyError): ...

class _Record:
    """The methods every record class shares (their JSON shape, typed row and equality)."""

    def to_dict(self) -> Any: ...
    @classmethod
    def from_dict(cls, d: Any) -> Self: ...
    def to_json(self) -> str: ...
    @classmethod
    def from_json(cls, text: str) -> Self: ...
    def to_row(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...

class _Table(_Record):
    """A record that is also a table: rows as dicts, a pandas frame at full precision, and
    a display (its picture, if any, then a compact formatted table) as HTML and in Jupyter."""

    def to_dicts(self) -> list[dict[str, Any]]: ...
    def to_pandas(self) -> Any: ...
    def to_arrow(self) -> ArrowTable: ...
    def to_html(self) -> str: ...
    def _repr_html_(self) -> str: ...

@final
class Currency:
    def __new__(cls, code: str) -> Currency: ...
    code: Final[str]
    minor_units: Final[int | None]
    numeric: Final[int]
    name: Final[str]
    @staticmethod
    def all() -> list[Currency]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Money:
    def __new__(cls, amount: _AmountLike, currency: str | Currency) -> Money: ...
    @staticmethod
    def parse(text: str) -> Money: ...
    @staticmethod
    def from_minor(units: int, currency: str | Currency) -> Money: ...
    amount: Final[decimal.Decimal]
    currency: Final[str]
    def __add__(self, other: Money, /) -> Money: ...
    def __sub__(self, other: Money, /) -> Money: ...
    def __radd__(self, other: Money, /) -> Money: ...
    def __rsub__(self, other: Money, /) -> Money: ...
    def __neg__(self) -> Money: ...
    def __abs__(self) -> Money: ...
    def __mul__(self, factor: _AmountLike | float, /) -> Money: ...
    def __rmul__(self, factor: _AmountLike | float, /) -> Money: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __lt__(self, other: Money, /) -> bool: ...
    def __le__(self, other: Money, /) -> bool: ...
    def __gt__(self, other: Money, /) -> bool: ...
    def __ge__(self, other: Money, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __bool__(self) -> bool: ...
    def round(self, mode: _RoundingMode | None = None) -> Money: ...
    def allocate(self, ratios: list[_AmountLike | float]) -> list[Money]: ...
    def split(self, n: int) -> list[Money]: ...
    def to_minor(self) -> int: ...
    def to_dict(self) -> dict[str, str]: ...
    @classmethod
    def from_dict(cls, d: dict[str, object]) -> Money: ...
    def to_json(self) -> str: ...
    @classmethod
    def from_json(cls, text: str) -> Money: ...

@final
class FxTable:
    @staticmethod
    def from_json(text: str) -> FxTable: ...
    @staticmethod
    def from_csv(text: str, base: str | Currency | None = None) -> FxTable: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> Any: ...
    def convert(
        self,
        money: Money,
        currency: str | Currency,
        *,
        rounding: _RoundingMode = ...,
        now: datetime.datetime | None = ...,
        max_age_hours: int | None = ...,
        stale: _StalePolicy = ...,
    ) -> Money: ...
    def convert_sum(
        self,
        minor: npt.ArrayLike,
        currency_index: npt.ArrayLike,
        currencies: list[str] | list[Currency],
        to: str | Currency,
        rounding: _RoundingMode | None = None,
    ) -> Money: ...


# Struct-like values nested in the objects above: classes with typed read-only getters
# (written `name: Final[T]`: read-only to type checkers, a property at run time).

@final
class Rate(_Record):
    from_: Final[str]
    to: Final[str]
    rate: Final[decimal.Decimal]
    as_of: Final[datetime.datetime]
    source: Final[str]

@final
class DepositTerms(_Record):
    deposit: Final[_Deposit]
    refundable: Final[bool]
    due_days_after_booking: Final[int | None]
    refund_windows: Final[list[RefundWindow]]

@final
class Accreditation(_Record):
    body: Final[_AccreditationBody]
    scope: Final[str]
    issued: Final[datetime.date | None]
    expires: Final[datetime.date | None]

@final
class Coordinates(_Record):
    lat: Final[float]
    lon: Final[float]

@final
class Doctor(_Record):
    name: Final[str]
    specialty: Final[str]
    board_certifications: Final[list[str]]
    years_experience: Final[int | None]

@final
class ProcedureOutcome(_Record):
    cases: Final[int]
    count: Final[int | None]
    rate: Final[float | None]

@final
class ProcedureOffer(_Record):
    code: Final[str]
    name: Final[str]
    price: Final[Money | None]
    price_max: Final[Money | None]
    annual_volume: Final[int | None]
    success: Final[ProcedureOutcome | None]
    complications: Final[ProcedureOutcome | None]
    median_wait_days: Final[int | None]

@final
class Reviews(_Record):
    stars: Final[list[int] | None]
    mean: Final[float | None]
    count: Final[int | None]

@final
class Weights(_Record):
    price: Final[float]
    quality: Final[float]
    reviews: Final[float]
    accreditation: Final[float]
    wait: Final[float]
    language: Final[float]
    amenities: Final[float]
    travel: Final[float]

@final
class DurationStats(_Record):
    count: Final[int]
    median_seconds: Final[int | None]
    p90_seconds: Final[int | None]
    mean_seconds: Final[float | None]

@final
class ChannelCount(_Record):
    channel: Final[_Channel]
    count: Final[int]
    per_journey: Final[float]

@final
class KindCount(_Record):
    kind: Final[_TouchpointKind]
    count: Final[int]
    per_journey: Final[float]

@final
class SentimentStats(_Record):
    count: Final[int]
    mean: Final[float | None]

@final
class NeedCount(_Record):
    stage: Final[_Stage]
    need: Final[_Need]
    unmet: Final[int]
    total: Final[int]

@final
class FunnelStep(_Record):
    stage: Final[_Stage]
    journeys: Final[int]
    share: Final[float | None]

@final
class PainPoint(_Record):
    stage: Final[_Stage]
    reasons: Final[list[_PainReason]]
    mean_sentiment: Final[float | None]
    dwell_median_seconds: Final[int | None]
    dwell_p90_seconds: Final[int | None]
    drop_rate: Final[float | None]

@final
class StatusCounts(_Record):
    active: Final[int]
    completed: Final[int]
    abandoned: Final[int]
    on_hold: Final[int]

@final
class Traveller(_Record):
    patient_id: Final[str]
    home_country: Final[str]
    nationality: Final[str]
    home_airport: Final[str | None]
    home_time_zone: Final[str | None]
    passport_expires: Final[datetime.date | None]
    procedure_category: Final[str | None]
    companion: Final[Companion | None]

@final
class Companion(_Record):
    relation: Final[str]
    nationality: Final[str]
    passport_expires: Final[datetime.date | None]

@final
class Contact(_Record):
    name: Final[str]
    role: Final[str]
    phone: Final[str]
    email: Final[str]

@final
class FitToFlyRule(_Record):
    category: Final[str]
    procedure: Final[str]
    min_days: Final[int]
    advised_days: Final[int | None]
    source: Final[str]
    note: Final[str | None]

@final
class VisaRule(_Record):
    nationality: Final[str]
    destination: Final[str]
    visa_required: Final[bool]
    visa_type: Final[str | None]
    apply_min_days_before: Final[int | None]
    apply_max_days_before: Final[int | None]
    max_stay_days: Final[int | None]
    passport_valid_months: Final[int]
    passport_valid_days: Final[int]
    passport_valid_from: Final[_ValidFrom]
    documents: Final[list[str]]
    source: Final[str]

@final
class LineItem(_Record):
    category: Final[_Category]
    description: Final[str]
    quantity: Final[decimal.Decimal]
    unit_price: Final[Money]
    inclusion: Final[_Inclusion]
    brand: Final[str | None]
    model: Final[str | None]
    notes: Final[str | None]
    def total(self) -> Money: ...

@final
class Quote(_Record):
    id: Final[str]
    provider_id: Final[str]
    procedure: Final[str]
    currency: Final[str]
    items: Final[list[LineItem]]
    package_price: Final[Money | None]
    valid_from: Final[datetime.date | None]
    valid_until: Final[datetime.date | None]
    deposit: Final[DepositTerms | None]
    def totals(self) -> QuoteTotals: ...
    def validate(self) -> None: ...
    @staticmethod
    def list_from_json(text: str) -> list[Quote]: ...
    def to_fhir(self, *, patient: str | None = ..., created: datetime.datetime | None = ...) -> _FhirBundle: ...
    def to_fhir_json(self, *, patient: str | None = ..., created: datetime.datetime | None = ...) -> str: ...

@final
class CategoryTotal(_Record):
    category: Final[_Category]
    included: Final[Money]
    extra: Final[Money]
    optional: Final[Money]

@final
class QuoteTotals(_Table):
    package: Final[Money]
    included_items: Final[Money]
    extras: Final[Money]
    total: Final[Money]
    optional: Final[Money]
    package_mismatch: Final[bool]
    by_category: Final[list[CategoryTotal]]

@final
class ComparisonCell(_Record):
    amount: Final[Money]
    status: Final[_CellStatus]

@final
class ComparisonRow(_Record):
    category: Final[_Category]
    cells: Final[list[ComparisonCell]]

@final
class QuoteColumn(_Record):
    quote_id: Final[str]
    provider_id: Final[str]
    original_total: Final[Money]
    total: Final[Money]
    optional_total: Final[Money]
    difference_to_cheapest: Final[Money]
    expired: Final[bool]
    not_yet_valid: Final[bool]
    package_mismatch: Final[bool]
    rates_used: Final[list[Rate]]
    stale: Final[bool]

@final
class CostFinding(_Record):
    kind: Final[_FindingKind]
    quote_id: Final[str]
    category: Final[_Category | None]
    other_quote_ids: Final[list[str]]
    message: Final[str]

@final
class Comparison(_Table):
    currency: Final[str]
    as_of: Final[datetime.date | None]
    columns: Final[list[QuoteColumn]]
    rows: Final[list[ComparisonRow]]
    cheapest: Final[str | None]
    findings: Final[list[CostFinding]]
    def to_svg(self) -> str: ...

@final
class EstimateLine(_Record):
    source: Final[_LineSource]
    category: Final[_Category]
    description: Final[str]
    inclusion: Final[_Inclusion]
    quantity: Final[decimal.Decimal]
    original: Final[Money]
    amount: Final[Money]

@final
class TripEstimate(_Table):
    quote_id: Final[str]
    provider_id: Final[str]
    currency: Final[str]
    lines: Final[list[EstimateLine]]
    optional: Final[list[EstimateLine]]
    medical_total: Final[Money]
    travel_total: Final[Money]
    total: Final[Money]
    optional_total: Final[Money]
    package_mismatch: Final[bool]
    rates_used: Final[list[Rate]]
    stale: Final[bool]
    hospital_nights: Final[HospitalNights | None]
    def to_fhir(self, *, patient: str | None = ..., created: datetime.datetime | None = ...) -> _FhirBundle: ...
    def to_fhir_json(self, *, patient: str | None = ..., created: datetime.datetime | None = ...) -> str: ...

@final
class BudgetFit(_Record):
    budget: Final[Money]
    total: Final[Money]
    fits: Final[bool]
    difference: Final[Money]
    over_by: Final[Money]
    under_by: Final[Money]
    rates_used: Final[list[Rate]]
    stale: Final[bool]

@final
class InsurancePolicy(_Record):
    id: Final[str]
    name: Final[str]
    currency: Final[str]
    deductible: Final[Money]
    coinsurance_percent: Final[decimal.Decimal]
    out_of_pocket_max: Final[Money | None]
    annual_limit: Final[Money | None]
    covered_categories: Final[list[_Category]]
    excluded_categories: Final[list[_Category]]
    covers_treatment_abroad: Final[bool]
    pre_authorization_required: Final[bool]
    excess_per_claim: Final[Money | None]
    copays: Final[list[CategoryAmount]]
    sub_limits: Final[list[CategoryAmount]]
    year_to_date: Final[YearToDate | None]
    def to_fhir(self, *, patient: str | None = ..., created: datetime.datetime | None = ...) -> _FhirBundle: ...
    def to_fhir_json(self, *, patient: str | None = ..., created: datetime.datetime | None = ...) -> str: ...

@final
class CategoryAmount(_Record):
    category: Final[_Category]
    amount: Final[Money]

@final
class YearToDate(_Record):
    deductible_met: Final[Money | None]
    out_of_pocket_spent: Final[Money | None]
    annual_limit_used: Final[Money | None]
    sub_limits_used: Final[list[CategoryAmount]]

@final
class AdjudicatedLine(_Record):
    category: Final[_Category]
    description: Final[str]
    total: Final[Money]
    insurer: Final[Money]
    patient: Final[Money]
    deductible: Final[Money]
    coinsurance: Final[Money]
    excess: Final[Money]
    copay: Final[Money]
    status: Final[_CoverageStatus]

@final
class Adjudication(_Table):
    policy_id: Final[str]
    currency: Final[str]
    lines: Final[list[AdjudicatedLine]]
    total: Final[Money]
    insurer_total: Final[Money]
    patient_total: Final[Money]
    deductible_applied: Final[Money]
    coinsurance_applied: Final[Money]
    excess_applied: Final[Money]
    copays_applied: Final[Money]
    out_of_pocket_max_reached: Final[bool]
    annual_limit_reached: Final[bool]
    sub_limits_reached: Final[list[_Category]]
    year_to_date: Final[YearToDate]
    pre_authorization_required: Final[bool]
    notes: Final[list[str]]
    def to_fhir(self, *, patient: str | None = ..., created: datetime.datetime | None = ...) -> _FhirBundle: ...
    def to_fhir_json(self, *, patient: str | None = ..., created: datetime.datetime | None = ...) -> str: ...

@final
class PaymentPlan(_Record):
    total: Final[Money]
    deposit: Final[_Deposit | None]
    installments: Final[int]
    interval: Final[_Interval]
    start: Final[datetime.date]
    def __new__(cls, total: Money, installments: int, interval: _Interval, start: datetime.date, deposit: Money | _Deposit | dict[str, Any] | None = None) -> PaymentPlan: ...
    def schedule(self) -> Schedule: ...

@final
class Payment(_Record):
    number: Final[int]
    kind: Final[_PaymentKind]
    due: Final[datetime.date]
    amount: Final[Money]

@final
class Schedule(_Table):
    total: Final[Money]
    deposit: Final[Money]
    payments: Final[list[Payment]]

@final
class StageVisit(_Record):
    stage: Final[_Stage]
    entered: Final[datetime.datetime]
    left: Final[datetime.datetime | None]
    back_reason: Final[_BackReason | None]

@final
class StatusChange(_Record):
    status: Final[_Status]
    at: Final[datetime.datetime]

@final
class StageNeed(_Record):
    stage: Final[_Stage]
    need: Final[_Need]
    met: Final[bool]

@final
class Touchpoint(_Record):
    id: Final[str]
    stage: Final[_Stage]
    at: Final[datetime.datetime]
    channel: Final[_Channel]
    initiator: Final[_Party]
    participants: Final[list[_Party]]
    kind: Final[_TouchpointKind]
    duration_minutes: Final[int | None]
    outcome: Final[_Outcome | None]
    sentiment: Final[float | None]
    needs_addressed: Final[list[_Need]]
    note: Final[str]
    def __new__(cls, id: str, stage: str, at: datetime.datetime, channel: str, initiator: str, kind: str, *, sentiment: float | None = None, note: str | None = None) -> Touchpoint: ...

@final
class Journey(_Record):
    id: Final[str]
    patient: Final[str]
    procedure: Final[str]
    status: Final[_Status]
    stages: Final[list[StageVisit]]
    status_history: Final[list[StatusChange]]
    needs: Final[list[StageNeed]]
    touchpoints: Final[list[Touchpoint]]
    current_stage: Final[_Stage | None]
    furthest_stage: Final[_Stage | None]
    def __new__(cls, id: str, patient: str, procedure: str, stage: str, at: datetime.datetime) -> Journey: ...
    def has_reached(self, stage: str) -> bool: ...
    def apply(self, transition: dict[str, Any]) -> None: ...
    def advance(self, at: datetime.datetime) -> _Stage: ...
    def go_back(self, reason: str, at: datetime.datetime) -> _Stage: ...
    def record(self, touchpoint: Touchpoint | dict[str, Any]) -> None: ...
    def set_need(self, stage: str, need: str, met: bool) -> None: ...
    def validate(self) -> None: ...
    def to_fhir(self) -> _FhirBundle: ...
    def to_fhir_json(self) -> str: ...

@final
class StageSummary(_Record):
    stage: Final[_Stage]
    entered: Final[int]
    moved_on: Final[int]
    dropped: Final[int]
    still_there: Final[int]
    reentered: Final[int]
    conversion: Final[float | None]
    drop_rate: Final[float | None]
    dwell: Final[DurationStats]
    touchpoints: Final[int]
    touchpoints_per_journey: Final[float | None]
    by_channel: Final[list[ChannelCount]]
    by_kind: Final[list[KindCount]]
    sentiment: Final[SentimentStats]
    unmet_needs: Final[list[NeedCount]]
    pain: Final[list[_PainReason]]

@final
class StageRow(_Record):
    stage: Final[_Stage]
    entered: Final[int]
    moved_on: Final[int]
    dropped: Final[int]
    still_there: Final[int]
    reentered: Final[int]
    conversion: Final[float | None]
    drop_rate: Final[float | None]
    dwell_median_seconds: Final[int | None]
    dwell_p90_seconds: Final[int | None]
    touchpoints: Final[int]
    touchpoints_per_journey: Final[float | None]
    top_channel: Final[_Channel | None]
    mean_sentiment: Final[float | None]
    sentiment_count: Final[int]
    top_unmet_need: Final[_Need | None]
    pain: Final[str]

@final
class JourneyMap(_Table):
    journeys: Final[int]
    touchpoints: Final[int]
    statuses: Final[StatusCounts]
    stages: Final[list[StageSummary]]
    funnel: Final[list[FunnelStep]]
    awareness_to_treatment: Final[DurationStats]
    quantiles: Final[Literal["exact", "sketch"]]
    unmet_needs: Final[list[NeedCount]]
    pain_points: Final[list[PainPoint]]
    def rows(self) -> list[StageRow]: ...
    def to_csv(self) -> str: ...
    def to_svg(self, title: str | None = None) -> str: ...

@final
class Item(_Record):
    id: Final[str]
    title: Final[str]
    start: Final[datetime.datetime]
    end: Final[datetime.datetime]
    zone: Final[str]
    end_zone: Final[str | None]
    location: Final[str | None]
    contact: Final[Contact | None]
    notes: Final[str | None]
    companion_only: Final[bool]
    status: Final[_ItemStatus | None]
    item_type: Final[_ItemType]
    details: Final[_Details]

@final
class Itinerary(_Record):
    id: Final[str]
    title: Final[str]
    updated_at: Final[datetime.datetime]
    traveller: Final[Traveller]
    coordinator: Final[Contact | None]
    items: Final[list[Item]]
    def check(self, rules: ItineraryRules | dict[str, Any] | None = None) -> Findings: ...
    def to_svg(self, rules: ItineraryRules | dict[str, Any] | None = None) -> str: ...
    def to_html(self, rules: ItineraryRules | dict[str, Any] | None = None) -> str: ...
    def _repr_html_(self) -> str: ...
    def to_ics(self) -> str: ...
    def day_by_day(self) -> list[DaySummary]: ...
    def summary_text(self) -> str: ...
    def to_fhir(self) -> _FhirBundle: ...
    def to_fhir_json(self) -> str: ...

@final
class ItineraryRules(_Record):
    min_connection_domestic_minutes: Final[int]
    min_connection_international_minutes: Final[int]
    connection_window_minutes: Final[int]
    min_landing_to_appointment_minutes: Final[int]
    max_post_op_stay_distance_km: Final[float]
    fit_to_fly: Final[list[FitToFlyRule]]
    visas: Final[list[VisaRule]]
    fit_to_fly_overrides: Final[list[FitToFlyRule]]
    visa_overrides: Final[list[VisaRule]]
    def __new__(cls) -> ItineraryRules: ...
    def override_fit_to_fly(self, rule: FitToFlyRule | dict[str, Any]) -> None: ...
    def override_visa(self, rule: VisaRule | dict[str, Any]) -> None: ...

@final
class Finding(_Record):
    code: Final[_FindingCode]
    severity: Final[_Severity]
    message: Final[str]
    items: Final[list[str]]
    remedy: Final[Remedy | None]

@final
class SummaryEntry(_Record):
    item_id: Final[str]
    title: Final[str]
    item_type: Final[_ItemType]
    appointment_type: Final[_AppointmentType | None]
    part: Final[_EntryPart]
    start_local: Final[datetime.datetime]
    zone: Final[str]
    end_local: Final[datetime.datetime]
    end_zone: Final[str]
    location: Final[str | None]
    contact: Final[Contact | None]

@final
class DaySummary(_Record):
    date: Final[datetime.date]
    entries: Final[list[SummaryEntry]]

@final
class Provider(_Record):
    id: Final[str]
    name: Final[str]
    country: Final[str]
    city: Final[str]
    coordinates: Final[Coordinates | None]
    accreditations: Final[list[Accreditation]]
    procedures: Final[list[ProcedureOffer]]
    doctors: Final[list[Doctor]]
    languages: Final[list[str]]
    reviews: Final[Reviews | None]
    amenities: Final[list[_Amenity]]
    airport_distance_km: Final[float | None]
    time_zone: Final[str | None]
    airport: Final[str | None]

@final
class Request(_Record):
    patient: Final[str]
    procedure: Final[str]
    budget: Final[Money | None]
    currency: Final[str | None]
    travel_date: Final[datetime.date]
    languages: Final[list[str]]
    allowed_countries: Final[list[str]]
    excluded_countries: Final[list[str]]
    required_accreditations: Final[list[_AccreditationBody]]
    needs: Final[list[_Amenity]]
    preferences: Final[list[_Amenity]]
    max_wait_days: Final[int | None]
    travel_hours: Final[dict[str, float]]
    weights: Final[Weights]

@final
class CriterionScore(_Record):
    criterion: Final[_Criterion]
    raw: Final[float | None]
    normalized: Final[float]
    weight: Final[float]
    contribution: Final[float]
    cases: Final[int | None]

@final
class Match(_Record):
    provider_id: Final[str]
    name: Final[str]
    country: Final[str]
    city: Final[str]
    rank: Final[int]
    score: Final[float]
    price: Final[Money | None]
    price_max: Final[Money | None]
    criteria: Final[list[CriterionScore]]

@final
class Exclusion(_Record):
    provider_id: Final[str]
    name: Final[str]
    reasons: Final[list[_ExclusionReason]]

@final
class Ranking(_Table):
    procedure: Final[str]
    method: Final[_Method]
    currency: Final[str | None]
    weights: Final[Weights]
    candidates: Final[int]
    matches: Final[list[Match]]
    excluded_total: Final[int]
    excluded: Final[list[Exclusion]]
    def to_svg(self) -> str: ...
@final
class Findings:
    def __len__(self) -> int: ...
    def __getitem__(self, index: int, /) -> Finding: ...
    def to_dicts(self) -> list[dict[str, Any]]: ...
    def to_pandas(self) -> Any: ...
    def to_arrow(self) -> ArrowTable: ...
    def to_json(self) -> str: ...
    def to_html(self) -> str: ...
    def _repr_html_(self) -> str: ...

_Column = npt.ArrayLike
# Any object exporting the Arrow PyCapsule interface (`__arrow_c_stream__` or
# `__arrow_c_array__`): a pyarrow Table or RecordBatchReader, a polars or pandas (>= 2.2)
# DataFrame, a DuckDB relation. Anything else is refused with `invalid_input`.
_ArrowTable = object

@final
class ArrowTable:
    """A table as Arrow record batches: `pa.table(t)`, `pl.from_arrow(t)` read it without a copy."""

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> Any: ...
    def __arrow_c_schema__(self) -> Any: ...
    @property
    def num_rows(self) -> int: ...
    @property
    def column_names(self) -> list[str]: ...

@final
class MapAccumulator:
    def __new__(cls, quantiles: Literal["exact", "sketch"] | None = None) -> MapAccumulator: ...
    def __eq__(self, other: object, /) -> bool: ...
    @property
    def quantiles(self) -> Literal["exact", "sketch"]: ...
    def add_journeys(self, journeys: list[Journey] | list[dict[str, Any]]) -> None: ...
    def add_columns(self, **columns: _Column) -> None: ...
    def add_tables(
        self,
        journeys: _ArrowTable,
        visits: _ArrowTable,
        touchpoints: _ArrowTable,
        needs: _ArrowTable | None = None,
    ) -> None: ...
    def merge(self, other: MapAccumulator) -> None: ...
    def finish(
        self,
        *,
        sentiment_below: float = ...,
        dwell_spread: float = ...,
        drop_rate: float = ...,
        min_samples: int = ...,
    ) -> JourneyMap: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> MapAccumulator: ...
    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_bytes(data: bytes) -> MapAccumulator: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...

def compare_quotes(
    quotes: list[Quote] | list[dict[str, Any]],
    fx: FxTable,
    currency: str | Currency,
    *,
    as_of: datetime.date | None = ...,
    include_optional: bool = ...,
    rounding: _RoundingMode = ...,
    now: datetime.datetime | None = ...,
    max_age_hours: int | None = ...,
    stale: _StalePolicy = ...,
) -> Comparison: ...
def estimate_trip(
    quote: Quote | dict[str, Any],
    travel: list[LineItem] | list[dict[str, Any]] | None,
    fx: FxTable,
    currency: str | Currency,
    *,
    rounding: _RoundingMode = ...,
    now: datetime.datetime | None = ...,
    max_age_hours: int | None = ...,
    stale: _StalePolicy = ...,
) -> TripEstimate: ...
def adjudicate(
    estimate: TripEstimate | dict[str, Any], policy: InsurancePolicy | dict[str, Any]
) -> Adjudication: ...
def budget_fit(
    total: Money,
    budget: Money,
    fx: FxTable,
    *,
    rounding: _RoundingMode = ...,
    now: datetime.datetime | None = ...,
    max_age_hours: int | None = ...,
    stale: _StalePolicy = ...,
) -> BudgetFit: ...
def categories() -> list[_Category]: ...
def journey_map(
    journeys: list[Journey] | list[dict[str, Any]],
    *,
    sentiment_below: float = ...,
    dwell_spread: float = ...,
    drop_rate: float = ...,
    min_samples: int = ...,
) -> JourneyMap: ...
def journey_map_columns(
    *,
    sentiment_below: float = ...,
    dwell_spread: float = ...,
    drop_rate: float = ...,
    min_samples: int = ...,
    **columns: _Column,
) -> JourneyMap: ...
def journey_map_tables(
    journeys: _ArrowTable,
    visits: _ArrowTable,
    touchpoints: _ArrowTable,
    needs: _ArrowTable | None = None,
    *,
    sentiment_below: float = ...,
    dwell_spread: float = ...,
    drop_rate: float = ...,
    min_samples: int = ...,
) -> JourneyMap: ...
def journey_tables(
    journeys: list[Journey] | list[dict[str, Any]],
) -> tuple[ArrowTable, ArrowTable, ArrowTable, ArrowTable]: ...
def journey_columns(journeys: list[Journey] | list[dict[str, Any]]) -> dict[str, npt.NDArray[Any]]: ...
def partitions_alike(counts: list[int]) -> int: ...
def merge_tree(parts: int, split_every: int) -> list[list[tuple[int, int]]]: ...
def journeys_from_json(text: str) -> list[Journey]: ...
def journeys_to_json(journeys: list[Journey] | list[dict[str, Any]]) -> str: ...
def enum_values() -> dict[str, list[str]]: ...
def local_instant(local: datetime.datetime, zone: str) -> datetime.datetime: ...

@final
class Catalog:
    @staticmethod
    def from_dicts(providers: list[Provider] | list[dict[str, Any]]) -> Catalog: ...
    @staticmethod
    def from_dict(d: dict[str, Any] | list[dict[str, Any]]) -> Catalog: ...
    @staticmethod
    def from_json(text: str) -> Catalog: ...
    def to_dict(self) -> Any: ...
    def to_json(self) -> str: ...
    providers: Final[list[Provider]]
    def get(self, id: str) -> Provider | None: ...
    def procedures(self) -> list[str]: ...
    def __len__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def to_fhir(self) -> _FhirBundle: ...
    def to_fhir_json(self) -> str: ...
    @staticmethod
    def from_fhir(bundle: _FhirBundle | str) -> Catalog: ...

_Matrix = npt.ArrayLike
_Normalization = Literal["min_max", "vector"]

def rank(
    catalog: Catalog | dict[str, Any],
    request: Request | dict[str, Any],
    *,
    method: _Method = ...,
    top_k: int | None = ...,
    max_exclusions: int | None = ...,
    fx: FxTable = ...,
    prior_reviews: float = ...,
    prior_cases: float = ...,
    normalization: _Normalization = ...,
) -> Ranking: ...
def topsis(
    matrix: _Matrix, weights: npt.ArrayLike, types: npt.ArrayLike, normalization: _Normalization | None = None
) -> npt.NDArray[np.float64]: ...
def weighted_sum(
    matrix: _Matrix, weights: npt.ArrayLike, types: npt.ArrayLike, normalization: _Normalization | None = None
) -> npt.NDArray[np.float64]: ...
def weighted_rating(mean: float, votes: float, prior_votes: float, prior_mean: float) -> float: ...
def wilson_lower_bound(successes: int, n: int, z: float | None = None) -> float: ...
def dirichlet_star_score(counts: list[int] | tuple[int, int, int, int, int], z: float | None = None) -> float: ...
def criteria() -> list[_Criterion]: ...

# ---- healthcare knowledge: procedure guides and the jargon decoder ----------------------

@final
class Source(_Record):
    title: Final[str]
    url: Final[str]
    publisher: Final[str]

@final
class DayRange(_Record):
    min: Final[int]
    max: Final[int]

@final
class HospitalNights(_Record):
    min: Final[int]
    max: Final[int]
    source: Final[_NightsSource]

@final
class FollowUp(_Record):
    after_days: Final[int]
    kind: Final[_FollowUpKind]
    purpose: Final[str]

@final
class CompanionAdvice(_Record):
    advised: Final[bool]
    why: Final[str]

@final
class Milestone(_Record):
    after_days: Final[int]
    milestone: Final[str]

@final
class Benchmark(_Record):
    kind: Final[_BenchmarkKind]
    measure: Final[str]
    rate: Final[float]
    cases: Final[int | None]
    horizon_days: Final[int | None]
    source: Final[Source]

@final
class FitToFly(_Record):
    category: Final[str]
    min_days: Final[int]
    advised_days: Final[int | None]
    source: Final[str]

@final
class ProcedureGuide(_Record):
    code: Final[str]
    plain_name: Final[str]
    aliases: Final[list[str]]
    explanation: Final[str]
    anesthesia: Final[str]
    days_before_procedure: Final[DayRange]
    hospital_nights: Final[DayRange]
    fit_to_fly_category: Final[str]
    fit_to_fly: Final[FitToFly | None]
    days_near_clinic: Final[DayRange]
    follow_up: Final[list[FollowUp]]
    documents: Final[list[str]]
    companion: Final[CompanionAdvice]
    milestones: Final[list[Milestone]]
    warning_signs: Final[list[str]]
    sources: Final[list[Source]]
    benchmarks: Final[list[Benchmark]]
    def return_visits(self) -> list[FollowUp]: ...

@final
class GuideBook(_Record):
    guides: Final[list[ProcedureGuide]]
    fit_to_fly: Final[list[FitToFly]]
    overrides: Final[list[ProcedureGuide]]
    fit_to_fly_overrides: Final[list[FitToFly]]
    def __new__(cls) -> GuideBook: ...
    def guide(self, code: str) -> ProcedureGuide: ...
    def guides_in_force(self) -> list[ProcedureGuide]: ...
    def fit_to_fly_rule(self, category: str) -> FitToFly | None: ...
    def override_guide(self, guide: ProcedureGuide | dict[str, Any]) -> None: ...
    def override_fit_to_fly(self, rule: FitToFly | dict[str, Any]) -> None: ...
    def missing_for(self, catalog: Catalog | dict[str, Any]) -> list[str]: ...

@final
class GlossaryEntry(_Record):
    term: Final[str]
    spellings: Final[list[str]]
    category: Final[_TermCategory]
    meaning: Final[str]
    source: Final[Source]

@final
class WordRoot(_Record):
    part: Final[str]
    meaning: Final[str]
    source: Final[Source]

@final
class WordSuffix(_Record):
    part: Final[str]
    meaning: Final[str]
    template: Final[str]
    source: Final[Source]

@final
class TermMatch(_Record):
    term: Final[str]
    text: Final[str]
    start: Final[int]
    end: Final[int]
    meaning: Final[str]
    composed: Final[bool]
    category: Final[_TermCategory | None]
    sources: Final[list[Source]]

@final
class Glossary:
    def __new__(cls) -> Glossary: ...
    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Glossary: ...
    @classmethod
    def from_json(cls, text: str) -> Glossary: ...
    def to_dict(self) -> Any: ...
    def to_json(self) -> str: ...
    entries: Final[list[GlossaryEntry]]
    roots: Final[list[WordRoot]]
    suffixes: Final[list[WordSuffix]]
    def extend(self, other: Glossary | dict[str, Any]) -> None: ...
    def lookup(self, term: str) -> GlossaryEntry | None: ...
    def __eq__(self, other: object, /) -> bool: ...

def procedure_guide(code: str) -> ProcedureGuide: ...
def procedure_guides() -> list[ProcedureGuide]: ...
def procedures_without_guide(catalog: Catalog | dict[str, Any]) -> list[str]: ...
def explain(text: str, glossary: Glossary | dict[str, Any] | None = None) -> list[TermMatch]: ...
def estimate_trip_with_guides(
    quote: Quote | dict[str, Any],
    travel: list[LineItem] | list[dict[str, Any]] | None,
    fx: FxTable,
    currency: str | Currency,
    guides: GuideBook | dict[str, Any] | None = None,
    *,
    rounding: _RoundingMode = ...,
    now: datetime.datetime | None = ...,
    max_age_hours: int | None = ...,
    stale: _StalePolicy = ...,
) -> TripEstimate: ...

# ---- trip planning, telehealth times, refunds -------------------------------------------

@final
class Remedy(_Record):
    text: Final[str]
    action: Final[_RemedyAction]
    kind: Final[str]

@final
class WorkingHours(_Record):
    start: Final[datetime.time]
    end: Final[datetime.time]

@final
class Patient(_Record):
    id: Final[str]
    home_city: Final[str]
    home_country: Final[str]
    time_zone: Final[str]
    home_airport: Final[str]
    nationality: Final[str]
    passport_expires: Final[datetime.date | None]
    currency: Final[str]
    needs: Final[list[_Amenity]]
    companions: Final[list[Companion]]
    call_hours: Final[WorkingHours]
    call_days: Final[list[_DayOfWeek] | None]

@final
class Preferences(_Record):
    leisure_days: Final[int]
    nightly_budget: Final[Money | None]

@final
class PlanRequest(_Record):
    as_of: Final[datetime.date]
    patient: Final[Patient]
    catalog: Final[Catalog]
    provider_id: Final[str]
    procedure: Final[str]
    earliest_departure: Final[datetime.date]
    latest_return: Final[datetime.date | None]
    preferences: Final[Preferences]
    flight_hours: Final[float | None]
    quote: Final[Quote | None]
    travel: Final[list[LineItem]]
    fx: Final[FxTable]
    clinic_hours: Final[WorkingHours | None]
    coordinator: Final[Contact | None]
    rules: Final[ItineraryRules | None]
    guides: Final[GuideBook | None]

@final
class KeyDates(_Record):
    records_sent: Final[datetime.date]
    records_by: Final[datetime.date]
    consultation: Final[datetime.date]
    visa_opens: Final[datetime.date | None]
    visa_apply: Final[datetime.date | None]
    visa_apply_by: Final[datetime.date | None]
    deposit_due: Final[datetime.date | None]
    balance_due: Final[datetime.date]
    depart: Final[datetime.date]
    arrive: Final[datetime.date]
    pre_op: Final[datetime.date]
    procedure: Final[datetime.date]
    discharge: Final[datetime.date]
    fit_to_fly: Final[datetime.date]
    advised_return: Final[datetime.date]
    fly_home: Final[datetime.date]
    home: Final[datetime.date]

@final
class Reason(_Record):
    item_id: Final[str]
    date: Final[datetime.date]
    text: Final[str]
    deadline: Final[datetime.date | None]

@final
class PlanNote(_Record):
    code: Final[_PlanNoteCode]
    message: Final[str]

@final
class Plan(_Record):
    itinerary: Final[Itinerary]
    estimate: Final[TripEstimate]
    payment_plan: Final[PaymentPlan]
    payments: Final[Schedule]
    refunds: Final[list[RefundStep]]
    key_dates: Final[KeyDates]
    reasons: Final[list[Reason]]
    assumptions: Final[list[str]]
    notes: Final[list[PlanNote]]
    findings: Final[list[Finding]]

@final
class TelehealthSlot(_Record):
    start: Final[datetime.datetime]
    end: Final[datetime.datetime]
    start_a: Final[datetime.datetime]
    end_a: Final[datetime.datetime]
    start_b: Final[datetime.datetime]
    end_b: Final[datetime.datetime]

@final
class RefundWindow(_Record):
    days_before: Final[int]
    percent: Final[decimal.Decimal]

@final
class Refund(_Record):
    cancelled_on: Final[datetime.date]
    days_before: Final[int]
    percent: Final[decimal.Decimal]
    amount: Final[Money]
    retained: Final[Money]
    window: Final[RefundWindow | None]
    changes_on: Final[datetime.date | None]

@final
class RefundStep(_Record):
    from_: Final[datetime.date]
    until: Final[datetime.date | None]
    percent: Final[decimal.Decimal]
    amount: Final[Money]

def plan_trip(request: PlanRequest | dict[str, Any]) -> Plan: ...
def telehealth_slots(
    zone_a: str,
    zone_b: str,
    start: datetime.datetime,
    end: datetime.datetime,
    minutes: int,
    *,
    hours_a: WorkingHours | dict[str, Any] = ...,
    hours_b: WorkingHours | dict[str, Any] = ...,
    days_a: list[_DayOfWeek] | None = ...,
    days_b: list[_DayOfWeek] | None = ...,
    country_a: str | None = ...,
    country_b: str | None = ...,
    step_minutes: int = ...,
    limit: int = ...,
) -> list[TelehealthSlot]: ...
def refund_due(
    terms: DepositTerms | dict[str, Any],
    paid: Money,
    procedure_date: datetime.date,
    cancelled_on: datetime.date,
) -> Refund: ...
