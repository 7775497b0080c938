"""Lazily compiled patterns: compiled only for a text with their trigger words, with the same answers."""
import ast
import re
from pathlib import Path

import pytest

from nianbao.core.checks import text, text_claims, text_years
from nianbao.core.lazyre import lazy_re
from nianbao.core.reportfile import read_report
from nianbao.core.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]


def test_a_text_without_the_trigger_words_compiles_nothing():
    pattern = lazy_re(r"(?:无|没有)上一?年度?结转", needs=(("无", "没有"), ("结转",)))
    assert pattern.search("本年度没有新收申请") is None
    assert list(pattern.finditer("无")) == [] and pattern.findall("结转") == []
    assert pattern.sub("X", "全年结转3件") == "全年结转3件"
    assert pattern._compiled is None
    assert pattern.search("本年度无上年度结转申请").group() == "无上年度结转"


@pytest.mark.parametrize("source, triggers", [("复议|诉讼", ("复议", "诉讼")), ("[，,;；]", ("，", ",", ";", "；"))])
def test_plain_words_and_plain_classes_are_their_own_triggers(source, triggers):
    pattern = lazy_re(source)
    assert pattern._needs == (triggers,)
    assert pattern.search("没有") is None and pattern._compiled is None


@pytest.mark.parametrize("source, flags", [(r"a.b", 0), ("ab|", 0), ("xx|yy", re.I), ("[^，]", 0)])
def test_other_patterns_have_no_triggers_of_their_own(source, flags):
    assert lazy_re(source, flags)._needs is None


def _check_patterns():
    found = []
    for module in (text, text_claims, text_years):
        for value in vars(module).values():
            items = value if isinstance(value, tuple) else (value,)
            for item in items:
                item = item[1] if isinstance(item, tuple) and len(item) == 2 else item
                if isinstance(item, lazy_re):
                    found.append(item)
    return found


def _texts():
    """Every narrative text of the samples and every string literal of the text-check tests, and their clauses."""
    texts = []
    for path in sorted(Path(resource_path("samples")).glob("*.nianbao")):
        texts.extend(read_report(str(path)).text.values())
    tree = ast.parse((ROOT / "tests" / "core" / "test_text_checks.py").read_text(encoding="utf-8"))
    texts.extend(n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str))
    clauses = [c for t in texts for c in re.split(r"[。；;，,\n]", t) if c]
    return texts + clauses


def test_every_check_pattern_answers_as_its_compiled_pattern():
    patterns = _check_patterns()
    assert len(patterns) > 40
    texts = _texts()
    gated = 0
    for pattern in patterns:
        compiled = re.compile(*pattern._args)
        for t in texts:
            assert [m.span() for m in pattern.finditer(t)] == [m.span() for m in compiled.finditer(t)], pattern
            mine, theirs = pattern.search(t), compiled.search(t)
            assert (mine and mine.span()) == (theirs and theirs.span()), pattern
            mine, theirs = pattern.match(t), compiled.match(t)
            assert (mine and mine.span()) == (theirs and theirs.span()), pattern
            gated += pattern._cannot_match(t)
    assert gated > 1000      # the triggers do turn texts away
