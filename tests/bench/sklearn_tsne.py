#!/usr/bin/python3
"""scikit-learn's TSNE (defaults, init='pca') on the first N rows of a float32 .npy matrix: time and
trustworthiness (k=10). With --other LAYOUT.npy it also scores that layout (ours) with sklearn's own
trustworthiness, so both figures come from the same function. Debian's python3-sklearn; run with /usr/bin/python3.
  /usr/bin/python3 tests/bench/sklearn_tsne.py --input z.npy [--rows 10000] [--other layout.npy]
"""
import argparse
import time

import numpy as np
from sklearn import __version__ as sklearn_version
from sklearn.manifold import TSNE, trustworthiness

parser = argparse.ArgumentParser()
parser.add_argument("--input", required=True)
parser.add_argument("--rows", type=int, default=0)
parser.add_argument("--other", default="")
parser.add_argument("--skip-fit", action="store_true", help="only score --other")
args = parser.parse_args()

x = np.load(args.input).astype(np.float32)
if args.rows > 0:
    x = x[: args.rows]
if not args.skip_fit:
    start = time.perf_counter()
    layout = TSNE(n_components=2, init="pca", random_state=0).fit_transform(x)
    seconds = time.perf_counter() - start
    print(
        f"sklearn {sklearn_version}  t-SNE  {x.shape[0]} x {x.shape[1]}  {seconds:.2f} s  "
        f"trustworthiness(k=10) {trustworthiness(x, layout, n_neighbors=10):.5f}",
        flush=True,
    )
if args.other:
    other = np.load(args.other)
    print(f"sklearn's trustworthiness(k=10) of {args.other}: {trustworthiness(x, other, n_neighbors=10):.5f}", flush=True)
