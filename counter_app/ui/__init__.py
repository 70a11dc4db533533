"""Thin Qt widgets over the Qt-free services."""
