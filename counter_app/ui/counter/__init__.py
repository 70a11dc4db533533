"""The counter screen (收件受理): pick the item, enter the applicant, tick the checklist, decide."""
