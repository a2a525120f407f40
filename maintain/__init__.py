"""Maintainer tools behind `evu fmt`, `evu new`, `evu report` and `evu docs`, and the
rebuilding of the code lists; never imported by the build."""
