"""Entry point of the frozen application: the same ``nianbao`` command as the installed one."""
import sys

from core.cli import main

if __name__ == "__main__":
    sys.exit(main())
