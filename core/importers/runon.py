"""Split the numbers of a table row copied as text with no separator (``121000013``).

A web page copied as text often runs a row's cells together.  The digits are
split by the rules the table itself obeys, never by guessing:

* a number has no leading zero (``0`` itself excepted);
* 表三: each row's 总计 is the sum of its six applicant columns; in every
  column （七）总计 is the sum of the result rows and 一 + 二 = （七）总计 + 四;
* 表四: in each group 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

``row_splits`` lists every split of one row that its own rules allow;
``settle`` then keeps, over the rows of 表三 together, only the combinations
that satisfy the column rules.  A row left with more than one split is
ambiguous: the caller notes its candidates and leaves its cells blank.
"""
from __future__ import annotations

import itertools
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from ..form import FORM, T4_GROUPS

MAX_DIGITS = 40            # a run longer than this is not a row of the report
MAX_CANDIDATES = 200       # splits kept per row
MAX_COMBINATIONS = 20_000  # combinations of ambiguous rows tried against the column rules

Split = Tuple[int, ...]
T3 = FORM.table("t3")
_T3_COLUMNS = [c.key for c in T3.columns]
_RESULT_ROWS = [r.key for r in T3.rows if r.key not in ("new", "carried_in", "results_total", "carried_out")]


def _parts(digits: str, k: int) -> Iterator[Split]:
    """Every way to cut ``digits`` into ``k`` numbers without leading zeros."""
    if k == 1:
        if digits and (digits == "0" or digits[0] != "0"):
            yield (int(digits),)
        return
    longest = 1 if digits[:1] == "0" else len(digits) - k + 1
    for n in range(1, longest + 1):
        for rest in _parts(digits[n:], k - 1):
            yield (int(digits[:n]),) + rest


def _summed(digits: str, groups: int, size: int) -> Iterator[Split]:
    """Cuts into ``groups`` groups of ``size`` numbers whose last number is the sum of the others."""
    if groups == 0:
        if not digits:
            yield ()
        return
    for cut in range(size, len(digits) - (groups - 1) * size + 1):
        for group in _parts(digits[:cut], size):
            if group[-1] == sum(group[:-1]):
                for rest in _summed(digits[cut:], groups - 1, size):
                    yield group + rest


def row_splits(table: str, digits: str, k: int) -> List[Split]:
    """The splits of one row's digits into its ``k`` cells that the row's own rules allow."""
    if len(digits) > MAX_DIGITS or len(digits) < k:
        return []
    if table == "t3" and k == len(_T3_COLUMNS):
        found = _summed(digits, 1, k)
    elif table == "t4" and k == len(T4_GROUPS) * 5:
        found = _summed(digits, len(T4_GROUPS), 5)
    else:
        found = _parts(digits, k)
    return list(itertools.islice(found, MAX_CANDIDATES))


def _column_rules_hold(rows: Dict[str, Split]) -> bool:
    for c in range(len(_T3_COLUMNS)):
        if all(k in rows for k in _RESULT_ROWS + ["results_total"]):
            if sum(rows[k][c] for k in _RESULT_ROWS) != rows["results_total"][c]:
                return False
        if all(k in rows for k in ("new", "carried_in", "results_total", "carried_out")):
            if rows["new"][c] + rows["carried_in"][c] != rows["results_total"][c] + rows["carried_out"][c]:
                return False
    return True


def settle(candidates: Dict[str, List[Split]]) -> Tuple[Dict[str, Split], Dict[str, List[Split]]]:
    """表三's rows: the split of each row that the column rules leave, and the rows still ambiguous."""
    fixed = {k: v[0] for k, v in candidates.items() if len(v) == 1}
    open_rows = [k for k, v in candidates.items() if len(v) > 1]
    if not open_rows:
        return fixed, {}
    total = 1
    for k in open_rows:
        total *= len(candidates[k])
    if total > MAX_COMBINATIONS:
        return fixed, {k: candidates[k] for k in open_rows}
    surviving: List[Dict[str, Split]] = []
    for combo in itertools.product(*(candidates[k] for k in open_rows)):
        rows = dict(fixed)
        rows.update(zip(open_rows, combo))
        if _column_rules_hold(rows):
            surviving.append(dict(zip(open_rows, combo)))
    ambiguous: Dict[str, List[Split]] = {}
    for k in open_rows:
        options = list(dict.fromkeys(s[k] for s in surviving)) if surviving else candidates[k]
        if len(options) == 1:
            fixed[k] = options[0]
        else:
            ambiguous[k] = options
    return fixed, ambiguous


def shown(split: Optional[Sequence[int]]) -> str:
    return "/".join(str(n) for n in split or ())
