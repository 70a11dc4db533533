"""PyInstaller entry of counter-admin, the console companion in the same folder."""

import sys

from counter_app.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
