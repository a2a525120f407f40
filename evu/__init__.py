"""The `evu` command line: parses arguments, calls the library, prints its results and errors."""
