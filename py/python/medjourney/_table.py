"""Table output shared by every table result: pandas frames and escaped HTML.

Generic presentation only: rows arrive as dicts from the core's objects.
"""

from __future__ import annotations

import html as _html
from typing import Any


def to_pandas(rows: list[dict[str, Any]], title: str = "") -> Any:
    """The rows as a pandas DataFrame; a clear error when pandas is not installed."""
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - exercised in a venv without pandas
        raise ImportError(
            "to_pandas() needs pandas: pip install 'medjourney[pandas]' (or pandas>=2)"
        ) from e
    return pd.DataFrame.from_records(rows)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def html_table(rows: list[dict[str, Any]], title: str = "") -> str:
    """The rows as an HTML table; every header and cell is escaped."""
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    out = ["<table class=\"medjourney\">"]
    if title:
        out.append(f"<caption>{_html.escape(title)}</caption>")
    out.append("<thead><tr>" + "".join(f"<th>{_html.escape(c)}</th>" for c in columns) + "</tr></thead>")
    out.append("<tbody>")
    for row in rows:
        out.append(
            "<tr>" + "".join(f"<td>{_html.escape(_cell(row.get(c)))}</td>" for c in columns) + "</tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


html = html_table  # the name the compiled module calls
