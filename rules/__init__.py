"""Rule packs, term banks, authority lists and layout profiles (data only)."""
