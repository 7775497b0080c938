"""What the clerk is told about an exported PDF: draft, missing date, substituted fonts.

One Chinese sentence per note.  The command line prints them on stderr after
writing the file; nothing here changes the PDF itself.
"""
from __future__ import annotations

from typing import List, Sequence

from ..checks.findings import ERROR, Finding
from ..model import Report
from .fonts import BUNDLED_LABEL, ROLES, FontSet
from .official import ROLE_LABEL

def draft_note(findings: Sequence[Finding]) -> str:
    """Why the PDF is a 草稿: how many errors are open."""
    errors = sum(1 for f in findings if f.severity == ERROR)
    return (f"导出的是草稿：报告仍有{errors}项错误（nianbao check 可逐项列出），每页加了“草稿”水印，"
            f"末页列出未解决的问题；改正后重新导出即为正式文件")


def font_notes(requested: bool, official: Sequence[str], fonts: FontSet) -> List[str]:
    """The official faces asked for but missing or unusable, and the faces used instead."""
    if not requested:
        return []
    out = []
    missing = [r for r in ROLES if r not in official]
    if missing:
        out.append("本机没有安装公文字体 " + "、".join(ROLE_LABEL[r] for r in missing) + "，已改用随附字体 "
                   + "、".join(f"{BUNDLED_LABEL[r]}（代替{ROLE_LABEL[r]}）" for r in missing))
    for role, why in fonts.unusable.items():
        out.append(f"本机的公文字体 {ROLE_LABEL[role]} 无法嵌入 PDF（{why}），"
                   f"已改用随附字体 {BUNDLED_LABEL[role]}")
    return out


def export_notes(report: Report, findings: Sequence[Finding], options, fonts: FontSet) -> List[str]:
    out: List[str] = []
    if any(f.severity == ERROR for f in findings):
        out.append(draft_note(findings))
    if report.date is None:
        out.append("报告没有成文日期：落款下没有日期，请在“报告信息”中填写后重新导出")
    return out + font_notes(options.official_requested, list(options.official_fonts), fonts)
