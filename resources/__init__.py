"""Data files of the application (fonts, icons, translations, sample reports).

Code finds them through ``core.resources``, never by a path of its own.
"""
