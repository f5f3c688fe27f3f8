"""Writes. Each function is one transaction that leaves one audit record."""
