"""Chinese line breaking: the punctuation that may not start a line (避头点).

reportlab's CJK wrapping already refuses to start a line with some closing
punctuation but not with all that Chinese typesetting forbids (，；：％ …).  It
reads the set from a module-level string that ``reportlab.platypus.paragraph``
copies at import, so both copies are extended.
"""
from __future__ import annotations

# Closing punctuation of GB/T 15834 and the full-width forms clerks type.
CANNOT_START = "，。、；：？！）》」』】〕〗〉”’…‥％%,.;:?!)]}·．"
# Opening punctuation, which may not end a line.
CANNOT_END = "（《「『【〔〖〈“‘([{"


def forbid_line_start(extra: str = CANNOT_START) -> None:
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    missing = "".join(ch for ch in dict.fromkeys(extra) if ch not in textsplit.ALL_CANNOT_START)
    if missing:
        textsplit.ALL_CANNOT_START += missing
    if paragraph.ALL_CANNOT_START != textsplit.ALL_CANNOT_START:
        paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START
