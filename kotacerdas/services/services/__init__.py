"""Writes of the public-services module. Each function is one transaction with an audit
record; notifications leave only after commit."""
