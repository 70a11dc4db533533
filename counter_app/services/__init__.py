"""Every rule of the domain as plain Python. No Qt here (a test enforces it)."""
