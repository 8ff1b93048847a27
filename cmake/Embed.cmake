# qt_embed(<out_cpp> <base_dir> <files...>): compiles files into the binary as
# qt::embedded::files(), named by their path relative to base_dir (a file outside it as
# data/<file name>). Used for the SQL migrations, the config schema and the list of common
# passwords, so a binary always knows exactly which
# migrations it ships.
set(QT_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_script.cmake)
function(qt_embed out_cpp base_dir)
  set(files ${ARGN})
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DBASE=${base_dir} "-DFILES=${files}"
            -P ${QT_EMBED_SCRIPT}
    DEPENDS ${files} ${QT_EMBED_SCRIPT}
    COMMENT "Embedding ${base_dir} files"
    VERBATIM)
endfunction()
