#!/bin/bash
# Side by side on this machine: LatentLab's Trainer (bench_training_epoch) and PyTorch's Python API
# (pytorch_train_epoch.py, the same network layer for layer: both print their parameter counts) training each
# model given on Fashion-MNIST, batch 128, Adam 1e-3, 2 threads, one epoch per process. Every round runs both
# as whole processes, PyTorch first in odd rounds and LatentLab first in even ones, so neither always gets the
# cooler or the warmer machine; the 2048^3 sgemm rate (bench_sgemm_peak) is taken before and after, so a
# machine that changed speed meanwhile shows. Ends with a table per model: medians and min-max over rounds,
# and LatentLab / PyTorch as the ratio of medians with the min-max of the per-round ratios. The reference
# (Debian's python3-torch, python3-numpy) is installed here when missing, not by scripts/run or scripts/test.
#   tests/bench/compare_training_speed.sh [BUILD_DIR] [ROUNDS] [KIND:BACKBONE ...]
# Models default to vae:mlp vae:conv ae:mlp cvae:mlp; kinds vae beta-vae ae cvae hvae vq-vae, backbones mlp conv.
# STEPS=200 trains that many steps per process instead of an epoch (a smoke run); THREADS=1 changes the threads.
set -euo pipefail
build=${1:-build}
rounds=${2:-3}
shift $(($# < 2 ? $# : 2))
models=("$@")
((${#models[@]})) || models=(vae:mlp vae:conv ae:mlp cvae:mlp)
threads=${THREADS:-2}
length=(--epochs 1)
[ -z "${STEPS:-}" ] || length=(--steps "$STEPS")
here=$(cd "$(dirname "$0")" && pwd)
if ! /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null; then
  sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch python3-numpy >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs one process, shows its line and keeps it for the summary.
run() { # name model command...
  local out=$work/$2.$1
  shift 2
  "$@" | tee -a "$out"
}

"$build/tests/bench/bench_sgemm_peak" --threads "$threads" | tee "$work/sgemm"
for model in "${models[@]}"; do
  kind=${model%%:*} backbone=${model#*:}
  args=(--kind "$kind" --backbone "$backbone" --threads "$threads" "${length[@]}")
  for ((r = 1; r <= rounds; r++)); do
    echo "== $kind $backbone, round $r"
    if ((r % 2)); then
      run pytorch "$model" /usr/bin/python3 "$here/pytorch_train_epoch.py" "${args[@]}"
      run latentlab "$model" "$build/tests/bench/bench_training_epoch" "${args[@]}"
    else
      run latentlab "$model" "$build/tests/bench/bench_training_epoch" "${args[@]}"
      run pytorch "$model" /usr/bin/python3 "$here/pytorch_train_epoch.py" "${args[@]}"
    fi
  done
done
"$build/tests/bench/bench_sgemm_peak" --threads "$threads" | tee -a "$work/sgemm"

echo
echo "== summary: samples/s, median (min-max) over $rounds round(s), $threads thread(s); ratio = LatentLab / PyTorch"
cat "$work/sgemm"
/usr/bin/python3 - "$work" "${models[@]}" <<'EOF'
import re, statistics, sys
work, models = sys.argv[1], sys.argv[2:]
def field(line, unit):
    return float(re.search(r"([0-9.]+) " + unit, line).group(1))
print(f"{'model':<14} {'params':>9}  {'LatentLab':>22}  {'PyTorch':>22}  {'ratio':>6} {'(per round)':>13}")
for m in models:
    lines = {w: open(f"{work}/{m}.{w}").read().splitlines() for w in ("latentlab", "pytorch")}
    ours = [field(l, "samples/s") for l in lines["latentlab"]]
    ref = [field(l, "samples/s") for l in lines["pytorch"]]
    params = {field(l, "params") for w in lines for l in lines[w]}
    ratios = [o / p for o, p in zip(ours, ref)]
    span = lambda v: f"{statistics.median(v):7.0f} ({min(v):.0f}-{max(v):.0f})"
    count = f"{params.pop():9.0f}" if len(params) == 1 else "  DIFFER!"
    print(f"{m:<14} {count}  {span(ours):>22}  {span(ref):>22}  {statistics.median(ours) / statistics.median(ref):6.2f}"
          f" ({min(ratios):.2f}-{max(ratios):.2f})")
EOF
