// Entry point of the calculator page's script (bundled by the generator with esbuild).
//
// Flow: the form is in the page from the first paint in a busy state (its steps disabled, the
// status saying it loads; noscript.css hides it without JavaScript). calculator-boot.js, in the
// page's head, has already started the worker that runs the rule core as WebAssembly (see
// calculator/engine.ts) and left it in window.scaleupEngine. This script, deferred, restores a
// scenario from the URL fragment and sends it for the first estimate, enables the steps when
// the module is ready, and from then on recomputes on every input. Nothing leaves the page: the
// page and the worker fetch only the static files named in data- attributes, and the scenario
// lives in the fragment.
//
// Errors follow GOV.UK's pattern: a summary at the top ("There is a problem") linking to each
// field, and the message beside the field. A field's error shows once the person has left the
// field (change) or asked for the results (submit); results update live whenever the input is
// valid.

import { Engine, FieldError, Output, Result } from "./calculator/engine";
import { formatDate, formatYuan, parseMoney } from "./calculator/format";
import { ClientError, Control, Reading, addRow, errorID, fieldID, labelText, read, removeRow, withValue } from "./calculator/form";
import { loadMessages, msg } from "./calculator/messages";
import { Context, clearResults, h, renderExtras, renderInputs, showResults } from "./calculator/render";
import { decode, encode } from "./calculator/state";

// The revenue threshold (clause 一), for the "how far" hint: the core decides eligibility; this
// only chooses when to ask it the what-if question.
const threshold = 20000000;

// asked is the first estimate, asked for as soon as this script runs rather than in start(): the
// form is parsed by then, and the worker, started from the head, often has the core running
// before DOMContentLoaded and the task start() waits for (timed in the page, it sat idle some
// 30 ms for the question). start() shows its answer.
type Asked = { reading: Reading; answer: Promise<Result> };

function askFirst(engine: Engine | undefined): Asked | null {
  const root = document.getElementById("calc");
  const form = document.getElementById("calc-form") as HTMLFormElement | null;
  if (!engine || !root || !form) return null;
  loadMessages(root); // the texts of the form's own errors
  decode(form, location.hash);
  const reading = read(form);
  return { reading, answer: engine.estimate(reading.json) };
}

