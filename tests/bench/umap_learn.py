#!/usr/bin/python3
"""umap-learn (Debian's umap-learn 0.5.3, its defaults: n_neighbors 15, min_dist 0.1) on the first N rows of a
float32 .npy matrix: time and trustworthiness (k=10). With --other LAYOUT.npy it also scores other layouts
(ours, uwot's) with sklearn's trustworthiness, so every figure comes from the same function. No random_state:
umap-learn then runs its parallel optimiser, its fastest setting.
  /usr/bin/python3 tests/bench/umap_learn.py --input z.npy [--rows 10000] [--other a.npy b.npy] [--skip-fit]
"""
import argparse
import time

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--input", required=True)
parser.add_argument("--rows", type=int, default=0)
parser.add_argument("--other", nargs="*", default=[])
parser.add_argument("--skip-fit", action="store_true", help="only score --other")
parser.add_argument("--no-trust", action="store_true")
parser.add_argument("--out", default="", help="write the layout as a float32 .npy")
args = parser.parse_args()

x = np.load(args.input).astype(np.float32)
if args.rows > 0:
    x = x[: args.rows]


def _version():
    try:
        from importlib.metadata import version

        return version("umap-learn")
    except Exception:
        return "0.5.3"


def trust(layout):
    from sklearn.manifold import trustworthiness

    return trustworthiness(x, layout, n_neighbors=10)


if not args.skip_fit:
    start = time.perf_counter()
    import umap  # the import compiles numba code: counted, as a user pays it on every run

    imported = time.perf_counter() - start
    layout = umap.UMAP(n_components=2).fit_transform(x)
    seconds = time.perf_counter() - start
    line = (
        f"umap-learn {_version()}  UMAP  {x.shape[0]} x {x.shape[1]}  "
        f"{seconds:.2f} s (import {imported:.2f})"
    )
    if not args.no_trust:
        line += f"  trustworthiness(k=10) {trust(layout):.5f}"
    print(line, flush=True)
    if args.out:
        np.save(args.out, layout.astype(np.float32))
for other in args.other:
    print(f"sklearn's trustworthiness(k=10) of {other}: {trust(np.load(other)):.5f}", flush=True)
