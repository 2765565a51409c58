# One precompiled <torch/torch.h> for the whole build: latentlab_core's. Every other target that compiles torch
# reuses it (REUSE_FROM) instead of precompiling its own copy (~40 s of CPU and a few hundred MB each). That
# needs one set of code-generation flags everywhere, hence PIC for executables too (see the root CMakeLists).
#
#   latentlab_reuse_torch_pch(<target> [ONLY <source>...])
# With ONLY, just those sources get the header; the rest of the target compiles without it, since loading a
# precompiled torch costs a file that never includes torch a few seconds for nothing.
function(latentlab_reuse_torch_pch target)
  cmake_parse_arguments(arg "" "" "ONLY" ${ARGN})
  target_precompile_headers(${target} REUSE_FROM latentlab_core)
  if(arg_ONLY)
    get_target_property(_sources ${target} SOURCES)
    get_target_property(_dir ${target} SOURCE_DIR)
    get_target_property(_bin ${target} BINARY_DIR)
    set_source_files_properties(${_sources} TARGET_DIRECTORY ${target} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
    set_source_files_properties(${arg_ONLY} TARGET_DIRECTORY ${target} PROPERTIES SKIP_PRECOMPILE_HEADERS OFF)
    # moc's output for the target compiles as one generated file, which never needs torch either.
    set_source_files_properties(${_bin}/${target}_autogen/mocs_compilation.cpp TARGET_DIRECTORY ${target}
                                PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
  endif()
endfunction()
