# Shared by scripts/run and scripts/test (sourced, not run): installs what is missing from Debian's
# packages, then configures and builds with CMake + Ninja. Nothing is downloaded from anywhere else.

LATENTLAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LATENTLAB_BUILD="${LATENTLAB_BUILD_DIR:-$LATENTLAB_ROOT/build}"

# Every package the build and the app need from outside. libopenblas0-openmp matters: without it Debian's LibTorch
# falls back to the reference BLAS and trains about 15x slower (see README, "Performance"). libdnnl-dev is oneDNN,
# which Debian's LibTorch already links: the fused training steps' products and convolutions; its CMake config
# asks for OpenCL, whose dev files libdnnl-dev only recommends (ocl-icd-opencl-dev). qt6-l10n-tools and
# qt6-tools-dev build the Simplified Chinese translation (lrelease, LinguistTools), and fonts-wqy-microhei draws it;
# qt6-translations-l10n translates Qt's own dialogs (file dialogs, message box buttons) to match.
LATENTLAB_PACKAGES=(
  g++ cmake ninja-build ccache pkg-config
  libtorch-dev libopenblas0-openmp libdnnl-dev ocl-icd-opencl-dev
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-qpa-plugins libgl-dev fonts-dejavu-core
  qt6-l10n-tools qt6-tools-dev fonts-wqy-microhei qt6-translations-l10n
  zlib1g-dev libstb-dev nlohmann-json3-dev
  dataset-fashion-mnist
)
# What only the tests and benchmarks need, installed by scripts/test and never by scripts/run: GoogleTest and
# Google Benchmark; python3-torch (a test opens our checkpoints with torch.load, and the speed benchmark compares
# with PyTorch); python3-sklearn (tests/bench/compare_tsne.sh runs scikit-learn's TSNE beside ours); Xvfb for the
# screenshot tools; clang and libclang-rt-14-dev for the sanitizer build (`scripts/test --sanitize`), which
# compiles with clang so that the same build also makes the libFuzzer targets. The validators of the desktop
# files (desktop-file-utils, appstream, shared-mime-info, libxml2-utils' xmllint) and what `cpack -G DEB` needs to
# find the package's dependencies (dpkg-dev's dpkg-shlibdeps, and file) serve tests/packaging. Chromium opens
# the comparison report in a real browser (tests/cli/test_cli_compare.cpp takes a headless screenshot of it).
# python3-onnx and python3-opencv check the exported models (tests/export): onnx.checker and OpenCV's DNN module
# run every ONNX file LatentLab writes.
LATENTLAB_TEST_PACKAGES=(
  libgtest-dev libgmock-dev libbenchmark-dev
  python3-torch python3-sklearn python3-onnx python3-opencv
  xvfb xauth
  clang libclang-rt-14-dev
  desktop-file-utils appstream shared-mime-info libxml2-utils dpkg-dev file
  chromium
)

# latentlab_install_packages [test]: the app's packages, and with "test" the tests' as well.
latentlab_install_packages() {
  local wanted=("${LATENTLAB_PACKAGES[@]}")
  [ "${1:-}" = "test" ] && wanted+=("${LATENTLAB_TEST_PACKAGES[@]}")
  local missing=()
  local p
  for p in "${wanted[@]}"; do
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
# Both scripts share one configuration, so switching between them rebuilds nothing; the tests are configured
# once GoogleTest is there (scripts/test installs it), so scripts/run on a fresh machine needs none of it.
latentlab_build() {
  local werror=OFF
  local tests=OFF
  dpkg-query -W -f='${Status}' libgtest-dev 2>/dev/null | grep -q "install ok installed" && tests=ON
  # CI turns warnings into errors for our own code.
  [ "${CI:-}" = "true" ] && werror=ON
  # The AddressSanitizer build uses clang: libFuzzer is clang's, so one build runs the suite and the fuzzers.
  local compilers=()
  [ "${LATENTLAB_SANITIZE:-}" = "address" ] && compilers=(-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++)
  echo "==> configuring (Release${LATENTLAB_SANITIZE:+, sanitizer: $LATENTLAB_SANITIZE}) in $LATENTLAB_BUILD"
  cmake -S "$LATENTLAB_ROOT" -B "$LATENTLAB_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release "${compilers[@]}" \
    -DLATENTLAB_WERROR="$werror" -DLATENTLAB_SANITIZE="${LATENTLAB_SANITIZE:-}" \
    -DLATENTLAB_BUILD_GUI="${LATENTLAB_BUILD_GUI:-ON}" -DLATENTLAB_BUILD_TESTS="$tests" \
    -DLATENTLAB_BUILD_BENCH="${LATENTLAB_BUILD_BENCH:-$tests}" \
    >/dev/null || return 1
  echo "==> building ${*:-everything}"
  local targets=()
  local t
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build "$LATENTLAB_BUILD" "${targets[@]}" || return 1
}
