"""``python -m nianbao``: the same command as the installed ``nianbao``."""
import sys

from nianbao.core.cli import main

if __name__ == "__main__":
    sys.exit(main())
