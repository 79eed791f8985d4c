# The in-browser model in the main build (included by the top-level
# CMakeLists.txt): when emscripten's emcc is installed (Debian package
# `emscripten`, installed by scripts/setup.sh), wasm/ is configured with its
# toolchain and built as part of the normal build; the report embeds the result
# (sim/report/CMakeLists.txt reads GS_WASM_ENGINE_JS). Debian's emcc runs under
# whatever `node` is first on PATH and needs NODE_PATH to find Debian's acorn.
find_program(GS_EMCC emcc)
set(gs_wasm_default OFF)
if(GS_EMCC)
  set(gs_wasm_default ON)
endif()
option(GS_BUILD_WASM "Build the report's in-browser model with emscripten" ${gs_wasm_default})
set(GS_WASM_ENGINE_JS "")
if(GS_BUILD_WASM)
  if(NOT GS_EMCC)
    message(FATAL_ERROR "GS_BUILD_WASM is on but emcc was not found (apt-get install emscripten)")
  endif()
  get_filename_component(gs_emcc_real ${GS_EMCC} REALPATH)
  get_filename_component(gs_emscripten_root ${gs_emcc_real} DIRECTORY)
  find_file(GS_EMSCRIPTEN_TOOLCHAIN Emscripten.cmake
            HINTS ${gs_emscripten_root}/cmake/Modules/Platform
                  /usr/share/emscripten/cmake/Modules/Platform NO_DEFAULT_PATH REQUIRED)
  set(gs_node_path /usr/share/nodejs)
  if(DEFINED ENV{NODE_PATH})
    set(gs_node_path "$ENV{NODE_PATH}:/usr/share/nodejs")
  endif()
  include(ExternalProject)
  set(gs_wasm_dir ${PROJECT_BINARY_DIR}/wasm)
  set(GS_WASM_ENGINE_JS ${gs_wasm_dir}/groundswell_engine.js)
  set(gs_wasm_launcher "")
  if(GS_CCACHE)
    set(gs_wasm_launcher -DCMAKE_CXX_COMPILER_LAUNCHER=${GS_CCACHE})
  endif()
  ExternalProject_Add(gs_wasm_engine
    SOURCE_DIR ${PROJECT_SOURCE_DIR}/wasm
    BINARY_DIR ${gs_wasm_dir}
    CMAKE_COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=${gs_node_path} ${CMAKE_COMMAND}
    CMAKE_ARGS -G Ninja -DCMAKE_BUILD_TYPE=Release
               -DCMAKE_TOOLCHAIN_FILE=${GS_EMSCRIPTEN_TOOLCHAIN}
               -DGS_SOURCE_DIR=${PROJECT_SOURCE_DIR} -DGS_VERSION=${PROJECT_VERSION}
               ${gs_wasm_launcher}
    BUILD_COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=${gs_node_path}
                  ${CMAKE_COMMAND} --build ${gs_wasm_dir} --parallel 2
    BUILD_ALWAYS ON
    INSTALL_COMMAND ""
    BUILD_BYPRODUCTS ${GS_WASM_ENGINE_JS}
    )
  message(STATUS "The report's in-browser model: built with ${GS_EMCC}")
else()
  message(STATUS "emcc not found: the report is built without its in-browser model")
endif()
