// Appended to the emscripten module (--post-js): the one call the report page
// makes. run_json(scenarioText) -> result JSON text (engine_api.cpp's contract);
// the C string the engine returns is freed here, whatever happens.
Module["run_json"] = function (scenarioText) {
  const pointer = Module["ccall"]("gs_run_json", "number", ["string"], [scenarioText]);
  try {
    return UTF8ToString(pointer);
  } finally {
    Module["_gs_free"](pointer);
  }
};
