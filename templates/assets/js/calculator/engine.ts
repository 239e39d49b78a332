// The page's side of the worker: one Engine per page, one promise per estimate.

export type Text = { zh: string; en: string };
// An entry names its article by number (the page links and labels it) and by the numeral the
// document uses ("clause": "四").
export type Item = {
  id: string;
  clause: string;
  article: number;
  year: number;
  amount: number;
  afterHorizon: boolean; // the year is after the policy's stated horizon
  explain: Text;
};
export type Output = {
  version: string;
  policy: string; // the document whose rules gave the result ("jsz-2021-35")
  eligible: boolean;
  total: number;
  byYear: { [year: string]: number };
  items: Item[];
  savings: Item[];
  savingsTotal: number;
  benefits: { id: string; clause: string; article: number; explain: Text }[];
  failed: { field: string; clause: string; article: number; explain: Text }[];
  missing: { field: string; clause: string; article: number; explain: Text }[];
  warnings: { id: string; clause: string; zh: string; en: string }[];
  assumptions: {
    retentionCountsEntryYear: boolean;
    windowStartsAtEntry: boolean;
    taxBase: string;
    localShare: { vat: number; cit: number; otherLocal: number };
    returnedFraction: number;
    hireStartsBeforeEntry: string;
    hireStartLimit: string;
    socialInsuranceScope: string;
    taxIncreaseNetting: string;
    exitEndsAllRewards: boolean;
  };
};
export type FieldError = { field: string; zh: string; en: string };
// Result is what the core answered: an estimate or the input's problems.
// text is the output as the core wrote it: two equal texts are the same result.
// coreMs is how long the core itself took, in the worker (for the benchmark's breakdown).
export type Result = { output?: Output; text?: string; errors?: FieldError[]; coreMs?: number };

export class Engine {
  private worker: Worker;
  private next = 1;
  private waiting = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void }>();
  ready: Promise<void>;

  constructor(workerURL: string, wasmExecURL: string, wasmURL: string) {
    // The worker runs the rule core as WebAssembly (calculator-worker.ts). It learns the module's
    // URLs from the fragment of its own URL, which is never sent to the server, so that it starts
    // its work before any message could reach it: Chromium hands a message to a starting worker
    // only after the page's main thread has heard that the worker runs, and on this page the main
    // thread is busy with the first layout for some hundred milliseconds. The init message below
    // says the same for a worker whose URL lost its fragment (served by the service worker).
    const urls = { wasm: wasmURL, wasmExec: wasmExecURL };
    this.worker = new Worker(workerURL + "#" + new URLSearchParams(urls).toString());
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
          const coreMs = typeof msg.ms === "number" ? msg.ms : undefined;
          w.resolve(doc.errors ? { errors: doc.errors, coreMs } : { output: doc, text: msg.output, coreMs });
        } catch (e) {
          w.reject(e as Error);
        }
      };
      this.worker.onerror = (ev) => fail(new Error(ev.message || "worker failed"));
    });
    this.worker.postMessage({ init: urls });
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

// calculator-boot.js starts the engine from the page's head; calculator.js takes it from here.
declare global {
  interface Window {
    scaleupEngine?: Engine;
  }
}
