# Shared by scripts/run and scripts/test (sourced, not run): installs what is missing from Debian's
# packages, then configures and builds with CMake + Ninja. Nothing is downloaded from anywhere else.

LATENTLAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LATENTLAB_BUILD="${LATENTLAB_BUILD_DIR:-$LATENTLAB_ROOT/build}"

# Every package the project needs from outside. libopenblas0-openmp matters: without it Debian's LibTorch
# falls back to the reference BLAS and trains about 15x slower (see README, "Performance"). libdnnl-dev is
# oneDNN, which Debian's LibTorch already links: the fused training steps' products and convolutions; its CMake
# config asks for OpenCL, whose dev files libdnnl-dev only recommends (ocl-icd-opencl-dev). python3-torch is
# PyTorch's Python API: a test opens our checkpoints with torch.load, and the speed benchmark compares with it.
# qt6-l10n-tools and qt6-tools-dev build the Simplified Chinese translation (lrelease, LinguistTools), and
# fonts-wqy-microhei draws it. python3-sklearn: the t-SNE benchmark (tests/bench/compare_tsne.sh) runs
# scikit-learn's TSNE beside ours. clang and libclang-rt-14-dev: the sanitizer build (`scripts/test --sanitize`)
# compiles with clang so that the same build also makes the libFuzzer targets.
LATENTLAB_PACKAGES=(
  g++ cmake ninja-build ccache pkg-config
  libtorch-dev libopenblas0-openmp libdnnl-dev ocl-icd-opencl-dev
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-qpa-plugins libgl-dev fonts-dejavu-core
  qt6-l10n-tools qt6-tools-dev fonts-wqy-microhei
  zlib1g-dev libstb-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  dataset-fashion-mnist
  xvfb xauth
  python3-torch
  python3-sklearn
  clang libclang-rt-14-dev
)

latentlab_install_packages() {
  local missing=()
  local p
  for p in "${LATENTLAB_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing from Debian: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo="sudo"
    else
      echo "error: missing packages (${missing[*]}) and not root; install them with apt-get as root" >&2
      return 1
    fi
  fi
  $sudo apt-get update -qq || return 1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" || return 1
}

# latentlab_build [TARGET...]: configures (Release, everything on) and builds the given targets, or all.
# Both scripts share one configuration, so switching between them rebuilds nothing.
latentlab_build() {
  local werror=OFF
  # CI turns warnings into errors for our own code.
  [ "${CI:-}" = "true" ] && werror=ON
  # The AddressSanitizer build uses clang: libFuzzer is clang's, so one build runs the suite and the fuzzers.
  local compilers=()
  [ "${LATENTLAB_SANITIZE:-}" = "address" ] && compilers=(-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++)
  echo "==> configuring (Release${LATENTLAB_SANITIZE:+, sanitizer: $LATENTLAB_SANITIZE}) in $LATENTLAB_BUILD"
  cmake -S "$LATENTLAB_ROOT" -B "$LATENTLAB_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release "${compilers[@]}" \
    -DLATENTLAB_WERROR="$werror" -DLATENTLAB_SANITIZE="${LATENTLAB_SANITIZE:-}" \
    -DLATENTLAB_BUILD_GUI="${LATENTLAB_BUILD_GUI:-ON}" -DLATENTLAB_BUILD_BENCH="${LATENTLAB_BUILD_BENCH:-ON}" \
    >/dev/null || return 1
  echo "==> building ${*:-everything}"
  local targets=()
  local t
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build "$LATENTLAB_BUILD" "${targets[@]}" || return 1
}
