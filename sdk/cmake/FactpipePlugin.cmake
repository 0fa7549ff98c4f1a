# factpipe_add_plugin(NAME SOURCES src... [LIBRARIES lib...] [DATA_DIR dir] [NO_INSTALL])
#
# Builds a factpipe stage plugin as a MODULE library named factpipe-NAME.so, with hidden visibility,
# linked against factpipe::sdk. DATA_DIR (models, word lists) is copied next to it as
# factpipe-NAME.data/, where factpipe::Context::data_dir() finds it, and installed the same way.
# NO_INSTALL keeps a plugin out of `cmake --install` (test fixtures).
# Used by the bundled plugins and by out-of-tree ones alike (after find_package(factpipe)).
function(factpipe_add_plugin name)
  cmake_parse_arguments(ARG "NO_INSTALL" "DATA_DIR" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "factpipe_add_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE factpipe::sdk ${ARG_LIBRARIES})
  if(DEFINED FACTPIPE_PLUGIN_OUTPUT_DIR)
    set(out "${FACTPIPE_PLUGIN_OUTPUT_DIR}")
  else()
    set(out "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  if(DEFINED FACTPIPE_PLUGIN_INSTALL_DIR)
    set(dest "${FACTPIPE_PLUGIN_INSTALL_DIR}")
  else()
    set(dest "lib/factpipe/plugins")
  endif()
  set_target_properties(${name} PROPERTIES
    PREFIX "" OUTPUT_NAME "factpipe-${name}"
    LIBRARY_OUTPUT_DIRECTORY "${out}"
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON
    INSTALL_RPATH "$ORIGIN/../..")
  if(NOT ARG_NO_INSTALL)
    install(TARGETS ${name} LIBRARY DESTINATION "${dest}")
  endif()
  if(ARG_DATA_DIR)
    get_filename_component(data "${ARG_DATA_DIR}" ABSOLUTE)
    # The copy runs after linking: relink when a data file changes, so the build tree never holds stale data.
    file(GLOB_RECURSE data_files CONFIGURE_DEPENDS "${data}/*")
    set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS ${data_files})
    add_custom_command(TARGET ${name} POST_BUILD
      COMMAND ${CMAKE_COMMAND} -E copy_directory "${data}" "${out}/factpipe-${name}.data"
      COMMENT "Copying data of plugin ${name}")
    if(NOT ARG_NO_INSTALL)
      install(DIRECTORY "${data}/" DESTINATION "${dest}/factpipe-${name}.data")
    endif()
  endif()
endfunction()
