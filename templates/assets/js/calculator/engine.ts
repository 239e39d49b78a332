// The page's side of the worker: one Engine per page, one promise per estimate.

export type Text = { zh: string; en: string };
export type Item = {
  id: string;
  clause: string;
  clausePath: string;
  year: number;
  amount: number;
  departments: string[];
  explain: Text;
};
export type Output = {
  version: string;
  eligible: boolean;
  total: number;
  byYear: { [year: string]: number };
  items: Item[];
  savings: Item[];
  savingsTotal: number;
  benefits: { id: string; clause: string; clausePath: string; departments: string[]; explain: Text }[];
  failed: { field: string; clause: string; clausePath: string; explain: Text }[];
  missing: { field: string; clause: string; clausePath: string; explain: Text }[];
  warnings: { id: string; clause: string; zh: string; en: string }[];
  assumptions: {
    retentionCountsEntryYear: boolean;
    windowStartsAtEntry: boolean;
    taxBase: string;
    localShare: { vat: number; cit: number; otherLocal: number };
    returnedFraction: number;
  };
};
export type FieldError = { field: string; zh: string; en: string };
// Result is what the core answered: an estimate or the input's problems.
// text is the output as the core wrote it: two equal texts are the same result.
export type Result = { output?: Output; text?: string; errors?: FieldError[] };

export class Engine {
  private worker: Worker;
  private next = 1;
  private waiting = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void }>();
  ready: Promise<void>;

  constructor(workerURL: string, wasmExecURL: string, wasmURL: string) {
    // The module is compiled here, at once, while the worker's thread starts, and then handed to
    // the worker: in the worker, the fetch and compile could start only once its script ran and
    // had loaded wasm_exec.js, in series. The page's <link rel="preload"> (calculator.html) has
    // usually fetched the bytes by now. Compiling is done off the main thread by the browser.
    const compiling = typeof WebAssembly === "object" && typeof WebAssembly.compileStreaming === "function"
      ? WebAssembly.compileStreaming(fetch(wasmURL))
      : null;
    if (compiling) compiling.catch(() => undefined); // handled below, unless new Worker throws
    this.worker = new Worker(workerURL);
    this.ready = new Promise((resolve, reject) => {
      // A worker that cannot load answers nothing: the estimates already sent fail with it.
      const fail = (e: Error) => {
        reject(e);
        this.waiting.forEach((w) => w.reject(e));
        this.waiting.clear();
      };
      this.worker.onmessage = (ev: MessageEvent) => {
        const msg = ev.data || {};
        if (msg.ready) return resolve();
        if (msg.failed) return fail(new Error(msg.failed));
        const w = this.waiting.get(msg.id);
        if (!w) return;
        this.waiting.delete(msg.id);
        if (msg.error) return w.reject(new Error(msg.error));
        try {
          const doc = JSON.parse(msg.output);
          w.resolve(doc.errors ? { errors: doc.errors } : { output: doc, text: msg.output });
        } catch (e) {
          w.reject(e as Error);
        }
      };
      this.worker.onerror = (ev) => fail(new Error(ev.message || "worker failed"));
    });
    this.worker.postMessage({ init: { wasmExec: wasmExecURL, wasm: wasmURL, module: !!compiling } });
    if (compiling) {
      // Any failure here (a server without the application/wasm type, a browser that cannot
      // pass modules to workers) leaves the worker to fetch the module itself.
      const hand = (m: WebAssembly.Module | null) => {
        try {
          this.worker.postMessage({ module: m });
        } catch (e) {
          this.worker.postMessage({ module: null });
        }
      };
      compiling.then(hand, () => hand(null));
    }
  }

  // estimate sends one input document (JSON text) and resolves with the core's answer. It may be
  // called before ready: the worker answers once the module runs.
  estimate(json: string): Promise<Result> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, input: json });
    });
  }
}
