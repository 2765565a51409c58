#!/bin/bash
# Side by side on this machine: LatentLab's Trainer and PyTorch's Python API training the same MLP VAE on
# Fashion-MNIST (batch 128, 2 threads), alternating so both see the same machine state. Needs python3-torch.
#   tests/bench/compare_training_speed.sh [BUILD_DIR] [ROUNDS]
set -euo pipefail
build=${1:-build}
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
for ((r = 1; r <= rounds; r++)); do
  /usr/bin/python3 "$here/pytorch_vae_epoch.py" --threads 2
  "$build/tests/bench/bench_training_epoch" --threads 2
done
