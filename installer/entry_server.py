"""PyInstaller entry of counter-server, the hall service, in the same folder."""

import sys

from counter_app.hall.cli import main

if __name__ == "__main__":
    sys.exit(main())
