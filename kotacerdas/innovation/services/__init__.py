"""Writes of the innovation module: each function is one transaction with an audit row."""
