"""The corpus of real published reports (``resources/samples``, transcribed by hand from the portals)
in the forms a clerk or reviewer has them: the portal page, the Word document, the filed PDF, the
text copied from the page.  Each report's departures from the official wording are as printed
(see ``resources/samples`` and the samples README): 规范性文件 without 规章, 先行有效件数, 改进措施.
"""
from __future__ import annotations

from pathlib import Path

from nianbao.core.reportfile import read_report

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
FIXTURES = ROOT / "tests" / "data" / "documents"

_ONLY_NORMATIVE = {"relabel": {"行政规范性文件": "规范性文件"}, "drop_t2": (2,)}
VARIANTS = {
    "luolong-gongxin-2022": {},
    "pingtan-gonganju-2022": {},
    "pingtan-ziranziyuan-2023": {},
    "pingtan-shehuishiye-2023": _ONLY_NORMATIVE,
    "pingtan-haitan-2024": {"relabel": {"行政规范性文件": "规范性文件", "现行有效件数": "先行有效件数",
                                        "五、存在的主要问题及改进情况": "五、存在的主要问题及改进措施"},
                            "drop_t2": (2,)},
}
# The portal styles each page is saved in (pingtan.gov.cn is a TRS site; the others as other CMSs write them).
HTML_STYLES = {"pingtan-gonganju-2022": ("trs", "hanweb"), "pingtan-ziranziyuan-2023": ("trs", "dahan"),
               "pingtan-shehuishiye-2023": ("trs",), "pingtan-haitan-2024": ("trs",),
               "luolong-gongxin-2022": ("hanweb", "dahan")}


def sample(stem: str):
    return read_report(SAMPLES / f"{stem}.nianbao")
