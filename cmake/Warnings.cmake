# One interface target carries the warning flags for our own code; third-party headers come in as SYSTEM.
add_library(latentlab_warnings INTERFACE)
target_compile_options(latentlab_warnings INTERFACE -Wall -Wextra)
if(LATENTLAB_WERROR)
  target_compile_options(latentlab_warnings INTERFACE -Werror)
endif()
