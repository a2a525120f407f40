"""Benchmarks on synthetic catalogues, beside a peer tool in the same run (not in the wheel)."""
