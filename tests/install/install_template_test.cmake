# cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=... -P install_template_test.cmake
cmake_minimum_required(VERSION 3.25)

function(step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(step_out "${out}" PARENT_SCOPE)
  set(step_err "${err}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
set(template_build "${WORK_DIR}/template-build")

# 1. Install the build.
step("cmake --install" ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")
foreach(f bin/factpipe include/factpipe/plugin.hpp lib/cmake/factpipe/factpipeConfig.cmake
          lib/factpipe/plugins/factpipe-segmenter.so share/factpipe/config/default.yaml)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "not installed: ${prefix}/${f}")
  endif()
endforeach()

# 2. Build the template plugin against the installed SDK only.
step("configure the template" ${CMAKE_COMMAND} -S "${SOURCE_DIR}/examples/plugin-template" -B "${template_build}"
     -G "${GENERATOR}" -DCMAKE_BUILD_TYPE=Release "-DCMAKE_PREFIX_PATH=${prefix}")
step("build the template" ${CMAKE_COMMAND} --build "${template_build}")
if(NOT EXISTS "${template_build}/factpipe-wordcount.so")
  message(FATAL_ERROR "the template did not produce factpipe-wordcount.so")
endif()

# 3. The installed host finds its own bundled segmenter (in the prefix, not the build tree) and the template.
set(ENV{FACTPIPE_PLUGIN_PATH} "${template_build}")
step("factpipe plugins list" "${prefix}/bin/factpipe" plugins list)
string(FIND "${step_out}" "${prefix}/lib/factpipe/plugins/factpipe-segmenter.so" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the installed host does not use the installed segmenter:\n${step_out}")
endif()
string(FIND "${step_out}" "${template_build}/factpipe-wordcount.so" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the installed host does not see the template plugin:\n${step_out}")
endif()

# 4. Run segmenter -> wordcount on a small article.
file(WRITE "${WORK_DIR}/article.txt"
  "The council voted on Tuesday. Mayor Ana Ortiz said the harbour bridge would cost 1.2 billion dollars.\n")
step("factpipe validate" "${prefix}/bin/factpipe" validate "${SOURCE_DIR}/examples/plugin-template/pipeline.yaml")
step("factpipe run" "${prefix}/bin/factpipe" run -q -c "${SOURCE_DIR}/examples/plugin-template/pipeline.yaml"
     -o "${WORK_DIR}/article.json" "${WORK_DIR}/article.txt")
file(READ "${WORK_DIR}/article.json" doc)
string(JSON sentences LENGTH "${doc}" sentences)
if(NOT sentences EQUAL 2)
  message(FATAL_ERROR "expected 2 sentences, got ${sentences}:\n${doc}")
endif()
string(JSON first GET "${doc}" sentences 0 extra wordcount)
string(JSON second GET "${doc}" sentences 1 extra wordcount)
string(JSON total GET "${doc}" extra wordcount words)
# "The council voted on Tuesday" = 5 words; the second has 11 words and the number 1.2 (count_numbers).
math(EXPR sum "${first} + ${second}")
if(NOT first EQUAL 5 OR NOT second EQUAL 12 OR NOT total EQUAL sum)
  message(FATAL_ERROR "unexpected word counts: ${first}, ${second}, total ${total}:\n${doc}")
endif()
string(JSON last_stage GET "${doc}" provenance stages 1 plugin)
if(NOT last_stage STREQUAL "wordcount")
  message(FATAL_ERROR "provenance does not name wordcount: ${last_stage}")
endif()
message(STATUS "installed host + out-of-tree template plugin: ${first} and ${second} words, total ${total}")
