"""medjourney: the engine behind medical-tourism facilitators' software.

Everything here is implemented in the Rust core (``medjourney._medjourney``); this
package only re-exports it. Every value a getter returns, at any depth, is a Python type:

- amounts, rates and percentages are ``decimal.Decimal``, money is ``Money``, dates are
  ``date``, instants are timezone-aware ``datetime`` in UTC; scores are ``float``;
- enum values are plain snake_case ``str``, typed as ``Literal[...]`` in the stubs; the
  string enums ``Stage``, ``Channel``… list the journey ones and compare equal to them;
- struct-like values are classes (``Rate``, ``Doctor``, ``DurationStats``, ``Traveller``…);
- data-carrying enums are dicts of their JSON shape with snake_case keys and typed values:
  ``Exclusion.reasons`` (``{"code": "over_budget", "price": Money, "budget": Money}``),
  ``Item.details`` (``{"type": "flight", "flight_number": …}``), deposits
  (``{"percent": Decimal}`` or ``{"fixed": Money}``) and intervals (``{"months": 1}``).

Every object has ``to_dict``/``from_dict`` and ``to_json``/``from_json`` in the
documented JSON shape (amounts as strings), so round trips are exact.

Errors are ``MedJourneyError`` subclasses (``ValueError``), one class per kind of error,
each with the core's stable ``.code``; ``ERROR_CODES`` lists every code and
``ERROR_CLASSES`` maps each to its class. Options are keyword arguments named as the core's
option fields in snake_case; an unknown name raises ``ValidationError`` (``unknown_field``).
"""

import sys as _sys

from ._medjourney import *  # noqa: F403  (the compiled core: every class and function)
from ._medjourney import __version__, samples
from ._enums import *  # noqa: F403  (string enums of the journey codes)
from ._stream import journey_map_parquet, journey_map_parts, parquet_parts

# `import medjourney.samples` finds the compiled submodule too.
_sys.modules[__name__ + ".samples"] = samples
