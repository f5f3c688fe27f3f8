"""Writes of the programme app: typed keyword-only ``<entity>_<action>`` functions, each
one transaction with an audit record."""
