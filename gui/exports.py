"""Which exporters and importers the installed core offers, and calling them lazily.

A menu entry exists only when its module can be imported (``find_spec``), so
nothing is a dead button; the module itself (and openpyxl or reportlab behind
it) is imported only inside the worker, never at start-up.
"""
from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from typing import Callable, Dict, List

from nianbao.core.model import Report


@dataclass(frozen=True)
class Exporter:
    kind: str
    menu_text: str
    module: str
    suffix: str
    file_filter: str
    # (module, report, findings, use the machine's official fonts) → bytes
    produce: Callable[[object, Report, List, bool], bytes]


EXPORTERS: Dict[str, Exporter] = {
    "pdf": Exporter("pdf", "导出 PDF…", "nianbao.core.pdf", ".pdf", "PDF 文件 (*.pdf)",
                    lambda module, report, findings, official: module.export_pdf(
                        report, findings, module.PdfOptions.with_installed_official_fonts() if official else None)),
    "xlsx": Exporter("xlsx", "导出 Excel…", "nianbao.core.xlsx.export", ".xlsx", "Excel 工作簿 (*.xlsx)",
                     lambda module, report, findings, official: module.export_xlsx(report)),
    "docx": Exporter("docx", "导出 Word…", "nianbao.core.publish", ".docx", "Word 文档 (*.docx)",
                     lambda module, report, findings, official: module.export_docx(report, findings)),
    "html": Exporter("html", "导出网页版…", "nianbao.core.publish", ".html", "网页 (*.html)",
                     lambda module, report, findings, official: module.export_html(report, findings).encode("utf-8")),
}
EXCEL_READER = "nianbao.core.xlsx.read"


def module_available(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def excel_import_available() -> bool:
    return module_available(EXCEL_READER)


def available_exporters() -> List[Exporter]:
    return [e for e in EXPORTERS.values() if module_available(e.module)]


def export_bytes(exporter: Exporter, report: Report, findings: List, official_fonts: bool = False) -> bytes:
    """Run an exporter (call on a worker thread: this imports the heavy libraries).

    ``official_fonts``: the PDF uses 仿宋_GB2312, 方正小标宋简体, 黑体 and 楷体_GB2312 where
    this machine has them, instead of the bundled faces.
    """
    module = importlib.import_module(exporter.module)
    return exporter.produce(module, report, findings, official_fonts)
