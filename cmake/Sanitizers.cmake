# LATENTLAB_SANITIZE=address builds everything with AddressSanitizer + UndefinedBehaviorSanitizer,
# LATENTLAB_SANITIZE=thread with ThreadSanitizer (`scripts/test --sanitize [address|thread]` uses its own
# build folder for each). Debian's LibTorch and Qt are not instrumented: ASan still checks every access our
# code makes, and UBSan's vptr check is left out because it needs the type info of uninstrumented libraries.
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
  add_link_options(${_san})
  message(STATUS "sanitizers: ${_san}")
endif()
