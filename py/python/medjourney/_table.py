"""Table output shared by every table result: pandas frames.

Generic presentation only: rows arrive as dicts of typed values from the core's objects.
The HTML displays (``_repr_html_``, ``to_html()``) are rendered by the core.
"""

from __future__ import annotations

from typing import Any


def to_pandas(rows: list[dict[str, Any]]) -> Any:
    """The rows as a pandas DataFrame; a clear error when pandas is not installed."""
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - exercised in a venv without pandas
        raise ImportError(
            "to_pandas() needs pandas: pip install 'medjourney[pandas]' (or pandas>=2)"
        ) from e
    return pd.DataFrame.from_records(rows)
