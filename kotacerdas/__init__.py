"""Kota Cerdas: an open-source smart-city platform for Indonesian regencies."""

__version__ = "0.1.0"
