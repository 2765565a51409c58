# LATENTLAB_SANITIZE=address builds everything with AddressSanitizer + UndefinedBehaviorSanitizer,
# LATENTLAB_SANITIZE=thread with ThreadSanitizer (`scripts/test --sanitize [address|thread]` uses its own
# build folder for each). Debian's LibTorch and Qt are not instrumented: ASan still checks every access our
# code makes, and UBSan's vptr check is left out because it needs the type info of uninstrumented libraries.
#
# LATENTLAB_FUZZ (clang only, on by default when clang builds with address) adds libFuzzer's coverage
# instrumentation to every target and builds the fuzz targets in tests/fuzz, so one sanitized build runs both
# the test suite and the fuzzers. The sanitizer runtime provides the coverage hooks for ordinary binaries.
set(LATENTLAB_SANITIZE "" CACHE STRING "Sanitizers for every target: address (ASan + UBSan), thread (TSan), or empty")
set_property(CACHE LATENTLAB_SANITIZE PROPERTY STRINGS "" address thread)

if(LATENTLAB_SANITIZE STREQUAL "address")
  set(_san -fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
elseif(LATENTLAB_SANITIZE STREQUAL "thread")
  set(_san -fsanitize=thread -fno-omit-frame-pointer)
elseif(NOT LATENTLAB_SANITIZE STREQUAL "")
  message(FATAL_ERROR "LATENTLAB_SANITIZE must be address, thread or empty, not '${LATENTLAB_SANITIZE}'")
endif()
if(_san)
  add_compile_options(${_san})
  # target_clones dispatches through an IFUNC resolver that the dynamic loader runs before the sanitizer's
  # runtime is initialised; TSan's instrumented resolver crashes there (core_tests segfaulted at load). The
  # sanitized builds check behaviour, not speed, so they take the baseline loop.
  add_compile_definitions(LATENTLAB_NO_TARGET_CLONES)
  add_link_options(${_san})
  message(STATUS "sanitizers: ${_san}")
endif()

set(_fuzz_default OFF)
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND LATENTLAB_SANITIZE STREQUAL "address")
  set(_fuzz_default ON)
endif()
option(LATENTLAB_FUZZ "Build the libFuzzer targets in tests/fuzz (needs clang and its runtime, libclang-rt-14-dev)" ${_fuzz_default})
if(LATENTLAB_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "LATENTLAB_FUZZ needs clang (configure with -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
  message(STATUS "fuzz targets: on (coverage instrumentation in every target)")
endif()
