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
# The prefix lives outside the build tree, so that the build tree can be hidden from the installed host below.
if(DEFINED ENV{TMPDIR} AND IS_DIRECTORY "$ENV{TMPDIR}")
  set(tmp "$ENV{TMPDIR}")
else()
  set(tmp "/tmp")
endif()
string(RANDOM LENGTH 8 tag)
set(install_root "${tmp}/factpipe-install-test-${tag}")
file(REMOVE_RECURSE "${install_root}")
set(prefix "${install_root}/prefix")
set(template_build "${WORK_DIR}/template-build")

# 1. Install the build.
# A Debug build's debug information names its compilation folder (DW_AT_comp_dir) by design: installed
# stripped, as a packager would, so that the path checks below look at what the code itself holds.
set(strip)
if(BUILD_TYPE STREQUAL "Debug")
  set(strip --strip)
endif()
step("cmake --install" ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}" ${strip})
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

# 5. Nothing installed holds a path of the build tree (plugins and the default pipeline are found relative to
#    the installed binary), and the host and bundled plugins hold no path of the source tree either.
execute_process(COMMAND grep -rlF "${BUILD_DIR}" "${prefix}" RESULT_VARIABLE rc OUTPUT_VARIABLE files)
if(rc EQUAL 0)
  message(FATAL_ERROR "installed files that hold the build tree's path ${BUILD_DIR}:\n${files}")
elseif(NOT rc EQUAL 1)
  message(FATAL_ERROR "grep failed (${rc}) on ${prefix}")
endif()
file(GLOB product "${prefix}/bin/factpipe" "${prefix}/bin/factpipe-index" "${prefix}/lib/factpipe/plugins/*.so")
# Not in a sanitizer build: GCC 12's ASan and UBSan write each source file's absolute name into the code for
# their reports and ignore -ffile-prefix-map; such a build is for finding bugs, never for installing.
if(SANITIZED)
  message(STATUS "sanitizer build: the source-path check is for product builds only")
else()
  execute_process(COMMAND grep -lF "${SOURCE_DIR}/" ${product} RESULT_VARIABLE rc OUTPUT_VARIABLE files)
  if(rc EQUAL 0)
    message(FATAL_ERROR "installed programs that hold the source tree's path ${SOURCE_DIR}:\n${files}")
  endif()
endif()

# 6. Move the installation and hide the build tree (an empty folder mounted over it, in a private mount
#    namespace of this command only): the moved host still finds its plugins and its default pipeline.
set(moved "${install_root}/moved-prefix")
file(RENAME "${prefix}" "${moved}")
file(MAKE_DIRECTORY "${install_root}/empty")
# The article as well: the build tree (and WORK_DIR in it) is hidden from the moved host.
file(COPY_FILE "${WORK_DIR}/article.txt" "${install_root}/article.txt")
file(WRITE "${install_root}/segment.yaml" "pipeline: segment-only\nstages:\n  - {name: segmenter, plugin: segmenter}\n")
set(hide sh -c "mount --bind \"$1\" \"$2\" && shift 2 && exec \"$@\"" sh "${install_root}/empty" "${BUILD_DIR}")
execute_process(COMMAND unshare -rm ${hide} test ! -e "${BUILD_DIR}/CMakeCache.txt" RESULT_VARIABLE can_hide
                OUTPUT_QUIET ERROR_QUIET)
if(can_hide EQUAL 0)
  set(run_hidden unshare -rm ${hide})
  set(hidden_note "with the build tree hidden")
else()
  # unshare/mount not permitted here (e.g. a container without user namespaces): the moved prefix still shows
  # that nothing is found through a path of the old prefix; the grep above shows none of the build tree.
  message(WARNING "cannot hide the build tree (unshare -rm + mount --bind not permitted): moved prefix only")
  set(run_hidden)
  set(hidden_note "with the build tree in place (not hidden)")
endif()
# The template plugin's folder (FACTPIPE_PLUGIN_PATH, set above) lies in the build tree: not searched from here on.
unset(ENV{FACTPIPE_PLUGIN_PATH})
step("moved factpipe plugins list" ${run_hidden} "${moved}/bin/factpipe" plugins list)
foreach(stage segmenter entities quotes claims crossref)
  string(FIND "${step_out}" "${moved}/lib/factpipe/plugins/factpipe-${stage}.so" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the moved host does not find its ${stage} plugin in ${moved} ${hidden_note}:\n${step_out}")
  endif()
endforeach()
string(FIND "${step_out}" "${BUILD_DIR}" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "the moved host names the build tree:\n${step_out}")
endif()
step("moved factpipe validate (default pipeline)" ${run_hidden} "${moved}/bin/factpipe" validate
     "${moved}/share/factpipe/config/default.yaml")
step("moved factpipe run" ${run_hidden} "${moved}/bin/factpipe" run -q -c "${install_root}/segment.yaml" -o -
     "${install_root}/article.txt")
string(JSON sentences LENGTH "${step_out}" sentences)
if(NOT sentences EQUAL 2)
  message(FATAL_ERROR "the moved host ${hidden_note}: expected 2 sentences, got ${sentences}:\n${step_out}")
endif()
# Without -c the moved host runs its own default pipeline, every bundled stage, from the moved prefix.
step("moved factpipe run, default pipeline" ${run_hidden} "${moved}/bin/factpipe" run -q -o -
     "${install_root}/article.txt")
string(JSON stages LENGTH "${step_out}" provenance stages)
if(stages LESS 5)
  message(FATAL_ERROR "the moved host's default pipeline ran ${stages} stages:\n${step_out}")
endif()
file(REMOVE_RECURSE "${install_root}")
message(STATUS "moved installation ${hidden_note}: plugins, default pipeline and a run work")
