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
export type Result = { output?: Output; errors?: FieldError[] };

export class Engine {
  private worker: Worker;
  private next = 1;
  private waiting = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void }>();
  ready: Promise<void>;

  constructor(workerURL: string, wasmExecURL: string, wasmURL: string) {
    this.worker = new Worker(workerURL);
    this.ready = new Promise((resolve, reject) => {
      this.worker.onmessage = (ev: MessageEvent) => {
        const msg = ev.data || {};
        if (msg.ready) return resolve();
        if (msg.failed) return reject(new Error(msg.failed));
        const w = this.waiting.get(msg.id);
        if (!w) return;
        this.waiting.delete(msg.id);
        if (msg.error) return w.reject(new Error(msg.error));
        try {
          const doc = JSON.parse(msg.output);
          w.resolve(doc.errors ? { errors: doc.errors } : { output: doc });
        } catch (e) {
          w.reject(e as Error);
        }
      };
      this.worker.onerror = (ev) => reject(new Error(ev.message || "worker failed"));
    });
    this.worker.postMessage({ init: { wasmExec: wasmExecURL, wasm: wasmURL } });
  }

  // estimate sends one input document (JSON text) and resolves with the core's answer.
  estimate(json: string): Promise<Result> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, input: json });
    });
  }
}
