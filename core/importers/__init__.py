"""Readers for last year's report as a document: Word (.docx), PDF, a saved web page, copied text.

Each reader turns its file into ``grid.Block``s (paragraphs and tables with
their spans); ``grid.read_blocks`` does the rest through the workbook
importer's label matcher and narrative logic, so every format is read by the
same rules as an Excel workbook.
"""
