// Entry point of the calculator's Web Worker (bundled by the generator with esbuild).
//
// The page sends {init: {wasmExec, wasm}} once, then {id, input} for each estimate; the worker
// answers {ready: true} (or {failed: message}) and {id, output} where output is the rule core's
// JSON text. The Go program runs here so that a slow estimate never blocks typing.
//
// A Go program compiled to WebAssembly stops for good if it exits (a call after that throws
// "Go program has already exited"). The adapter recovers from panics, but if the instance ever
// exits anyway, the next estimate starts a fresh one.

declare function importScripts(...urls: string[]): void;
declare const Go: any;

const scope = self as any;
let wasmURL = "";
let instance: Promise<void> | null = null;

// start instantiates the module and runs its main, which registers scaleupEstimate and then
// waits. go.run resolves only when the program exits: then the instance is dropped.
function start(): Promise<void> {
  const go = new Go();
  const fallback = () =>
    fetch(wasmURL)
      .then((r) => {
        if (!r.ok) throw new Error("HTTP " + r.status + " for " + wasmURL);
        return r.arrayBuffer();
      })
      .then((bytes) => WebAssembly.instantiate(bytes, go.importObject));
  // instantiateStreaming compiles while the bytes arrive; it needs the application/wasm type,
  // which some servers do not send: then the whole file is fetched and compiled.
  const load: Promise<WebAssembly.WebAssemblyInstantiatedSource> =
    typeof WebAssembly.instantiateStreaming === "function"
      ? WebAssembly.instantiateStreaming(fetch(wasmURL), go.importObject).catch(fallback)
      : fallback();
  const started = load.then((result) => {
    scope.scaleupReady = false;
    go.run(result.instance).then(() => {
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

function estimate(input: string): Promise<string> {
  return ensure().then(() => {
    try {
      return scope.scaleupEstimate(input) as string;
    } catch (e) {
      // The Go instance is gone: start again once.
      instance = null;
      return ensure().then(() => scope.scaleupEstimate(input) as string);
    }
  });
}

scope.onmessage = (ev: MessageEvent) => {
  const msg = ev.data || {};
  if (msg.init) {
    wasmURL = msg.init.wasm;
    try {
      importScripts(msg.init.wasmExec);
    } catch (e) {
      scope.postMessage({ failed: String(e) });
      return;
    }
    ensure().then(
      () => scope.postMessage({ ready: true, version: scope.scaleupVersion ? scope.scaleupVersion() : "" }),
      (e) => scope.postMessage({ failed: String(e && e.message ? e.message : e) }),
    );
    return;
  }
  if (typeof msg.id === "number") {
    estimate(String(msg.input)).then(
      (output) => scope.postMessage({ id: msg.id, output }),
      (e) => scope.postMessage({ id: msg.id, error: String(e && e.message ? e.message : e) }),
    );
  }
};
