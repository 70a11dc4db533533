"""Supervision after the counter: complaints, consultations, evaluations and the
bulletin (``bulletin/``)."""
