"""report.html: the QA page a curator opens first. Flagged records come first.

Every value from the PDF is untrusted: pandas' ``to_html`` escapes it, and the page loads
nothing from outside.
"""

from __future__ import annotations

import html

import pandas as pd

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;margin:1em}}table{{border-collapse:collapse;font-size:12px}}
td,th{{border:1px solid #ccc;padding:2px 4px}}tr.flag{{background:#fff3cd}}</style></head>
<body><h1>{title}</h1><p>{summary}</p>{body}</body></html>
"""


def render(source: str, records: pd.DataFrame, pages: list[dict[str, object]]) -> str:
    flagged = records[records["needs_review"].fillna(False)]
    ordered = pd.concat([flagged, records.drop(flagged.index)])
    summary = f"{len(records)} records, {len(flagged)} need review; pages: " + ", ".join(
        f"{p['page']}: {p['class']}" for p in pages
    )
    body = ordered.to_html(index=False, na_rep="", escape=True, classes="records")
    return PAGE.format(title=html.escape(source), summary=html.escape(summary), body=body)
