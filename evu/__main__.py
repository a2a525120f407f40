"""`python -m evu`: the `evu` command."""

from evu.cli import main

raise SystemExit(main())
