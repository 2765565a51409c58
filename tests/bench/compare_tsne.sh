#!/bin/bash
# Side by side on this machine: LatentLab's t-SNE and scikit-learn's TSNE (defaults, init='pca', Debian's
# python3-sklearn) on the same rows of a latent matrix, alternating so both see the same machine state; both
# layouts are scored with sklearn.manifold.trustworthiness (k=10). Report the best of the rounds.
#   tests/bench/compare_tsne.sh LATENTS.npy [BUILD_DIR] [ROUNDS] [ROWS]
# Latents: latentlab-cli train --data /usr/share/datasets/fashion-mnist --epochs 2 --out /tmp/vae.ckpt
#          latentlab-cli encode --model /tmp/vae.ckpt --split all --out /tmp/z.npy
set -euo pipefail
latents=$1
build=${2:-build}
rounds=${3:-3}
rows=${4:-10000}
here=$(cd "$(dirname "$0")" && pwd)
layout=$(mktemp --suffix=.npy)
trap 'rm -f "$layout"' EXIT
for ((r = 1; r <= rounds; r++)); do
  echo "== round $r"
  "$build/tests/bench/bench_tsne" --input "$latents" --rows "$rows" --threads 2 --out "$layout"
  /usr/bin/python3 "$here/sklearn_tsne.py" --input "$latents" --rows "$rows" --other "$layout"
done
