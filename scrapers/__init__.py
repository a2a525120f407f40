"""Source adapters that turn provider pages into YAML for review.

Scrapers sit outside the build: they write proposals into `courses/` for maintainers to review
in pull requests and never touch the site. The adapters themselves are not built yet (see the
scrapers issue); until then the catalogue is maintained by hand.
"""
