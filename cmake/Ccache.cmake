# Use ccache when it is installed. The sloppiness settings let ccache cache translation units that use the
# precompiled torch header (otherwise every PCH user is a miss); the base dir makes paths relative, so a fresh
# clone in another folder (as CI makes) hits the cache too.
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(_ccache_launcher ${CMAKE_COMMAND} -E env
      "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
      "CCACHE_BASEDIR=${CMAKE_SOURCE_DIR}"
      # Three flavours (Release, ASan, TSan), each with a precompiled <torch/torch.h> of a few hundred MB,
      # overflow ccache's default 5 GB and evict each other between CI's legs.
      "CCACHE_MAXSIZE=16G"
      ${CCACHE_PROGRAM})
  set(CMAKE_C_COMPILER_LAUNCHER ${_ccache_launcher})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${_ccache_launcher})
  message(STATUS "ccache: ${CCACHE_PROGRAM}")
endif()
