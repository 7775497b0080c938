"""Excel out and in: the official table as a workbook, and last year's workbook read back.

* ``export.export_xlsx(report) -> bytes``: one sheet laid out like the official
  template, every data cell carrying a defined name (``names.py``).
* ``read.read_workbook(data, name) -> ImportResult``: an own export is read by
  its defined names; any other workbook (``.xlsx`` or legacy ``.xls``) by its
  labels (``labels.py``, ``locate.py``), after ``safety.py`` has looked at the
  bytes and ``book.py`` has turned them into bounded grids of cell values;
  ``reports.py`` tells apart the reports of a multi-year workbook and picks one.
"""
