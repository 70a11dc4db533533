"""Producing documents for the printer from the database, and the print log."""
