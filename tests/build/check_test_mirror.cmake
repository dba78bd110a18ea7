# Every unit test sits in the folder under tests/ that mirrors its source's:
#   cmake -DSOURCE_DIR=<repo> -P check_test_mirror.cmake
# A test named after a source file (tests/models/setup/floor_request_test.cpp for
# models/setup/floor_request.cpp) must be where that source is, so that a test is found from its
# source and a folder of tests covers a folder of code. A test named after no source (a behaviour
# across files: mm1_queue_test.cpp) may stay in its layer's folder. End-to-end tests of the binary
# (tests/cli/, named after commands and features) and of the shipped data (tests/scenarios/) are
# not mirrors of one source and are left out.
cmake_minimum_required(VERSION 3.25)

file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR}
     ${SOURCE_DIR}/engine/*.[ch]pp ${SOURCE_DIR}/models/*.[ch]pp ${SOURCE_DIR}/output/*.[ch]pp
     ${SOURCE_DIR}/experiments/*.[ch]pp ${SOURCE_DIR}/serve/*.[ch]pp ${SOURCE_DIR}/bench/*.[ch]pp
     ${SOURCE_DIR}/cli/*.[ch]pp)
file(GLOB_RECURSE tests RELATIVE ${SOURCE_DIR}/tests ${SOURCE_DIR}/tests/*_test.cpp)

set(violations "")
foreach(t ${tests})
  if(t MATCHES "^(build|cli|scenarios|python|notebooks)/")
    continue()
  endif()
  get_filename_component(folder "${t}" DIRECTORY)
  get_filename_component(file "${t}" NAME)
  string(REGEX REPLACE "_test\\.cpp$" "" name "${file}")
  set(mirror "${name}")
  if(folder)
    set(mirror "${folder}/${name}")
  endif()
  if("${mirror}.cpp" IN_LIST sources OR "${mirror}.hpp" IN_LIST sources)
    continue()
  endif()
  set(elsewhere "")
  foreach(s ${sources})
    get_filename_component(s_name "${s}" NAME_WE)
    if(s_name STREQUAL name)
      get_filename_component(s_folder "${s}" DIRECTORY)
      list(APPEND elsewhere "${s_folder}")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES elsewhere)
  if(elsewhere)
    list(GET elsewhere 0 first)
    string(APPEND violations "  tests/${t}: its source ${name} is in ${first}/: move the test to tests/${first}/\n")
  endif()
endforeach()

if(violations)
  message(FATAL_ERROR "tests that do not mirror their source's folder:\n${violations}")
endif()
message(STATUS "test mirror: every test named after a source sits in the mirror of its source's folder")
