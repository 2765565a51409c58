# The arrows between the layers (../shared/DESIGN.md), checked on every source file under ROOT:
#   core/     includes no Qt header and nothing from ui/ or app/;
#   app/cli/  includes nothing from ui/ and no Qt header (the CLI links core only);
#   ui/       reaches models only through the interface (latent_model.h, model_config.h, make_model.h,
#             model_snapshot.h), never a family's own header; it includes nothing from app/;
#   every quoted include names its file from the repository root (no "dataset.h" found beside the includer).
# Run as `cmake -DROOT=<tree> -P check_layers.cmake`; prints one line per broken rule and fails when any is.
cmake_minimum_required(VERSION 3.25)
if(NOT ROOT)
  message(FATAL_ERROR "check_layers.cmake: pass -DROOT=<source tree>")
endif()

set(_allowed_models latent_model.h model_config.h make_model.h model_snapshot.h)
set(_broken 0)

function(_report file line what)
  file(RELATIVE_PATH _rel "${ROOT}" "${file}")
  message("${_rel}: ${line}: ${what}")
  math(EXPR _n "${_broken} + 1")
  set(_broken ${_n} PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE _sources RELATIVE "${ROOT}"
  "${ROOT}/core/*.h" "${ROOT}/core/*.cpp" "${ROOT}/ui/*.h" "${ROOT}/ui/*.cpp"
  "${ROOT}/app/*.h" "${ROOT}/app/*.cpp" "${ROOT}/tests/*.h" "${ROOT}/tests/*.cpp")
foreach(_src IN LISTS _sources)
  if(_src MATCHES "^tests/layers/fixture")
    continue() # the deliberately broken tree the check is tested on
  endif()
  set(_file "${ROOT}/${_src}")
  file(STRINGS "${_file}" _includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
  foreach(_inc IN LISTS _includes)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*" "" _name "${_inc}")
    string(SUBSTRING "${_name}" 0 1 _quote)
    string(SUBSTRING "${_name}" 1 -1 _path)
    string(REGEX REPLACE "[>\"].*$" "" _path "${_path}")
    set(_qt FALSE)
    if(_quote STREQUAL "<" AND _path MATCHES "^Q[A-Za-z]*(/|$)")
      set(_qt TRUE)
    endif()
    if(_src MATCHES "^core/")
      if(_qt)
        _report("${_file}" "${_inc}" "core includes a Qt header")
      elseif(_path MATCHES "^(ui|app)/")
        _report("${_file}" "${_inc}" "core includes from a layer above it")
      endif()
    elseif(_src MATCHES "^app/cli/")
      if(_qt)
        _report("${_file}" "${_inc}" "the CLI includes a Qt header")
      elseif(_path MATCHES "^ui/")
        _report("${_file}" "${_inc}" "the CLI includes from ui/ (it links core only)")
      endif()
    elseif(_src MATCHES "^ui/")
      if(_path MATCHES "^core/models/(.*)$")
        if(NOT CMAKE_MATCH_1 IN_LIST _allowed_models)
          _report("${_file}" "${_inc}" "ui reaches into a model's internals (use LatentModel)")
        endif()
      elseif(_path MATCHES "^app/")
        _report("${_file}" "${_inc}" "ui includes from app/")
      endif()
    endif()
    if(_quote STREQUAL "\"" AND NOT _path MATCHES "[.]moc$" AND NOT EXISTS "${ROOT}/${_path}")
      _report("${_file}" "${_inc}" "a quoted include must name its file from the repository root")
    endif()
  endforeach()
endforeach()

list(LENGTH _sources _count)
if(_broken GREATER 0)
  message(FATAL_ERROR "${_broken} include(s) break the layer rules")
endif()
message("layers: ${_count} files, every include keeps the layer rules")
