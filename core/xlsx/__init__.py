"""Excel out and in: the official table as a workbook, and last year's workbook read back.

* ``export.export_xlsx(report) -> bytes``: one sheet laid out like the official
  template, every data cell carrying a defined name (``names.py``).
* ``read.read_workbook(data, name) -> ImportResult``: an own export is read by
  its defined names; any other workbook (``.xlsx`` or legacy ``.xls``) by its
  labels (``labels.py``, ``locate.py``), after ``safety.py`` has looked at the
  bytes and ``book.py`` has turned them into bounded grids of cell values;
  ``reports.py`` tells apart the reports of a multi-year workbook and picks one.
"""
import os as _os

# openpyxl writes its XML with lxml when lxml is importable and with the standard library
# otherwise, and the two serialise namespaces differently.  The standard library always: the
# same report gives the same workbook bytes on every machine (the Windows bundle has no lxml).
_os.environ.setdefault("OPENPYXL_LXML", "False")
