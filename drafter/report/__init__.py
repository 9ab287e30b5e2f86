"""Report writers: terminal text, JSON, self-contained HTML, Word comments."""
