"""``counter-admin``: the command line for what an administrator scripts."""
