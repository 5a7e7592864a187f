"""String enums of the coded values (a test checks them against the core's lists)."""

import enum as _enum


class _StrEnum(str, _enum.Enum):
    def __str__(self) -> str:
        return str(self.value)


class Stage(_StrEnum):
    """The seven journey stages, in order; the column code is the position."""

    AWARENESS = "awareness"
    RESEARCH = "research"
    SELECTION = "selection"
    PREPARATION = "preparation"
    TREATMENT = "treatment"
    POST_TREATMENT = "post_treatment"
    FOLLOW_UP = "follow_up"


class Status(_StrEnum):
    """A journey's status."""

    ACTIVE = "active"
    COMPLETED = "completed"
    ABANDONED = "abandoned"
    ON_HOLD = "on_hold"


class Channel(_StrEnum):
    """The channel a touchpoint happened on."""

    PHONE = "phone"
    WHATSAPP = "whatsapp"
    EMAIL = "email"
    SMS = "sms"
    VIDEO_CALL = "video_call"
    TELEMEDICINE = "telemedicine"
    PORTAL = "portal"
    SOCIAL_MEDIA = "social_media"
    IN_PERSON = "in_person"
    CHAT = "chat"


class Party(_StrEnum):
    """Who takes part in a touchpoint."""

    PATIENT = "patient"
    FACILITATOR = "facilitator"
    PROVIDER = "provider"
    INSURER = "insurer"
    FAMILY = "family"
    TRAVEL_VENDOR = "travel_vendor"


class TouchpointKind(_StrEnum):
    """What a touchpoint was about."""

    INQUIRY = "inquiry"
    CONSULTATION = "consultation"
    QUOTE_SENT = "quote_sent"
    RECORDS_TRANSFER = "records_transfer"
    BOOKING = "booking"
    VISA_SUPPORT = "visa_support"
    ADMISSION = "admission"
    TREATMENT_UPDATE = "treatment_update"
    FOLLOW_UP_CALL = "follow_up_call"
    REVIEW = "review"
    COMPLAINT = "complaint"
    OTHER = "other"


class Need(_StrEnum):
    """A patient's need in a stage."""

    RELIABLE_INFORMATION = "reliable_information"
    COST_TRANSPARENCY = "cost_transparency"
    VISA_SUPPORT = "visa_support"
    INTERPRETER = "interpreter"
    DIETARY = "dietary"
    ACCESSIBILITY = "accessibility"
    EMOTIONAL_SUPPORT = "emotional_support"
    CARE_COORDINATION = "care_coordination"
    TRAVEL_LOGISTICS = "travel_logistics"
    MEDICAL_RECORDS = "medical_records"
    AFTERCARE = "aftercare"


class Outcome(_StrEnum):
    """How a touchpoint ended."""

    RESOLVED = "resolved"
    FOLLOW_UP_NEEDED = "follow_up_needed"
    ESCALATED = "escalated"
    NO_RESPONSE = "no_response"


class BackReason(_StrEnum):
    """Why a journey may go back a stage."""

    CLINIC_DECLINED = "clinic_declined"
    QUOTE_EXPIRED = "quote_expired"
    VISA_REFUSED = "visa_refused"
