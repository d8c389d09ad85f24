"""Quotes of one Doc as rows (one pure function)."""
