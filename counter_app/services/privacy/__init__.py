"""Personal data: the access log, disclosure rules, exports and the subject's report."""
