"""EVU-kataloget: the catalogue library (model, loading, validation, derived facts)."""
