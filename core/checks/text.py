"""Text against the tables (N-* rules) and S-FORMAT — being written; see issue 2."""
from __future__ import annotations

from typing import List

from .findings import Context, Finding


def check_text(ctx: Context) -> List[Finding]:
    return []
