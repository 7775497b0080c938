"""Tolerant matching of the labels real workbooks carry against the official ones in ``FORM``.

Real files vary: half-width and full-width punctuation, spaces and line breaks
inside labels (``商业/企业`` typed as ``商业\\n企业``), ``1、`` for ``1.``, the
instruction in parentheses left out (``（二）部分公开``), a typo
(``先行有效件数``).  Matching therefore works on a *squashed* form of a label —
NFKC-normalised, every space, line break and punctuation mark dropped — and on
its *core*, the squashed label without its numbering (``三、`` ``（一）`` ``1.``).

A label is matched to a row (or column) of the form by its path: the leaf
label must occur in the text, and each of its ancestors (``（三）不予公开`` above
``1.属于国家秘密``) that occurs as well adds to the score and is taken out of
the text first, so that ``其他处理`` never passes for the leaf ``其他``.  The best
score wins; a tie is reported as ambiguous, never resolved by guessing.  Only
when no label contains a leaf is a near match tried (similarity ≥ 0.8, labels
of four characters or more), and the caller says so in an import note.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

from ..values import ZERO_STAND_INS, Invalid, Value, normalize_number_text, parse_value

_NUMBERING = re.compile(
    r"^(?:第?[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]?)")
_REMARK = re.compile(r"[（(][^（()）]*[）)]")
NEAR_ENOUGH = 0.8
MAX_LABEL_CHARS = 60          # longer text in a cell is narrative, not a label


def squash(text: object) -> str:
    """NFKC, then only letters and digits (CJK included): ``（一）予以 公开`` → ``一予以公开``."""
    s = unicodedata.normalize("NFKC", str(text))
    return "".join(ch for ch in s if ch.isalnum())


def core(label: str) -> str:
    """A label without its numbering, squashed: ``（三）不予公开`` → ``不予公开``."""
    s = unicodedata.normalize("NFKC", str(label)).strip()
    s = re.sub(r"\s+", "", s)
    s = _NUMBERING.sub("", s, count=1)
    return squash(s)


def short_core(label: str) -> str:
    """The core without the remark in parentheses: ``（二）部分公开（区分处理的…）`` → ``部分公开``."""
    s = unicodedata.normalize("NFKC", str(label)).strip()
    s = re.sub(r"\s+", "", s)
    s = _NUMBERING.sub("", s, count=1)
    return squash(_REMARK.sub("", s))


def is_label(value: object) -> bool:
    """A cell holding a label: text with a letter in it, not a number, not a stand-in for zero."""
    if not isinstance(value, str):
        return False
    s = value.strip()
    if not s or s in ZERO_STAND_INS or len(s) > MAX_LABEL_CHARS * 2:
        return False
    squashed = squash(s)
    if not squashed or len(squashed) > MAX_LABEL_CHARS:
        return False
    return not normalize_number_text(s).replace(",", "").replace(".", "").isdigit()


def similar(a: str, b: str) -> float:
    """difflib's ratio, with its cheap upper bounds first: most pairs are nowhere near."""
    if not a or not b or 2 * min(len(a), len(b)) / (len(a) + len(b)) < NEAR_ENOUGH:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.quick_ratio() < NEAR_ENOUGH:
        return 0.0
    return matcher.ratio()


@dataclass(frozen=True)
class Candidate:
    key: str
    path: Tuple[str, ...]

    @property
    def leaf_variants(self) -> Tuple[str, ...]:
        full, short = core(self.path[-1]), short_core(self.path[-1])
        return (full, short) if short and short != full else (full,)

    @property
    def ancestors(self) -> Tuple[str, ...]:
        return tuple(c for c in (core(p) for p in self.path[:-1]) if c)


@dataclass(frozen=True)
class Match:
    key: Optional[str]
    score: int = 0
    near: bool = False           # matched by similarity, not containment
    ambiguous: Tuple[str, ...] = ()


class Matcher:
    """Matches label texts against one set of candidates (the rows, or the columns, of a table)."""

    def __init__(self, candidates: Sequence[Candidate], *, exact: bool = False):
        self.candidates = tuple(candidates)
        self.exact = exact       # the whole text must be the leaf (short labels: 规章)
        self._prepared = [(c, c.leaf_variants, c.ancestors) for c in self.candidates]

    def match(self, text: str, last: str = "", near: bool = True) -> Match:
        """``text``: the squashed labels around a row or column; ``last``: its innermost label;
        ``near``: whether to fall back to a near spelling when no label contains a leaf."""
        if not text:
            return Match(None)
        best, best_score, tied = None, 0, []
        for cand, leaves, ancestors in self._prepared:
            rest, score = text, 0
            for anc in ancestors:
                if anc in rest:
                    rest = rest.replace(anc, "", 1)
                    score += len(anc)
            if self.exact:
                # The whole label is the leaf, or its tail (规范性文件 for 行政规范性文件).
                hit = next((v for v in leaves if rest == v or core(rest) == v
                            or (len(rest) >= 4 and v.endswith(rest))), None)
            else:
                hit = next((v for v in leaves if v in rest), None)
            if hit is None:
                continue
            score += len(hit)
            if score > best_score:
                best, best_score, tied = cand, score, []
            elif score == best_score:
                tied.append(cand.key)
        if best is not None:
            if tied:
                return Match(None, best_score, ambiguous=(best.key, *tied))
            return Match(best.key, best_score)
        return self._near(last or text) if near else Match(None)

    def _near(self, text: str) -> Match:
        probe = core(text) if text else ""
        if len(probe) < 4:
            return Match(None)
        scored = sorted(((max(similar(probe, v) for v in leaves), c.key)
                         for c, leaves, _ in self._prepared), reverse=True)
        if scored and scored[0][0] >= NEAR_ENOUGH:
            if len(scored) > 1 and scored[1][0] == scored[0][0]:
                return Match(None, ambiguous=(scored[0][1], scored[1][1]))
            return Match(scored[0][1], near=True)
        return Match(None)


def read_value(kind: str, raw: object) -> Value:
    """A data cell's value as stated: numbers (also typed as text, full-width) become numbers;
    "/", "-", "无" and any other text stay ``Invalid`` for the checks to report; empty is blank."""
    if raw is None:
        return None
    if isinstance(raw, str):
        if not raw.strip():
            return None
        return parse_value(kind, raw)
    if isinstance(raw, bool):
        return Invalid(str(raw))
    if isinstance(raw, (int, float)):
        return parse_value(kind, raw)
    return Invalid(str(raw))


def is_stand_in(value: Value) -> bool:
    return isinstance(value, Invalid) and value.strip() in ZERO_STAND_INS
