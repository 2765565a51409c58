#!/usr/bin/env bash
# The CUDA check: builds core and latentlab-cli against the LibTorch of a CUDA build of PyTorch for Python,
# trains every model family with --device $DEVICE on Fashion-MNIST's t10k set, evaluates, encodes, samples and
# resumes the checkpoints (on the CPU, as the other commands load them), compares the loss with a CPU run, and
# runs tests/cuda/cuda_smoke.cpp (the CUDA paths the CLI cannot reach). Debian's LibTorch is CPU-only, so
# this runs on a GPU machine by hand; ctest never runs it.
#
# usage: tests/cuda/device_check.sh SOURCE_DIR DATA_DIR OUT_DIR [DEPS_PREFIX]
#   DATA_DIR     holds t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz
#   OUT_DIR      gets the logs and summary.txt (and build/ and work/ unless BUILD_DIR and WORK_DIR say otherwise)
#   DEPS_PREFIX  where the machine lacks them: include/{nlohmann,stb,zlib.h,zconf.h}, lib/libstb.so and
#                share/cmake/nlohmann_json, copied from a Debian machine (/usr/include, /usr/lib/x86_64-linux-gnu,
#                /usr/share/cmake). A checkpoint DEPS_PREFIX/cpu-made.pt, written by a CPU-only build, is
#                resumed on the GPU when present.
# Environment: EPOCHS (2), JOBS (nproc), BUILD_TIMEOUT seconds (420), BUILD_DIR, WORK_DIR, MODELS (model:arch ...).
# A dry run of this script on a CPU-only machine: CLI=path/to/latentlab-cli SMOKE=path/to/cuda_smoke DEVICE=cpu.
set -uo pipefail

SRC=$(realpath "$1")
DATA=$(realpath "$2")
OUT=$(realpath -m "$3")
DEPS=$(realpath -m "${4:-/nonexistent}")
EPOCHS=${EPOCHS:-2}
DEVICE=${DEVICE:-cuda}
CLI=${CLI:-}
SMOKE=${SMOKE:-}
JOBS=${JOBS:-$(nproc)}
BUILD_TIMEOUT=${BUILD_TIMEOUT:-420}
WORK=$(realpath -m "${WORK_DIR:-$OUT/work}")
LOGS=$OUT/logs
mkdir -p "$WORK" "$LOGS"
SUMMARY=$OUT/summary.txt
: >"$SUMMARY"
note() { echo "$*" | tee -a "$SUMMARY"; }

echo "== machine"
nvidia-smi || true
g++ --version | head -1 || true
cmake --version | head -1 || true
nvcc --version | tail -2 || true
if [ -z "$CLI" ]; then
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available(), "cxx11abi", torch.compiled_with_cxx11_abi())'
TORCH_DIR=$(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))')
TORCH_PREFIX=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
ABI=$(python3 -c 'import torch; print(int(torch.compiled_with_cxx11_abi()))')

# Libraries the machine may lack.
ZLIB_INC=/usr/include
[ -f /usr/include/zlib.h ] || ZLIB_INC=$DEPS/include
ZLIB_LIB=$(ls /usr/lib/x86_64-linux-gnu/libz.so /lib/x86_64-linux-gnu/libz.so /usr/lib/x86_64-linux-gnu/libz.so.1 \
  /lib/x86_64-linux-gnu/libz.so.1 /usr/lib64/libz.so.1 2>/dev/null | head -1)
STB_INC=/usr/include/stb
STB_LIB=$(ls /usr/lib/x86_64-linux-gnu/libstb.so 2>/dev/null | head -1)
[ -f $STB_INC/stb_image.h ] || STB_INC=$DEPS/include/stb
[ -n "$STB_LIB" ] || STB_LIB=$DEPS/lib/libstb.so
echo "zlib: $ZLIB_INC $ZLIB_LIB; stb: $STB_INC $STB_LIB"