// start wires the form up; started is the engine calculator-boot.js made, or null when it could
// not (no workers in this browser, or the boot script did not load).
function start(started: Engine | null, asked: Asked | null) {
  const root = document.getElementById("calc");
  const form = document.getElementById("calc-form") as HTMLFormElement | null;
  if (!root || !form) return;
  loadMessages(root);
  const ctx: Context = { lang: root.dataset.lang || "zh", prefix: root.dataset.prefix || "" };
  const status = document.getElementById("calc-status") as HTMLElement;
  const results = document.getElementById("calc-results") as HTMLElement;
  const output = document.getElementById("calc-output") as HTMLElement;
  const empty = document.getElementById("calc-empty") as HTMLElement;
  const announce = document.getElementById("calc-announce") as HTMLElement;
  const jump = document.getElementById("calc-jump") as HTMLElement;
  const summary = document.getElementById("calc-errors") as HTMLElement;
  const summaryList = document.getElementById("calc-errors-list") as HTMLElement;
  const steps = Array.prototype.slice.call(form.querySelectorAll(".calc-step")) as HTMLFieldSetElement[];

  // keepClear scrolls the focused field of the form out from under the total bar, if it is
  // there (see the focusin listener below).
  function keepClear(): void {
    const f = document.activeElement as HTMLElement | null;
    if (!f || !form!.contains(f) || !/^(INPUT|SELECT|TEXTAREA)$/.test(f.tagName) || jump.hidden) return;
    const bar = jump.getBoundingClientRect();
    if (bar.height === 0) return;
    const r = f.getBoundingClientRect();
    const room = 8;
    if (r.bottom > bar.top - room && r.top < bar.bottom) window.scrollBy(0, r.bottom - bar.top + room);
  }

  // Busy until the module is ready: visible, readable, not yet editable. The template already
  // shows it so (steps disabled, aria-busy, the loading status), so that the page is laid out
  // once, as it will stay.
  (document.getElementById("calc-date") as HTMLElement).textContent = formatDate(new Date(), ctx.lang);

  if (!asked) decode(form, location.hash); // askFirst did

  const touched: { [path: string]: boolean } = {};
  let showAll = false;
  let seq = 0; // number of the latest reading; older answers are dropped
  let running = false;
  let again = false;
  let renders = 0;
  let shown = ""; // the core's text of the result on the page, "" when none

  if (!started) {
    root.dataset.state = "failed";
    status.textContent = msg("calc.load_failed");
    status.classList.add("calc-status-error");
    settle();
    return;
  }
  const engine: Engine = started;
  // The first estimate goes to the worker now, with the module, not after the worker says it is
  // ready: the answer comes as soon as the core runs (the worker answers {ready} first).
  const first = update();
  // The steps are enabled with the first answer, in the same task: the browser then restyles
  // and lays the form out once for both, not once for each.
  engine.ready.then(
    () =>
      first.then(() => {
        steps.forEach((s) => (s.disabled = false));
        form.setAttribute("aria-busy", "false");
        root.dataset.state = "ready";
        status.textContent = msg("calc.ready");
      }),
    () => {
      root.dataset.state = "failed";
      status.textContent = msg("calc.load_failed");
      status.classList.add("calc-status-error");
      settle();
    },
  );
  // update reads the form, saves it in the fragment and asks the core. One estimate runs at a
  // time; input that arrives meanwhile is read when it ends. The promise settles once the answer
  // is on the page (or the estimate failed).
  function update(): Promise<void> {
    if (root!.dataset.state === "failed") return Promise.resolve();
    if (running) {
      again = true;
      return Promise.resolve();
    }
    running = true;
    root!.dataset.busy = "true"; // tests and benchmarks wait for this to go
    const t0 = performance.now();
    const reading = asked ? asked.reading : read(form!);
    const answer = asked ? asked.answer : engine.estimate(reading.json);
    asked = null;
    const id = ++seq;
    const t1 = performance.now();
    const done = () => {
      running = false;
      if (again) {
        again = false;
        update();
      } else {
        delete root!.dataset.busy;
      }
    };
    return answer.then(
      (res) => {
        const t2 = performance.now();
        if (id === seq) show(reading, res.output, res.text || "", res.errors || []);
        // Where the time of one recompute goes, for the benchmark, in ms: reading the form, the
        // worker's round trip, showing the result, and the core's own part of the round trip.
        root!.dataset.timing = [t1 - t0, t2 - t1, performance.now() - t2, res.coreMs || 0].map((x) => x.toFixed(2)).join(" ");
        done();
      },
      () => {
        // A worker that could not load has said so already (state "failed").
        if (root!.dataset.state !== "failed") showErrors([{ field: "", text: msg("calc.err.worker") }], false);
        done();
      },
    );
  }

  // later does what need not happen on every key press, once typing pauses: the link in the
  // fragment (browsers also limit how often a page may rewrite it) and the list of inputs on the
  // printed sheet. data-pending is set meanwhile.
  let laterTimer = 0;
  function later() {
    root!.dataset.pending = "true";
    clearTimeout(laterTimer);
    laterTimer = window.setTimeout(() => {
      saveState();
      const old = output.querySelector(".calc-print-inputs");
      if (old) old.remove();
      if (output.firstChild) output.insertBefore(renderInputs(inputPairs()), output.firstChild);
      delete root!.dataset.pending;
    }, 150);
  }

  function saveState() {
    const frag = encode(form!);
    const url = location.pathname + location.search + frag;
    if (location.hash !== frag) history.replaceState(null, "", url);
    // The other language's page opens the same scenario.
    const other = document.querySelector<HTMLAnchorElement>("a.lang-switch");
    if (other) other.setAttribute("href", (other.getAttribute("href") || "").split("#")[0] + frag);
  }

  // settle tells the page's other scripts that the calculator has shown its first answer (or
  // failed): the offline worker waits for it before it downloads the site (sw-register.ts).
  function settle() {
    if (root!.dataset.settled) return;
    root!.dataset.settled = "true";
    document.dispatchEvent(new Event("calc-settled"));
  }

  // show puts an answer on the page: the errors of the fields the person has dealt with, and
  // the estimate when the input is valid. text is the core's output as it wrote it: the same
  // text as the result on the page changes nothing there; for another one, showResults changes
  // only the figures and sentences that differ.
  function show(reading: Reading, out: Output | undefined, text: string, coreErrors: FieldError[]) {
    const clientFields: { [f: string]: boolean } = {};
    reading.errors.forEach((e) => (clientFields[e.field] = true));
    const all: ClientError[] = reading.errors.slice();
    for (const e of coreErrors) {
      const field = reading.paths[e.field] || e.field;
      if (clientFields[field]) continue;
      all.push({ field, text: ctx.lang === "zh" ? e.zh : e.en });
    }
    const visible = all.filter((e) => showAll || touched[e.field] || touched[e.field.replace(/\..*$/, "")] || e.field === "");
    showErrors(visible, false);

    renders++;
    if (out && all.length === 0) {
      if (text !== shown || !text) {
        showResults(output, ctx, out);
        shown = text;
      }
      empty.hidden = true;
      // Screen readers hear the combined figure when it changes, not the whole list on every key
      // press; the bar keeps it in sight. Both say it is the sum of the layers.
      const said = msg("calc.announce", { total: formatYuan(out.grandTotal, ctx.lang) });
      if (announce.textContent !== said) announce.textContent = said;
      jump.textContent = msg("calc.jump", { total: formatYuan(out.grandTotal, ctx.lang) });
      jump.hidden = false;
      keepClear();
      root!.dataset.renders = String(renders);
      if (!root!.dataset.firstResultMs) root!.dataset.firstResultMs = String(Math.round(performance.now()));
      whatIf(reading, out, seq);
      later();
    } else {
      clearResults(output);
      shown = "";
      empty.hidden = false;
      jump.hidden = true;
      root!.dataset.renders = String(renders);
      later();
    }
    settle();
  }

  // whatIf asks the core two questions beside the main estimate: what reaching the revenue
  // threshold would bring, and what one more year in the directory would add.
  function whatIf(reading: Reading, out: Output, id: number) {
    const box = document.getElementById("calc-extras");
    if (!box) return;
    const ex: { threshold?: { gap: number; total: number }; oneMoreYear?: { year: number; delta: number } } = {};
    const jobs: Promise<void>[] = [];
    const revenue = Number(reading.input.revenue ? reading.input.revenue.text : NaN);
    if (out.failed.some((f) => f.field === "revenue") && revenue < threshold) {
      jobs.push(engine.estimate(withValue(reading.input, "revenue", String(threshold))).then((r) => {
        if (r.output && r.output.grandTotal > 0) ex.threshold = { gap: Math.round((threshold - revenue) * 100) / 100, total: r.output.grandTotal };
      }));
    }
    const last = reading.input.lastYearInDirectory ? Number(reading.input.lastYearInDirectory.text) : 0;
    if (last > 0 && out.eligible) {
      jobs.push(engine.estimate(withValue(reading.input, "lastYearInDirectory", String(last + 1))).then((r) => {
        if (r.output) ex.oneMoreYear = { year: last + 1, delta: Math.round((r.output.grandTotal - out.grandTotal) * 100) / 100 };
      }));
    }
    if (!jobs.length) {
      // The results are patched, not rebuilt: a hint of an earlier answer must go.
      renderExtras(box, ex);
      return;
    }
    Promise.all(jobs).then(() => {
      if (id === seq) renderExtras(box, ex);
    }, () => undefined);
  }

  function showErrors(errors: ClientError[], focus: boolean) {
    form!.querySelectorAll<HTMLElement>(".calc-field-error").forEach((el) => {
      el.hidden = true;
      el.textContent = "";
    });
    form!.querySelectorAll(".calc-invalid").forEach((el) => el.classList.remove("calc-invalid"));
    form!.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
    summaryList.textContent = "";
    if (!errors.length) {
      summary.hidden = true;
      return;
    }
    for (const e of errors) {
      const target = findControl(e.field);
      const label = e.field ? labelText(form!, e.field) : "";
      const line = label ? label + (ctx.lang === "zh" ? "：" : ": ") + e.text : e.text;
      summaryList.appendChild(h("li", null, target ? h("a", { href: "#" + target.id, "data-field": e.field }, line) : line));
      const slot = document.getElementById(errorID(e.field)) || nearestErrorSlot(e.field);
      if (slot) {
        slot.hidden = false;
        slot.textContent = (slot.textContent ? slot.textContent + " " : "") + e.text;
        const field = slot.closest(".calc-field, .calc-row, .calc-step");
        if (field) field.classList.add("calc-invalid");
      }
      if (target) target.setAttribute("aria-invalid", "true");
    }
    summary.hidden = false;
    if (focus) summary.focus();
  }

  // findControl returns the input an error is about (the first radio of a group), if any.
  function findControl(path: string): HTMLElement | null {
    if (!path) return null;
    const el = document.getElementById(fieldID(path));
    if (el && el.tagName !== "FIELDSET" && el.tagName !== "DIV") return el;
    const first = form!.querySelector<HTMLElement>('[name="' + path + '"]');
    if (first) return first;
    // A row or a group ("taxes[0]", "guarantee"): its first field.
    const inside = form!.querySelector<HTMLElement>('[name^="' + path + '."], [name^="' + path + '["]');
    return inside;
  }

  function nearestErrorSlot(path: string): HTMLElement | null {
    for (let p = path; p; p = p.replace(/(\.[^.\[]*|\[\d+\])$/, "")) {
      const el = document.getElementById(errorID(p));
      if (el) return el;
      if (!/[.\[]/.test(p)) break;
    }
    return null;
  }

  // inputPairs lists the fields that differ from the defaults, label and value, for printing (the
  // readings used are printed with the results).
  function inputPairs(): [string, string][] {
    const pairs: [string, string][] = [];
    const seen: { [n: string]: boolean } = {};
    form!.querySelectorAll<Control>("[name]").forEach((el) => {
      const name = el.getAttribute("name") as string;
      if (seen[name]) return;
      if (el instanceof HTMLInputElement && el.type === "radio") {
        const c = form!.querySelector<HTMLInputElement>('[name="' + name + '"]:checked');
        if (!c || c.defaultChecked) return;
        seen[name] = true;
        const l = form!.querySelector('label[for="' + c.id + '"]');
        pairs.push([labelText(form!, name), l ? (l.textContent || "").trim() : c.value]);
      } else if (el instanceof HTMLInputElement && el.type === "checkbox") {
        if (el.checked !== el.defaultChecked) pairs.push([labelText(form!, name), msg(el.checked ? "calc.yes" : "calc.no")]);
      } else if (el.value.trim() !== "" && !(el instanceof HTMLInputElement && el.value.trim() === el.defaultValue.trim())) {
        let v = el.value.trim();
        if (el instanceof HTMLSelectElement) v = (el.selectedOptions[0] && el.selectedOptions[0].textContent) || v;
        else if (el.dataset.kind === "percent") v += "%";
        pairs.push([labelText(form!, name), v]);
      }
    });
    return pairs;
  }

  // Echo the revenue as read ("2600万" → 26,000,000 yuan), so a slip of a zero shows.
  const revenueInput = form.querySelector<HTMLInputElement>('[name="revenue"]');
  const echo = document.getElementById("f-revenue-echo");
  function echoRevenue() {
    if (!revenueInput || !echo) return;
    const r = parseMoney(revenueInput.value);
    echo.textContent = r !== null && revenueInput.value.trim() !== "" ? "= " + formatYuan(Number(r), ctx.lang) : "";
  }
  echoRevenue();

  form.addEventListener("input", () => {
    echoRevenue();
    update();
  });
  form.addEventListener("change", (ev) => {
    const t = ev.target as HTMLElement;
    const name = t.getAttribute("name");
    if (name) touched[name] = true;
    // Choosing a specific sector chooses its group.
    if (name === "prioritySector") {
      const sel = t as HTMLSelectElement;
      const group = sel.selectedOptions[0] && sel.selectedOptions[0].parentElement;
      const id = group && group.tagName === "OPTGROUP" ? (group as HTMLElement).dataset.group : "";
      const radio = id ? form!.querySelector<HTMLInputElement>('[name="priorityField"][value="' + id + '"]') : null;
      if (radio) radio.checked = true;
    }
    // Choosing another group (or none) clears a specific sector of a different group.
    if (name === "priorityField") {
      const sel = form!.elements.namedItem("prioritySector") as HTMLSelectElement;
      const opt = sel.selectedOptions[0];
      const group = opt && opt.parentElement && opt.parentElement.tagName === "OPTGROUP" ? (opt.parentElement as HTMLElement).dataset.group : "";
      if (group && group !== (t as HTMLInputElement).value) sel.value = "";
    }
    update();
  });
  // The total bar sticks to the bottom of a phone's screen (calculator.css): it must never
  // cover the field being typed in. When the focused field reaches under it (a tap on a field
  // half hidden, a Tab, typing, or the bar appearing as the first result comes), the page
  // scrolls up by the overlap.
  form.addEventListener("focusin", () => requestAnimationFrame(keepClear));
  form.addEventListener("input", keepClear);
  // When Enter on an error summary link moves focus to a field, the same key press reaches the
  // field and would submit the form, which focuses the summary again: such a submit is ignored.
  let jumpedAt = -1e9;
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (performance.now() - jumpedAt < 300) return;
    showAll = true;
    const reading = read(form!);
    engine.estimate(reading.json).then((res) => {
      show(reading, res.output, res.text || "", res.errors || []);
      if (!summary.hidden) summary.focus();
      else results.scrollIntoView();
    }, () => undefined);
  });
  form.addEventListener("click", (ev) => {
    const t = ev.target as HTMLElement;
    const add = t.closest<HTMLElement>("[data-add]");
    if (add) {
      const row = addRow(form!, add.dataset.add as string);
      const first = row.querySelector<HTMLInputElement>("input");
      if (first) first.focus();
      update();
      return;
    }
    const remove = t.closest<HTMLElement>("[data-remove]");
    if (remove) {
      const row = remove.closest<HTMLElement>(".calc-row") as HTMLElement;
      const box = row.parentElement as HTMLElement;
      removeRow(form!, row);
      const next = box.nextElementSibling as HTMLElement | null; // the add button
      if (next) next.focus();
      update();
    }
  });

  // Links to fields (error summary, "change") move focus without touching the fragment, which
  // holds the scenario.
  document.addEventListener("click", (ev) => {
    const a = (ev.target as HTMLElement).closest<HTMLAnchorElement>('#calc a[href^="#"]');
    if (!a) return;
    const target = document.getElementById(a.getAttribute("href")!.slice(1));
    if (!target) return;
    ev.preventDefault();
    jumpedAt = performance.now();
    const label = form!.querySelector('label[for="' + target.id + '"]') || target;
    (label as HTMLElement).scrollIntoView();
    if (target.tagName === "FIELDSET") {
      const first = target.querySelector<HTMLElement>("input, select, button");
      if (first) first.focus({ preventScroll: true });
    } else {
      target.focus({ preventScroll: true });
    }
  });

  // A scenario link opened in the same tab.
  window.addEventListener("hashchange", () => {
    if (decode(form!, location.hash)) {
      echoRevenue();
      update();
    }
  });

  // Copy link: the Clipboard API where the browser allows it, else the link selected in a box.
  const copyStatus = document.getElementById("calc-copy-status") as HTMLElement;
  const manual = document.getElementById("calc-copy-manual") as HTMLElement;
  const linkBox = document.getElementById("calc-link") as HTMLInputElement;
  (document.getElementById("calc-copy") as HTMLElement).addEventListener("click", () => {
    saveState();
    linkBox.value = location.href;
    const fallback = () => {
      manual.hidden = false;
      copyStatus.textContent = "";
      linkBox.focus();
      linkBox.select();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(location.href).then(() => {
        manual.hidden = true;
        copyStatus.textContent = msg("calc.copied");
      }, fallback);
    } else {
      fallback();
    }
  });
  (document.getElementById("calc-print") as HTMLElement).addEventListener("click", () => window.print());
}

// start runs in a task of its own, not in the one that evaluates this script and dispatches
// DOMContentLoaded: each task then stays short. On a slow phone (Lighthouse's mobile audit
// counts any task over 50 ms at a 4x slower CPU as blocking input) the two together were one long
// task; apart, neither is.
const asked = askFirst(window.scaleupEngine);
const begin = () => window.setTimeout(() => start(window.scaleupEngine || null, asked), 0);
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", begin);
else begin();
