#!/usr/bin/env bash
# Issue 24's teaching case: an AE, a VAE and a beta-VAE (beta = 4) of the same shape (the default MLP,
# 784-512-512-32) trained 10 epochs each on Fashion-MNIST with latentlab-cli, compared by `latentlab-cli compare`
# (table and report), and their prior samples read by the benchmarks' judge (bench_prior_confidence).
#   tests/bench/teaching_case.sh [OUT_DIR]   (default /tmp/latentlab-teaching; checkpoints there are reused)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${LATENTLAB_BUILD_DIR:-$root/build}"
cli="$build/app/latentlab-cli"
out="${1:-/tmp/latentlab-teaching}"
data=/usr/share/datasets/fashion-mnist
mkdir -p "$out"
train() { # name, extra arguments
  local name="$1"; shift
  [ -f "$out/$name.ckpt" ] || "$cli" train --data "$data" --out "$out/$name.ckpt" --epochs 10 --seed 0 "$@"
}
train ae --model ae
train vae --model vae
train beta4-vae --model beta-vae --beta 4
"$cli" compare --models "$out/ae.ckpt" "$out/vae.ckpt" "$out/beta4-vae.ckpt" --out "$out/report.html" \
  --csv "$out/table.csv"
"$build/tests/bench/bench_prior_confidence" --models "$out/ae.ckpt" "$out/vae.ckpt" "$out/beta4-vae.ckpt" \
  --judge-cache "$out/judge.pt"
