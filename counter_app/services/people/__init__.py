"""Staff accounts, roles and the staffing plan."""
