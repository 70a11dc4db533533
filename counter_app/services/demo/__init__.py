"""Synthetic demo data for demos and benchmarks."""
