#!/bin/bash
# Side by side on this machine: LatentLab's UMAP, umap-learn 0.5.3 (Debian's umap-learn) and R's uwot
# (Debian's r-cran-uwot), all at their defaults (15 neighbours, min_dist 0.1, 500 epochs up to 10,000 points,
# 200 above) on the same rows of a latent matrix, in turn within each round so all three see the same machine
# state, each on 2 threads (umap-learn without a random_state, so its optimiser runs in parallel; uwot with
# n_sgd_threads). Every layout is scored with the same trustworthiness (k = 10): scikit-learn's up to 20,000
# rows, LatentLab's exact blocked one above (sklearn's needs the N x N matrix in memory; the two agree, see
# the 10,000-row figures). The references are installed here, not by scripts/run or scripts/test.
#   tests/bench/compare_umap.sh LATENTS.npy [BUILD_DIR] [ROUNDS] [ROWS]
# Latents: latentlab-cli train --data /usr/share/datasets/fashion-mnist --epochs 2 --out /tmp/vae.ckpt
#          latentlab-cli encode --model /tmp/vae.ckpt --split all --out /tmp/z.npy
set -euo pipefail
latents=$1
build=${2:-build}
rounds=${3:-3}
rows=${4:-10000}
here=$(cd "$(dirname "$0")" && pwd)
if ! /usr/bin/python3 -c 'import umap' 2>/dev/null || ! Rscript -e 'library(uwot)' >/dev/null 2>&1; then
  sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q umap-learn r-cran-uwot python3-sklearn >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for ((r = 1; r <= rounds; r++)); do
  echo "== round $r"
  "$build/tests/bench/bench_umap" --input "$latents" --rows "$rows" --threads 2 --no-trust --out "$work/ours.npy"
  /usr/bin/python3 "$here/umap_learn.py" --input "$latents" --rows "$rows" --no-trust --out "$work/umap_learn.npy"
  Rscript "$here/uwot_umap.R" "$latents" "$rows" 2 "$work/uwot.npy"
  if ((rows <= 20000)); then
    /usr/bin/python3 "$here/umap_learn.py" --input "$latents" --rows "$rows" --skip-fit \
      --other "$work/ours.npy" "$work/umap_learn.npy" "$work/uwot.npy"
  else
    "$build/tests/bench/bench_umap" --input "$latents" --rows "$rows" \
      --score "$work/ours.npy" "$work/umap_learn.npy" "$work/uwot.npy"
  fi
done
