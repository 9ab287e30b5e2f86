"""drafter: consistency checks and publication versions for programme drafts."""

__version__ = "0.1.0"
