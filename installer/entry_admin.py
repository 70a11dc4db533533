"""PyInstaller entry of counter-admin, the console companion in the same folder."""

import multiprocessing
import sys

from counter_app.cli.main import main

if __name__ == "__main__":
    # demo-data makes its rows in a second process; a frozen exe must hand that child over.
    multiprocessing.freeze_support()
    sys.exit(main())
