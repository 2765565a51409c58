# One interface target carries the warning flags for our own code; third-party headers come in as SYSTEM.
add_library(latentlab_warnings INTERFACE)
# -Winvalid-pch: says so when a target cannot use the shared precompiled torch header (and CI's -Werror fails),
# instead of silently compiling torch from source in every file.
target_compile_options(latentlab_warnings INTERFACE -Wall -Wextra -Winvalid-pch)
if(LATENTLAB_WERROR)
  target_compile_options(latentlab_warnings INTERFACE -Werror)
endif()
