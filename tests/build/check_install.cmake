# cmake --install into WORK_DIR/prefix, then run the installed gcmsim from WORK_DIR/elsewhere (no
# scenarios/ there): with no argument it must find the baseline in <prefix>/share/gcmsim, and with
# GCMSIM_DATA pointing at a copy it must use that. With -DPYTHON, the installed Python package must
# import from the prefix and find the same scenarios.
#   cmake -DBINARY_DIR=<build> -DWORK_DIR=<scratch> [-DPYTHON=/usr/bin/python3] -P check_install.cmake
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/elsewhere)
set(prefix ${WORK_DIR}/prefix)

execute_process(COMMAND ${CMAKE_COMMAND} --install ${BINARY_DIR} --prefix ${prefix}
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc})")
endif()
foreach(f bin/gcmsim share/gcmsim/scenarios/gcm-2017-2018.yaml share/gcmsim/scenarios/data/member_states.yaml
          share/gcmsim/scenarios/schema/scenario.schema.json share/gcmsim/scenarios/what-if/extra-round.yaml
          share/gcmsim/web/index.html share/gcmsim/web/studio.js)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()

# The baseline, from a folder that has no scenarios/, one replication, quietly.
execute_process(COMMAND ${prefix}/bin/gcmsim run --quiet -r 1 -o out
                WORKING_DIRECTORY ${WORK_DIR}/elsewhere RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS ${WORK_DIR}/elsewhere/out/timeline.csv)
  message(FATAL_ERROR "installed gcmsim run from another folder failed (${rc}): ${err}")
endif()

# A what-if override named relative to the data folder is found there too.
execute_process(COMMAND ${prefix}/bin/gcmsim validate scenarios/gcm-2017-2018.yaml
                        --override scenarios/what-if/extra-round.yaml
                WORKING_DIRECTORY ${WORK_DIR}/elsewhere RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "installed gcmsim validate with an override failed (${rc}): ${err}")
endif()

# GCMSIM_DATA wins over the installed folder: point it at a copy whose baseline is broken.
file(COPY ${prefix}/share/gcmsim/scenarios DESTINATION ${WORK_DIR}/data)
file(WRITE ${WORK_DIR}/data/scenarios/gcm-2017-2018.yaml "name: [unclosed\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E env GCMSIM_DATA=${WORK_DIR}/data ${prefix}/bin/gcmsim validate scenarios/gcm-2017-2018.yaml
                WORKING_DIRECTORY ${WORK_DIR}/elsewhere RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "data/scenarios/gcm-2017-2018.yaml:")
  message(FATAL_ERROR "GCMSIM_DATA was not used (exit ${rc}): ${err}")
endif()
# The installed Python package imports from the prefix and finds the installed scenarios too.
if(PYTHON)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${prefix}/lib/python3/dist-packages
                          ${PYTHON} -c "import gcmsim; s = gcmsim.load('scenarios/gcm-2017-2018.yaml').validate(); assert s.path.startswith('${prefix}/share/gcmsim/'), s.path; print(s.run(replications=1).timeline.shape)"
                  WORKING_DIRECTORY ${WORK_DIR}/elsewhere RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the installed Python package failed (${rc}): ${err}")
  endif()
endif()
message(STATUS "installed gcmsim found its data from ${WORK_DIR}/elsewhere")
