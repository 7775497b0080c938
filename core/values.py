"""Cell values: what a cell may hold, and how typed or imported text becomes one.

A cell holds ``int`` (a count), ``Decimal`` (the money cell, in 万元), ``None``
(blank: not zero) or ``Invalid`` — text from outside that is not a valid number
("/", "无", "1.5", "5000元").  Invalid values are kept exactly as stated so the
checks can report them and nothing the source said is lost.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Optional, Tuple, Union

from .form import COUNT, MONEY


class Invalid(str):
    """Text stated for a cell that is not a valid value for it, kept verbatim."""

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Invalid({str.__repr__(self)})"


Value = Union[int, Decimal, None, Invalid]

# Full-width digits and punctuation that clerks type with a Chinese input method.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋　", "0123456789.,-+ ")
_COUNT_RE = re.compile(r"[+]?\d{1,3}(,\d{3})+|[+]?\d+")
_MONEY_RE = re.compile(r"[+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|[+]?\.\d+")
# Stand-ins for "nothing" that published tables use instead of 0.
ZERO_STAND_INS = frozenset({"/", "-", "—", "－", "无", "／", "——", "一"})


def normalize_number_text(text: str) -> str:
    return str(text).translate(_FULLWIDTH).strip()


def parse_count(text) -> Value:
    """Typed or imported text → int, None for blank, or Invalid."""
    if text is None:
        return None
    if isinstance(text, bool):
        return Invalid(str(text))
    if isinstance(text, int):
        return text
    if isinstance(text, float):
        return int(text) if text.is_integer() else Invalid(repr(text))
    if isinstance(text, Decimal):
        return int(text) if text == text.to_integral_value() else Invalid(str(text))
    s = normalize_number_text(text)
    if not s:
        return None
    if _COUNT_RE.fullmatch(s):
        return int(s.replace(",", "").lstrip("+"))
    if s.startswith("-") and _COUNT_RE.fullmatch(s[1:]):
        return -int(s[1:].replace(",", ""))
    return Invalid(str(text).strip())


def parse_money(text) -> Value:
    """Typed or imported text → Decimal (万元, exactly as written), None, or Invalid."""
    if text is None:
        return None
    if isinstance(text, bool):
        return Invalid(str(text))
    if isinstance(text, (int, Decimal)):
        return Decimal(text)
    if isinstance(text, float):
        # A spreadsheet stores 0.1 as a binary float; its shortest repr is what was typed.
        return Decimal(repr(text))
    s = normalize_number_text(text)
    if not s:
        return None
    negative = s.startswith("-")
    body = s[1:] if negative else s
    if _MONEY_RE.fullmatch(body):
        try:
            value = Decimal(body.replace(",", "").lstrip("+"))
        except InvalidOperation:  # pragma: no cover - the regex admits only decimals
            return Invalid(str(text).strip())
        return -value if negative else value
    return Invalid(str(text).strip())


def parse_value(kind: str, text) -> Value:
    return parse_money(text) if kind == MONEY else parse_count(text)


def read_entry(kind: str, text) -> Tuple[Value, Optional[str], Optional[str]]:
    """Text a clerk typed or pasted into a cell → (value, refusal, note): one rule for both.

    With a refusal nothing is stored and it says why (a negative number is refused, never
    made positive; "3件" is refused, never read as 3).  Otherwise ``value`` is stored and,
    when it is not literally what was typed (full-width digits, separators, a plus sign,
    leading zeros), ``note`` says plainly what was stored.  Blank text is (None, None, None).
    """
    raw = "" if text is None else str(text).strip()
    value = parse_value(kind, raw)
    if value is None:
        return None, None, None
    need = "非负的金额（单位：万元）" if kind == MONEY else "非负整数"
    if is_valid(kind, value):
        shown = format_value(value)
        return value, None, (None if shown == raw else f"已将“{raw}”填为 {shown}")
    if not isinstance(value, Invalid) and value < 0:
        return None, f"“{raw}”是负数，此格只能填写{need}，未填入", None
    return None, f"“{raw}”不是{need}，未填入", None


def is_valid(kind: str, value: Value) -> bool:
    """A non-negative integer count, or a non-negative decimal amount (blank is not valid)."""
    if kind == COUNT:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return isinstance(value, Decimal) and value.is_finite() and value >= 0


def format_value(value: Value) -> str:
    """How a value is shown: counts as digits, money as entered, blank as empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