# 1. The project's own CMake build; 2. where CMake cannot configure or link, the same sources by hand.
BUILD=$(realpath -m "${BUILD_DIR:-$OUT/build}")
CORE_LIB=""
echo "== cmake"
start=$(date +%s)
if cmake -G Ninja -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" \
  -DLATENTLAB_BUILD_GUI=OFF -DLATENTLAB_BUILD_TESTS=OFF -DLATENTLAB_BUILD_BENCH=OFF \
  -DCMAKE_PREFIX_PATH="$TORCH_PREFIX;$DEPS" -DZLIB_INCLUDE_DIR="$ZLIB_INC" -DZLIB_LIBRARY="$ZLIB_LIB" \
  -DSTB_INCLUDE_DIR="$STB_INC" -DSTB_LIBRARY="$STB_LIB" >"$OUT/cmake.log" 2>&1; then
  timeout "$BUILD_TIMEOUT" ninja -C "$BUILD" -k 0 -j "$JOBS" latentlab-cli >"$OUT/build.log" 2>&1
  grep -E "error|FAILED" "$OUT/build.log" | head -100
  [ -x "$BUILD/app/latentlab-cli" ] && CLI=$BUILD/app/latentlab-cli && CORE_LIB=$BUILD/core/liblatentlab_core.a
  note "cmake build: $([ -n "$CLI" ] && echo ok || echo FAILED) in $(($(date +%s) - start)) s"
else
  tail -40 "$OUT/cmake.log"
  note "cmake configure: FAILED (see cmake.log)"
fi

CXXFLAGS=(-std=c++17 -O1 -fPIC -fopenmp -D_GLIBCXX_USE_CXX11_ABI=$ABI -DQT_NO_KEYWORDS -I"$SRC/core" -I"$SRC/app"
  -isystem "$TORCH_DIR/include" -isystem "$TORCH_DIR/include/torch/csrc/api/include" -isystem "$DEPS/include"
)
# -isystem /usr/include would reorder the compiler's own #include_next chain (<cstdlib> then fails).
for dir in "$(dirname "$STB_INC")" "$ZLIB_INC"; do
  [ "$dir" = /usr/include ] || CXXFLAGS+=(-isystem "$dir")
done
LIBS=(-fopenmp -L"$TORCH_DIR/lib" -Wl,--no-as-needed -ltorch_cuda -lc10_cuda -Wl,--as-needed -ltorch -ltorch_cpu -lc10
  "$ZLIB_LIB" "$STB_LIB" -Wl,-rpath,"$TORCH_DIR/lib:$(dirname "$STB_LIB")" -Wl,--allow-shlib-undefined -lpthread)

