#!/usr/bin/python3
"""The first 32 principal components of Fashion-MNIST's 10,000 test images' pixels (scaled to [0, 1]), as a
float32 .npy: realistic 32-d data with many informative dimensions, for compare_tsne.sh beside VAE latents.
  /usr/bin/python3 tests/bench/pixel_pca.py OUT.npy [DATA_DIR]
"""
import gzip
import sys

import numpy as np

out = sys.argv[1]
folder = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/datasets/fashion-mnist"
with gzip.open(f"{folder}/t10k-images-idx3-ubyte.gz", "rb") as f:
    x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float64) / 255.0
x -= x.mean(0)
_, _, vt = np.linalg.svd(x, full_matrices=False)
np.save(out, (x @ vt[:32].T).astype(np.float32))
