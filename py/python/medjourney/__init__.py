"""medjourney: the engine behind medical-tourism facilitators' software.

Everything here is implemented in the Rust core (``medjourney._medjourney``); this
package only re-exports it.
"""

from ._medjourney import (
    ArithmeticOverflowError,
    Currency,
    CurrencyError,
    CurrencyMismatchError,
    FxTable,
    MedJourneyError,
    Money,
    ParseError,
    RateError,
    TransitionError,
    UnknownCurrencyError,
    ValidationError,
    __version__,
)
from . import samples

__all__ = [
    "ArithmeticOverflowError",
    "Currency",
    "CurrencyError",
    "CurrencyMismatchError",
    "FxTable",
    "MedJourneyError",
    "Money",
    "ParseError",
    "RateError",
    "TransitionError",
    "UnknownCurrencyError",
    "ValidationError",
    "__version__",
    "samples",
]
