"""Temporal expressions of one Doc as timeline rows (one pure function)."""
