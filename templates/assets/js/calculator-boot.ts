// Starts the calculator's Web Worker as early as the page allows (bundled by the generator).
//
// This small script is in the calculator page's <head>, without defer, so that it runs while
// the page is still being parsed: the worker's thread then fetches, compiles and starts the
// WebAssembly module while the main thread lays the long page out, instead of after it. The
// rest of the page's script (calculator.js, deferred) picks the engine up from
// window.scaleupEngine. The URLs are the script element's data- attributes.
import { Engine } from "./calculator/engine";

const script = document.currentScript as HTMLScriptElement | null;
if (script) {
  try {
    window.scaleupEngine = new Engine(script.dataset.worker as string, script.dataset.wasmExec as string, script.dataset.wasm as string);
  } catch (e) {
    // No workers here (an old browser, a policy): calculator.js finds no engine and says that
    // the calculator could not load; the method and the examples below it stay.
  }
}
