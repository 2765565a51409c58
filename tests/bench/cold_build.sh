#!/usr/bin/env bash
# A newcomer's first build, measured: a fresh clone of this repository (HEAD, or the commit given), configured as
# scripts/setup.sh configures it, built with ccache off: first what scripts/run builds (the app and the CLI), then
# the rest of what scripts/test builds (tests, benchmarks). Prints the wall seconds of both and the CPU seconds
# Ninja's jobs took (build/.ninja_log), by target. Run it on an otherwise idle machine.
#   tests/bench/cold_build.sh [COMMIT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
commit="${1:-HEAD}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/src"
git -C "$work/src" checkout -q "$commit"
export CCACHE_DISABLE=1
cmake -S "$work/src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
t0=$(date +%s)
cmake --build "$work/build" --target latentlab latentlab-cli >/dev/null
t1=$(date +%s)
cmake --build "$work/build" >/dev/null
t2=$(date +%s)
echo "commit $(git -C "$work/src" rev-parse --short HEAD), $(nproc) cores"
echo "scripts/run's build (latentlab, latentlab-cli): $((t1 - t0)) s"
echo "the rest of scripts/test's build:              $((t2 - t1)) s"
echo "scripts/test's build in all:                   $((t2 - t0)) s"
# Job time by target (both Ninja runs; a job's seconds are wall seconds while it ran, so with more jobs than
# cores they exceed CPU seconds).
awk 'NR > 1 { split($4, p, "/CMakeFiles/"); t = p[1] "/" substr(p[2], 1, index(p[2], ".dir") - 1);
              if (p[2] == "") t = "other"; s[t] += ($2 - $1) / 1000; n[t]++ }
     END { for (k in s) printf "  %-40s %4d jobs %7.1f s\n", k, n[k], s[k] }' "$work/build/.ninja_log" | sort -k4 -n -r
