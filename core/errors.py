"""The one exception type for input the user gave us that we cannot use.

Its message is one line of Chinese that says what was wrong and where; the
command line prints it and exits 2, the GUI shows it in a dialog.  Nothing
else should reach the user as a traceback.
"""


class InputError(Exception):
    """Input (a file, an argument) that cannot be used; ``str(err)`` is for the user."""
