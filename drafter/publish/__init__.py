"""Transformations that make the publication version, and their change log."""
