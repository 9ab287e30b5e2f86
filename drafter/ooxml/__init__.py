"""The only code that touches OOXML: reading packages, mapping locations, writing."""
