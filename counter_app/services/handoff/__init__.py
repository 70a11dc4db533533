"""Custody of a file after acceptance: handoff batches, the case's timeline, look-ups,
the custody report."""
