"""Search: Danish text analysis, the search document, the whoosh index, near-duplicates."""
