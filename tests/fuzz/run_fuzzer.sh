#!/bin/sh
# run_fuzzer.sh FUZZER SEEDS WORK FINDINGS [REGRESSIONS]: one ctest run of a libFuzzer target.
# First replays the checked-in inputs of earlier findings, then fuzzes for LATENTLAB_FUZZ_RUNS executions
# (default 2000: short, for CI; set 100000 or more by hand) from the seed corpus plus what earlier runs in this
# build folder found (WORK). A crash, a sanitizer report, an input that runs past 60 s or makes the process
# exceed 2 GB fails the test and leaves the input in FINDINGS; check it in under tests/fuzz/regressions/.
# The mutations follow LATENTLAB_FUZZ_SEED (default 1), so a CI run repeats the previous one exactly and a red run
# means the change broke something; by hand, LATENTLAB_FUZZ_SEED=0 picks a fresh seed each run to explore further.
set -eu
fuzzer=$1 seeds=$2 work=$3 findings=$4 regressions=${5:-}
runs=${LATENTLAB_FUZZ_RUNS:-2000}
seed=${LATENTLAB_FUZZ_SEED:-1}
# Leak checks off, as in the whole sanitized suite: LibTorch's zip reader leaks its state on every corrupt
# archive (mz_zip_reader_init failing inside PyTorchStreamReader's constructor), which is not ours to fix.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}"
name=$(basename "$fuzzer")
mkdir -p "$work" "$findings"
if [ -n "$regressions" ] && [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
  echo "== replaying $(ls "$regressions" | wc -l) checked-in inputs from $regressions"
  "$fuzzer" -detect_leaks=0 -rss_limit_mb=2048 -timeout=60 "$regressions"/*
fi
echo "== fuzzing $name for $runs executions, seed $seed"
exec "$fuzzer" -runs="$runs" -seed="$seed" -detect_leaks=0 -rss_limit_mb=2048 -timeout=60 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$findings/$name-" "$work" "$seeds"
