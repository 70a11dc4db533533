"""Supervision pages: the bulletin dashboard, complaints, ratings, staff, training, catalog,
deadlines; the consultation log; the applicant-facing rating screen."""
