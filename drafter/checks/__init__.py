"""Check kinds (code) that run the rules of rules/ (data) over a programme."""
