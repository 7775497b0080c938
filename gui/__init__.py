"""The desktop application (PySide6): one window, one tab per section of the report."""
