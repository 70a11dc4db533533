"""The approver desk: sign for handoff batches by scanning, return, decide."""
