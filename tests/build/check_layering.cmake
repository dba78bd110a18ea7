# Every quoted #include in the layers' sources names a header its layer may see.
#   cmake -DSOURCE_DIR=<repo> -P check_layering.cmake
# Lower layers never include upper ones: engine < models < output < experiments < serve, bench < cli; inside models/,
# the model itself (models/*, negotiation/, process/) knows nothing of the loader (file formats) or
# the run facade built on top of it. "../" paths are refused so a layer cannot step around its roots.
# The compiler enforces the same through per-layer include roots (cmake/GcmsimLayers.cmake); this
# check also covers headers no translation unit of the layer happens to include yet.
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
    endforeach()
  endforeach()
endforeach()

if(violations)
  message(FATAL_ERROR "layering violations:\n${violations}")
endif()
message(STATUS "layering: every #include respects engine < models < output < experiments < serve, bench < cli")
