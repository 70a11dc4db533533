"""PyInstaller entry of counter-app (the package's modules use relative imports)."""

import sys

from counter_app.app import main

if __name__ == "__main__":
    sys.exit(main())
