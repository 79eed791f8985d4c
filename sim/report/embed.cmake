# Embeds the report's assets in a C++ header at build time (cmake -P):
#   cmake -DOUTPUT=assets.hpp -DASSETS="name=file|name=file" -P embed.cmake
# Each file becomes `inline constexpr const char* name = R"gs_asset(...)gs_asset";`
# in namespace gs::report::assets. A file holding the delimiter is an error.
set(text "// Generated from sim/report/assets/ by sim/report/embed.cmake: do not edit.\n")
string(APPEND text "#pragma once\n\nnamespace gs::report::assets {\n\n")
string(REPLACE "|" ";" assets "${ASSETS}")
foreach(asset ${assets})
  string(REPLACE "=" ";" pair "${asset}")
  list(GET pair 0 name)
  list(GET pair 1 file)
  file(READ "${file}" content)
  string(FIND "${content}" ")gs_asset\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw-string delimiter )gs_asset\"")
  endif()
  string(APPEND text "inline constexpr const char* ${name} = R\"gs_asset(${content})gs_asset\";\n\n")
endforeach()
string(APPEND text "}  // namespace gs::report::assets\n")
file(WRITE "${OUTPUT}.tmp" "${text}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
