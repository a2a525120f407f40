"""Scrapers: read providers' pages and propose changes to `courses/` for review.

Scrapers sit outside the build: `evu scrape SOURCE` merges what a source publishes into the
course files (keeping maintainers' edits, validating before writing) and never touches the
site. `fetch.py` is the one polite HTTP layer, `adapters/` holds one module per source,
`merge.py` the ownership rule, `run.py` the pipeline and `changes.py` the change report.
"""
