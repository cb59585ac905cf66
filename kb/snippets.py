"""Highlighted snippets: HTML-escaped text where only our `<mark>` is markup."""

from __future__ import annotations

import html
import re

from kb import measured

WIDTH = measured.value("SNIPPET_WIDTH")
LEAD = measured.value("SNIPPET_LEAD")


def _window(text: str, pattern: re.Pattern, width: int) -> tuple[int, int]:
    found = [(m.start(), m.group(0)) for m in pattern.finditer(text)]
    if not found:
        return 0, min(len(text), width)
    best_start, best_count = 0, -1
    for start, _ in found:
        start = max(0, start - LEAD)
        distinct = {word for pos, word in found if start <= pos < start + width}
        if len(distinct) > best_count:
            best_start, best_count = start, len(distinct)
    return best_start, min(len(text), best_start + width)


def snippet(text: str, marks: set[str], width: int = WIDTH) -> str:
    """Return the passage of `text` that holds most marks, escaped, with marks in `<mark>`."""
    marks = sorted((m for m in marks if m.strip()), key=len, reverse=True)
    if not marks:
        cut = text[:width]
        return html.escape(cut) + ("…" if len(text) > width else "")
    pattern = re.compile("|".join(re.escape(m) for m in marks), re.IGNORECASE)
    start, end = _window(text, pattern, width)
    passage = text[start:end]
    out = ["…" if start > 0 else ""]
    last = 0
    for match in pattern.finditer(passage):
        out.append(html.escape(passage[last:match.start()]))
        out.append("<mark>" + html.escape(match.group(0)) + "</mark>")
        last = match.end()
    out.append(html.escape(passage[last:]))
    out.append("…" if end < len(text) else "")
    return "".join(out)
