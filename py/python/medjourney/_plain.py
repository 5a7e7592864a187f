"""Typed values back to the documented JSON shape, for inputs given as a getter returned them.

Generic conversion only: ``Decimal`` to its text, ``date``/``datetime`` to ISO 8601 /
RFC 3339, and any medjourney object (``Money``, ``Rate``…) to its own ``to_dict()``.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any


def plain(value: Any) -> Any:
    """``value`` with every typed leaf replaced by its JSON-shape form."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if type(value).__module__ == "medjourney" and hasattr(value, "to_dict"):
        return value.to_dict()
    return value
