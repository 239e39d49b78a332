// Entry point of the calculator's Web Worker (bundled by the generator with esbuild).
//
// The page (calculator/engine.ts) starts this worker with the module's URLs in the fragment of
// the worker's own URL, #wasm=…&wasmExec=…, and sends them again as {init: {wasm, wasmExec}}.
// With the fragment, the worker starts at once: it fetches and compiles the module, loads the Go
// toolchain's wasm_exec.js and runs the Go program without waiting for a message, and so without
// waiting for the page's main thread, which is busy laying the long page out meanwhile. The
// message is for the case where the fragment is lost: a worker script served by the site's
// service worker gets the cached response's URL, which has none. Then the work starts when the
// message comes. The worker answers {ready: true, version} (or {failed: message}) once the
// program runs, and {id, output} for each {id, input} the page sends, where output is the rule
// core's JSON text (and ms, the time the core took). Estimates sent before the program runs wait
// for it.
//
// A Go program compiled to WebAssembly stops for good if it exits (a call after that throws
// "Go program has already exited"). The adapter recovers from panics, but if the instance ever
// exits anyway, the next estimate starts a fresh one from the same compiled module.

declare function importScripts(...urls: string[]): void;
declare const Go: any;

const scope = self as any;
let wasmURL = "";
let instance: Promise<void> | null = null;
// compiled is the module, compiled once: a restarted instance uses it again.
let compiled: Promise<WebAssembly.Module> | null = null;

// fetchModule compiles the module from the network. compileStreaming compiles while the bytes
// arrive; it needs the application/wasm type, which some servers do not send: then the whole
// file is fetched and compiled.
function fetchModule(): Promise<WebAssembly.Module> {
  const whole = () =>
    fetch(wasmURL)
      .then((r) => {
        if (!r.ok) throw new Error("HTTP " + r.status + " for " + wasmURL);
        return r.arrayBuffer();
      })
      .then((bytes) => WebAssembly.compile(bytes));
  return typeof WebAssembly.compileStreaming === "function" ? WebAssembly.compileStreaming(fetch(wasmURL)).catch(whole) : whole();
}

// start instantiates the module and runs its main, which registers scaleupEstimate and then
// waits. go.run resolves only when the program exits: then the instance is dropped.
function start(): Promise<void> {
  const go = new Go();
  if (!compiled) compiled = fetchModule();
  const module = compiled;
  module.catch(() => {
    if (compiled === module) compiled = null; // a later estimate tries the download again
  });
  const started = module
    .then((m) => WebAssembly.instantiate(m, go.importObject))
    .then((inst) => {
      scope.scaleupReady = false;
      go.run(inst).then(() => {
        if (instance === started) instance = null;
      });
      if (!scope.scaleupReady || typeof scope.scaleupEstimate !== "function") {
        throw new Error("the calculator module did not start");
      }
    });
  started.catch(() => {
    if (instance === started) instance = null;
  });
  instance = started;
  return started;
}

function ensure(): Promise<void> {
  return instance || start();
}

// estimate answers one input with the core's output and how long the core took (ms).
function estimate(input: string): Promise<{ output: string; ms: number }> {
  const run = () => {
    const t = performance.now();
    const output = scope.scaleupEstimate(input) as string;
    return { output, ms: performance.now() - t };
  };
  return ensure().then(() => {
    try {
      return run();
    } catch (e) {
      // The Go instance is gone: start again once.
      instance = null;
      return ensure().then(run);
    }
  });
}

// init starts the work, once, with the URLs from the fragment or from the page's message.
let initialised = false;
function init(wasm: string, wasmExec: string) {
  if (initialised || !wasm || !wasmExec) return;
  initialised = true;
  wasmURL = wasm;
  // The download and compile go first: loading the glue code below blocks this thread.
  compiled = fetchModule();
  compiled.catch(() => undefined); // reported by ensure() below
  try {
    importScripts(wasmExec);
  } catch (e) {
    scope.postMessage({ failed: String(e) });
    return;
  }
  ensure().then(
    () => scope.postMessage({ ready: true, version: scope.scaleupVersion ? scope.scaleupVersion() : "" }),
    (e) => scope.postMessage({ failed: String(e && e.message ? e.message : e) }),
  );
}

scope.onmessage = (ev: MessageEvent) => {
  const msg = ev.data || {};
  if (msg.init) init(String(msg.init.wasm || ""), String(msg.init.wasmExec || ""));
  if (typeof msg.id === "number") {
    estimate(String(msg.input)).then(
      (res) => scope.postMessage({ id: msg.id, output: res.output, ms: res.ms }),
      (e) => scope.postMessage({ id: msg.id, error: String(e && e.message ? e.message : e) }),
    );
  }
};

const fromURL = new URLSearchParams(String(scope.location.hash).slice(1));
init(fromURL.get("wasm") || "", fromURL.get("wasmExec") || "");
