"""Language layer: spaCy blank pipelines per language, Voikko for Finnish."""
