"""One rule for what a clerk types or pastes into a cell (core.values.read_entry)."""
from decimal import Decimal

import pytest

from nianbao.core.form import COUNT, MONEY
from nianbao.core.values import read_entry


@pytest.mark.parametrize("text, value, note", [
    ("3", 3, None), ("１２", 12, "已将“１２”填为 12"), ("1,234", 1234, "已将“1,234”填为 1234"),
    ("+5", 5, "已将“+5”填为 5"), (" 7 ", 7, None), ("", None, None), (None, None, None)])
def test_counts_accepted_say_what_was_stored(text, value, note):
    assert read_entry(COUNT, text) == (value, None, note)


@pytest.mark.parametrize("text, says", [("-3", "是负数"), ("3件", "不是非负整数"), ("1.5", "不是非负整数"),
                                        ("abc", "不是非负整数"), ("－３", "是负数"), ("/", "不是非负整数")])
def test_counts_refused_never_made_positive(text, says):
    value, refusal, note = read_entry(COUNT, text)
    assert value is None and note is None
    assert says in refusal and f"“{text.strip()}”" in refusal and refusal.endswith("未填入")


def test_money():
    assert read_entry(MONEY, "12.5") == (Decimal("12.5"), None, None)
    value, refusal, _ = read_entry(MONEY, "-0.5")
    assert value is None and "是负数" in refusal and "万元" in refusal
    assert read_entry(MONEY, "5万元")[1] == "“5万元”不是非负的金额（单位：万元），未填入"
