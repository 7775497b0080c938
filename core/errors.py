"""The one exception type for input the user gave us that we cannot use.

Its message is one line of Chinese that says what was wrong and where; the
command line prints it and exits 2, the GUI shows it in a dialog.  Nothing
else should reach the user as a traceback.
"""


class InputError(Exception):
    """Input (a file, an argument) that cannot be used; ``str(err)`` is for the user."""


_BREAKS = str.maketrans({"\n": "⏎", "\r": "⏎", "\t": " ", "\x0b": " ", "\x0c": " ",
                         "\x1c": " ", "\x1d": " ", "\x1e": " ", "\x85": " ", "\u2028": " ", "\u2029": " "})


def one_line(text: str) -> str:
    """A message as one line: line breaks inside quoted input are shown as ⏎."""
    return str(text).translate(_BREAKS)


def quoted(value, limit: int = 40) -> str:
    """A stated value quoted in a message: one line, never longer than ``limit``."""
    text = one_line(f"“{value}”" if isinstance(value, str) else repr(value))
    return text if len(text) <= limit else text[:limit - 1] + "…"
