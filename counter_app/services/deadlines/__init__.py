"""Legal time limits: the five-day rule, stopped clocks and extensions, working days and
the holiday calendar."""
