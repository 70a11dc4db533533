"""Counter (综合窗口受理台): the comprehensive-window counter application."""

__version__ = "0.1.0"
