"""Benchmark related courses on a synthetic catalogue: the Danish analysis of every course
(its term weights, as the build makes them with each course's search record) and the
similarity step (TF-IDF matrix and the sparse top-k product over all courses).

    python -m benchmarks.related [--courses 20000] [--offerings 100000]

Wall time of each step in this process; figures go in docs/speed.md, never asserted by tests.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.machine import arguments, machine
from benchmarks.synthetic import write_synthetic
from catalogue.parallel import map_chunks
from catalogue.pipeline import read_catalogue
from catalogue.search import danish
from catalogue.search.document import document
from catalogue.search.related import Similarity, term_weights

TODAY = date(2026, 11, 22)


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__, courses=20_000, offerings=100_000).parse_args(argv)
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "courses"
        write_synthetic(root, args.courses, args.offerings)
        catalogue, _ = read_catalogue(root, TODAY)
    vocabulary = danish.vocabulary()
    courses = list(catalogue.courses.values())

    def analyse(part: list) -> list[tuple[str, dict[str, float]]]:
        return [(c.id, term_weights(document(c, catalogue).text, vocabulary)) for c in part]

    start = time.perf_counter()
    terms = {i: t for part in map_chunks(analyse, courses) for i, t in part}
    analysed = time.perf_counter() - start
    start = time.perf_counter()
    similarity = Similarity(terms)
    matrix = time.perf_counter() - start
    start = time.perf_counter()
    found = similarity.neighbours(5)
    product = time.perf_counter() - start
    shape = similarity.matrix.shape
    print(f"{args.courses} courses, {shape[1]} shared terms, {similarity.matrix.nnz} weights")
    print(f"analysis (all cores)          {analysed:8.2f} s")
    print(f"TF-IDF matrix                 {matrix:8.2f} s")
    print(f"top-5 product (all cores)     {product:8.2f} s")
    print(f"related courses, after analysis {matrix + product:6.2f} s")
    print(f"courses with 5 related        {sum(len(v) == 5 for v in found.values()):8d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
