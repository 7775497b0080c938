"""How an own export labels its cells for the way back: defined names and document properties.

Every data cell of the exported workbook carries a workbook-level defined name
derived from its cell id: ``t3.new.natural`` → ``nb_t3_new_natural``.  Dots are
legal in Excel names, but a name such as ``t3.new`` starts with what Excel and
LibreOffice read as the cell reference ``T3``, and LibreOffice refuses such
names; the ``nb_`` prefix and underscores give names that every spreadsheet
program keeps when it re-saves the file.  The mapping is reversed through a
table built from the form, never by guessing where the dots were (``third_party``
has an underscore of its own); the table is checked to be one-to-one at import.

The narrative texts carry ``nb_text_<key>`` over the rows that hold them.  The
report's metadata travels in custom document properties (``nianbao.*``), which
Excel, WPS and LibreOffice all keep; a value the cells cannot hold exactly (a
money amount with trailing zeros, text that would read back as a number) is kept
there too, as ``nianbao.exact.<cell id>``, and used only while the cell still
shows that value.
"""
from __future__ import annotations

from typing import Dict

from ..form import FORM

PREFIX = "nb_"
TEXT_PREFIX = "nb_text_"

# Custom document properties.
PROP_MARK = "nianbao.format"            # value "nianbao": this workbook is an own export
PROP_VERSION = "nianbao.version"
PROP_TEMPLATE = "nianbao.template"
PROP_YEAR = "nianbao.year"
PROP_AGENCY = "nianbao.agency"
PROP_DATE = "nianbao.date"
PROP_EXACT = "nianbao.exact."           # + cell id
PROP_JOINS = "nianbao.joins."           # + text key: rows that continue the paragraph above
PROP_INDENT = "nianbao.indent"          # the first-line indent each paragraph's first row starts with
INDENT = "\u3000\u3000"                  # that indent: two full-width spaces
MARK_VALUE = "nianbao"
FINDINGS_SHEET = "未解决的校验问题"      # a draft's open findings: never read back as part of the report


def cell_name(cell_id: str) -> str:
    return PREFIX + cell_id.replace(".", "_")


def text_name(text_key: str) -> str:
    return TEXT_PREFIX + text_key


CELL_OF_NAME: Dict[str, str] = {cell_name(cid).lower(): cid for cid in FORM.cells}
TEXT_OF_NAME: Dict[str, str] = {text_name(k).lower(): k for k in FORM.text_keys}
assert len(CELL_OF_NAME) == len(FORM.cells), "cell names must be one-to-one"