if [ -z "$CLI" ] && ! grep -q '^FAILED: .*\.o$' "$OUT/build.log" 2>/dev/null; then
  echo "== direct build"
  start=$(date +%s)
  D=$BUILD-direct
  mkdir -p "$D"
  export D SRC
  export CXXFLAGS_STR="${CXXFLAGS[*]}"
  (cd "$SRC" && ls core/*/*.cpp app/cli/*.cpp) | timeout "$BUILD_TIMEOUT" xargs -P "$JOBS" -I{} sh -c \
    'mkdir -p "$D/$(dirname {})" && g++ $CXXFLAGS_STR -include torch/torch.h -c "$SRC/{}" -o "$D/{}.o" 2>"$D/{}.log" || { echo "FAILED: {}"; head -30 "$D/{}.log"; }' \
    | tee "$OUT/direct.log"
  ar rcs "$D/liblatentlab_core.a" "$D"/core/*/*.o &&
    g++ -o "$D/latentlab-cli" "$D"/app/cli/*.o "$D/liblatentlab_core.a" "${LIBS[@]}" 2>&1 | tail -30 | tee -a "$OUT/direct.log"
  [ -x "$D/latentlab-cli" ] && CLI=$D/latentlab-cli && CORE_LIB=$D/liblatentlab_core.a
  note "direct build: $([ -n "$CLI" ] && echo ok || echo FAILED) in $(($(date +%s) - start)) s"
fi
fi # building
[ -n "$CLI" ] || { note "no latentlab-cli: stopping"; exit 1; }

# The smoke program compiles while the CLI trains.
echo "== cuda_smoke: compiling in the background"
[ -n "$SMOKE" ] || (g++ "${CXXFLAGS[@]}" "$SRC/tests/cuda/cuda_smoke.cpp" -o "$WORK/cuda_smoke" "$CORE_LIB" "${LIBS[@]}" \
  >"$OUT/smoke_build.log" 2>&1) &
SMOKE_BUILD=$!

IMAGES=$DATA/t10k-images-idx3-ubyte.gz
# run NAME CMD...: the command's output in NAME.log; one summary line with the time and the last JSON line.
run() {
  local name=$1
  shift
  local t0 t1 rc
  t0=$(date +%s.%N)
  "$@" >"$LOGS/$name.log" 2>&1
  rc=$?
  t1=$(date +%s.%N)
  note "$(printf '%-28s rc=%d %6.1fs  %s' "$name" $rc "$(awk "BEGIN { print $t1 - $t0 }")" "$(grep '^{' "$LOGS/$name.log" | tail -1 | cut -c1-240)")"
  [ $rc -eq 0 ] || tail -5 "$LOGS/$name.log" | tee -a "$SUMMARY"
}
epochs() { # the per-epoch train/validation totals and seconds of a --json training log
  python3 - "$LOGS/$1.log" <<'EOF' | tee -a "$SUMMARY"
import json, sys
last = 0.0
for line in open(sys.argv[1]):
    if not line.startswith("{"):
        continue
    e = json.loads(line)
    if e.get("event") == "epoch":
        print("    epoch %d: train %.2f  val %.2f  %.2f s" % (e["epoch"], e["train"]["total"],
              e.get("validation", {}).get("total", float("nan")), e["elapsed_seconds"] - last))
        last = e["elapsed_seconds"]
EOF
}

note "== CLI: train on cuda, then eval/encode/sample the checkpoint (on the cpu)"
$CLI --help >/dev/null
for spec in ${MODELS:-vae:mlp vae:conv cvae:mlp vqvae:mlp vqvae:conv hvae:mlp ae:mlp beta-vae:conv}; do
  model=${spec%%:*}
  arch=${spec##*:}
  name=$model-$arch
  run "train-$name-$DEVICE" $CLI train --data "$IMAGES" --out "$WORK/$name.pt" --model "$model" --arch "$arch" \
    --epochs "$EPOCHS" --device $DEVICE --threads 8 --json
  epochs "train-$name-$DEVICE"
  run "eval-$name" $CLI eval --model "$WORK/$name.pt" --json
  run "encode-$name" $CLI encode --model "$WORK/$name.pt" --out "$WORK/$name.npy" --json
  run "sample-$name" $CLI sample --model "$WORK/$name.pt" --out "$WORK/$name.png" --n 16 --json
done

note "== CLI: the same on the cpu (loss comparison)"
for spec in vae:mlp ae:mlp; do
  model=${spec%%:*}
  arch=${spec##*:}
  name=$model-$arch
  run "train-$name-cpu" $CLI train --data "$IMAGES" --out "$WORK/$name-cpu.pt" --model "$model" --arch "$arch" \
    --epochs "$EPOCHS" --device cpu --threads 16 --json
  epochs "train-$name-cpu"
done

note "== CLI: resume"
cp "$WORK/vae-mlp.pt" "$WORK/vae-mlp-resume-cpu.pt"
run resume-vae-mlp-cuda $CLI train --resume "$WORK/vae-mlp.pt" --epochs $((EPOCHS + 1)) --device $DEVICE --json
epochs resume-vae-mlp-cuda
run resume-cuda-ckpt-on-cpu $CLI train --resume "$WORK/vae-mlp-resume-cpu.pt" --epochs $((EPOCHS + 1)) --device cpu --threads 16 --json
epochs resume-cuda-ckpt-on-cpu
run resume-conv-cuda $CLI train --resume "$WORK/vae-conv.pt" --epochs $((EPOCHS + 1)) --device $DEVICE --json
if [ -f "$DEPS/cpu-made.pt" ]; then
  cp "$DEPS/cpu-made.pt" "$WORK/cpu-made.pt"
  run resume-cpu-made-on-cuda $CLI train --resume "$WORK/cpu-made.pt" --data "$IMAGES" --epochs 2 --device $DEVICE --json
  run eval-cpu-made $CLI eval --model "$WORK/cpu-made.pt" --data "$IMAGES" --json
fi
# A small checkpoint trained here, for a CPU-only build to load (OUT/small-cuda.pt).
run train-small-cuda $CLI train --data "$IMAGES" --out "$OUT/small-cuda.pt" --model vae --hidden 64 --latent 8 \
  --epochs 1 --device $DEVICE --json

note "== cuda_smoke"
[ -n "$SMOKE" ] || { wait $SMOKE_BUILD; SMOKE=$WORK/cuda_smoke; }
if [ -x "$SMOKE" ]; then
  # shellcheck disable=SC2046
  "$SMOKE" "$IMAGES" "$WORK" $([ "$DEVICE" = cpu ] && echo cpu) 2>&1 | tee "$LOGS/smoke.log" | grep -v "^OK" | tee -a "$SUMMARY"
  note "smoke: $(grep -c '^OK' "$LOGS/smoke.log") ok, $(grep -c '^FAIL' "$LOGS/smoke.log") failed"
else
  head -60 "$OUT/smoke_build.log" | tee -a "$SUMMARY"
  note "smoke: BUILD FAILED"
fi
rm -f "$WORK"/*.pt "$WORK"/*.npy
echo "== summary"
cat "$SUMMARY"
