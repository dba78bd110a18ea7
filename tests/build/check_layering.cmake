# Every quoted #include in the layers' sources names a header its layer may see.
#   cmake -DSOURCE_DIR=<repo> -P check_layering.cmake
# Lower layers never include upper ones: engine < models < output < experiments < serve, bench < cli; inside models/,
# the model itself (models/*, negotiation/, process/) knows nothing of the loader (file formats) or
# the run facade built on top of it. "../" paths are refused so a layer cannot step around its roots.
# The compiler enforces the same through per-layer include roots (cmake/GcmsimLayers.cmake); this
# check also covers headers no translation unit of the layer happens to include yet.
# Inside each layer with sub-folders (models/, serve/, experiments/), the rooms (the layer's top-level
# files, and each sub-folder with what lies below it: models/loader/, models/setup/, serve/common/,
# serve/classroom/, ...) form no cycle: no two rooms reach each other through their #includes, so
# each can be read, tested and changed knowing only the rooms below it.
cmake_minimum_required(VERSION 3.25)
set(allowed_engine engine)
set(allowed_model engine models)
set(allowed_models engine models gcmsim)
set(allowed_output engine models gcmsim output)
set(allowed_experiments engine models gcmsim output experiments)
set(allowed_serve engine models gcmsim output experiments serve)
set(allowed_bench engine models gcmsim output experiments bench)
set(allowed_cli engine models gcmsim output experiments serve bench cli)

set(violations "")
set(room_edges "")  # "from>to" between rooms of one layer, with an example in example_<from>_<to>

# <layer> for a layer's top-level files, <layer>/<sub> for anything in or below <layer>/<sub>/.
function(layer_room path out_var)
  if(path MATCHES "^([^/]+)/([^/]+)/")
    set(${out_var} "${CMAKE_MATCH_1}/${CMAKE_MATCH_2}" PARENT_SCOPE)
  else()
    string(REGEX REPLACE "/.*" "" layer "${path}")
    set(${out_var} "${layer}" PARENT_SCOPE)
  endif()
endfunction()

foreach(layer engine models output experiments serve bench cli)
  file(GLOB_RECURSE files RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/${layer}/*.hpp ${SOURCE_DIR}/${layer}/*.cpp
       ${SOURCE_DIR}/${layer}/*.in)
  foreach(f ${files})
    set(allowed ${allowed_${layer}})
    set(model_core FALSE)
    if(f MATCHES "^models/" AND NOT f MATCHES "^models/(loader|run)/")
      set(allowed ${allowed_model})
      set(model_core TRUE)
    endif()
    file(STRINGS ${SOURCE_DIR}/${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line ${lines})
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]*)\".*" "\\1" header "${line}")
      if(header MATCHES "^\\.\\./")
        string(APPEND violations "  ${f}: #include \"${header}\" steps out of its folder\n")
        continue()
      endif()
      if(NOT header MATCHES "/")
        continue()  # a header beside the file, in the same layer
      endif()
      string(REGEX REPLACE "/.*" "" top "${header}")
      if(NOT top IN_LIST allowed)
        string(REPLACE ";" "/, " readable "${allowed}")
        string(APPEND violations "  ${f}: #include \"${header}\": ${layer}/ may include only ${readable}/\n")
      elseif(model_core AND header MATCHES "^models/(loader|run)/")
        string(APPEND violations "  ${f}: #include \"${header}\": the model knows nothing of the loader or the run facade\n")
      endif()
      if(top STREQUAL layer)
        layer_room("${f}" from)
        layer_room("${header}" to)
        string(MAKE_C_IDENTIFIER "${from}_${to}" key)
        if(NOT from STREQUAL to AND NOT DEFINED example_${key})
          list(APPEND room_edges "${from}>${to}")
          set(example_${key} "${f} includes \"${header}\"")
        endif()
      endif()
    endforeach()
  endforeach()
endforeach()

# A folder cycle: an edge from a room to one that reaches it back.
function(rooms_reached start out_var)
  set(reached "")
  set(frontier "${start}")
  while(frontier)
    set(next "")
    foreach(edge ${room_edges})
      string(REPLACE ">" ";" ends "${edge}")
      list(GET ends 0 a)
      list(GET ends 1 b)
      if(a IN_LIST frontier AND NOT b IN_LIST reached)
        list(APPEND reached "${b}")
        list(APPEND next "${b}")
      endif()
    endforeach()
    set(frontier "${next}")
  endwhile()
  set(${out_var} "${reached}" PARENT_SCOPE)
endfunction()
foreach(edge ${room_edges})
  string(REPLACE ">" ";" ends "${edge}")
  list(GET ends 0 a)
  list(GET ends 1 b)
  rooms_reached("${b}" back)
  if(a IN_LIST back)
    string(MAKE_C_IDENTIFIER "${a}_${b}" key)
    string(APPEND violations "  folder cycle: ${a}/ -> ${b}/ (${example_${key}}), and ${b}/ reaches ${a}/ back\n")
  endif()
endforeach()

if(violations)
  message(FATAL_ERROR "layering violations:\n${violations}")
endif()
message(STATUS "layering: every #include respects engine < models < output < experiments < serve, bench < cli; no folder cycle inside a layer")
