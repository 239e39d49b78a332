// The results: built as DOM nodes (never HTML strings: explanations carry user numbers) with
// classes and SVG attributes only, so the strict Content-Security-Policy holds.
//
// render describes the results as a tree of plain objects (V), and showResults changes the page
// only where that tree differs from the one shown before: an edit usually changes a few figures
// and sentences, and creating every element of the lists and the chart again on each key press
// took longer than the estimate itself.

import { Item, Output } from "./engine";
import { formatDate, formatPercent, formatYuan } from "./format";
import { article, departmentName, msg } from "./messages";

type Child = Node | string | null | undefined | false;

// h creates an element: h("p", {class: "x"}, "text", child…).
export function h(tag: string, attrs?: { [k: string]: string } | null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  if (attrs) for (const k in attrs) el.setAttribute(k, attrs[k]);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

const svgNS = "http://www.w3.org/2000/svg";

// V describes one element of the results: its children are Vs and texts. own marks an element
// whose children someone else fills (#calc-extras): showResults leaves them alone. nodes holds
// the DOM nodes of the children once shown.
type V = { tag: string; svg: boolean; attrs: { [k: string]: string }; kids: (V | string)[]; own: boolean; nodes?: Node[] };
type VChild = V | string | null | undefined | false;

// v describes an element: v("p", {class: "x"}, "text", child…), like h.
function v(tag: string, attrs?: { [k: string]: string } | null, ...children: VChild[]): V {
  const kids: (V | string)[] = [];
  for (const c of children) if (c !== null && c !== undefined && c !== false) kids.push(c);
  return { tag, svg: false, attrs: attrs || {}, kids, own: false };
}

// s describes an SVG element, with numbers as attribute values and an optional text.
function s(tag: string, attrs: { [k: string]: string | number }, text?: string): V {
  const a: { [k: string]: string } = {};
  for (const k in attrs) a[k] = String(attrs[k]);
  return { tag, svg: true, attrs: a, kids: text === undefined ? [] : [text], own: false };
}

// mount creates the DOM nodes of a description.
function mount(x: V | string): Node {
  if (typeof x === "string") return document.createTextNode(x);
  const el = x.svg ? document.createElementNS(svgNS, x.tag) : document.createElement(x.tag);
  for (const k in x.attrs) el.setAttribute(k, x.attrs[k]);
  x.nodes = x.kids.map((k) => el.appendChild(mount(k)));
  return el;
}

// sync makes the nodes of the old children of parent (old, shown as nodes) into those of fresh,
// child by child, and returns the new list of nodes. Nodes that parent holds besides these (the
// printed inputs list, see calculator.ts) stay where they are.
function sync(parent: Node, old: (V | string)[], nodes: Node[], fresh: (V | string)[]): Node[] {
  const out: Node[] = [];
  fresh.forEach((f, i) => {
    if (i >= old.length) {
      out.push(parent.appendChild(mount(f)));
      return;
    }
    const o = old[i], n = nodes[i];
    if (typeof f === "string" && typeof o === "string") {
      if (o !== f) n.nodeValue = f;
      out.push(n);
    } else if (typeof f !== "string" && typeof o !== "string" && o.tag === f.tag && o.svg === f.svg) {
      const el = n as Element;
      for (const k in o.attrs) if (!(k in f.attrs)) el.removeAttribute(k);
      for (const k in f.attrs) if (o.attrs[k] !== f.attrs[k]) el.setAttribute(k, f.attrs[k]);
      if (f.own) {
        f.kids = [];
        f.nodes = [];
      } else {
        f.nodes = sync(el, o.kids, o.nodes || [], f.kids);
      }
      out.push(el);
    } else {
      const m = mount(f);
      parent.replaceChild(m, n);
      out.push(m);
    }
  });
  for (let i = fresh.length; i < old.length; i++) parent.removeChild(nodes[i]);
  return out;
}

// shown remembers, per results box, the description on the page and its nodes.
const shown = new WeakMap<Node, { kids: (V | string)[]; nodes: Node[] }>();

// lang is the page's language, and policy the document of the result being shown, set by render
// for the helpers below.
let lang = "zh";
let policy = "";

export type Context = {
  lang: string;
  prefix: string; // "/en" on English pages
};

// clauseLink links article n of the result's document, as the page's content labels it.
function clauseLink(n: number): V | null {
  const a = article(policy, n);
  if (!a) return null;
  return v("a", { href: a.url, class: "calc-clause" }, msg("calc.clause", { c: a.label }));
}

// depts names the departments responsible for article n (its 〔…负责〕 bracket).
function depts(n: number): V | null {
  const a = article(policy, n);
  const ids = a ? a.departments : [];
  if (!ids.length) return null;
  return v("span", { class: "calc-depts" }, msg("calc.departments") + " " + ids.map(departmentName).join(lang === "zh" ? "、" : ", "));
}

function text(t: { zh: string; en: string }): string {
  return lang === "zh" ? t.zh : t.en;
}

function money(n: number): string {
  return formatYuan(n, lang);
}

function yearLabel(y: number | string): string {
  return msg("calc.year", { year: y });
}

// afterMark is the badge of an amount whose year is after the policy's stated horizon.
function afterMark(): V {
  return v("span", { class: "calc-after" }, msg("calc.after_horizon"));
}

// chart draws cash by year as bars. Its text alternative is the label; the same figures are in
// the list beside it. Years after the policy's stated horizon (after[i]) are drawn outlined.
function chart(years: string[], amounts: number[], after: boolean[]): V {
  const w = 320, hgt = 150, top = 22, bottom = 24;
  const max = Math.max.apply(null, amounts.concat([1]));
  const slot = w / Math.max(years.length, 1);
  const bar = Math.min(56, slot * 0.6);
  const label = msg("calc.chart_label") + " " + years.map((y, i) => yearLabel(y) + " " + money(amounts[i]) + (after[i] ? " (" + msg("calc.after_horizon") + ")" : "")).join("; ");
  const svg = s("svg", { viewBox: "0 0 " + w + " " + hgt, class: "calc-chart", role: "img", "aria-label": label, focusable: "false" });
  svg.kids.push(s("line", { x1: 0, y1: hgt - bottom, x2: w, y2: hgt - bottom, class: "calc-chart-axis" }));
  years.forEach((y, i) => {
    const height = Math.round(((hgt - top - bottom) * amounts[i]) / max);
    const x = slot * i + (slot - bar) / 2;
    const cx = slot * i + slot / 2;
    const cls = "calc-chart-bar" + (after[i] ? " calc-chart-after" : "");
    const rect: { [k: string]: string | number } = { x: x.toFixed(1), y: hgt - bottom - height, width: bar.toFixed(1), height, class: cls, "data-year": y };
    if (after[i]) rect["data-after-horizon"] = "true";
    svg.kids.push(s("rect", rect));
    svg.kids.push(s("text", { x: cx.toFixed(1), y: hgt - bottom - height - 6, "text-anchor": "middle", class: "calc-chart-value" }, money(amounts[i])));
    svg.kids.push(s("text", { x: cx.toFixed(1), y: hgt - 6, "text-anchor": "middle", class: "calc-chart-year" }, y));
  });
  return svg;
}

function itemList(ctx: Context, items: Item[], cls: string): V {
  return v("ul", { class: "calc-items " + cls },
    ...items.map((it) =>
      v("li", itemAttrs(it),
        v("div", { class: "calc-item-head" },
          v("span", { class: "calc-item-name" }, msg("calc.item." + it.id)),
          v("span", { class: "calc-amount" }, money(it.amount))),
        v("p", { class: "calc-item-meta" }, yearLabel(it.year), it.afterHorizon ? " " : null, it.afterHorizon ? afterMark() : null,
          " · ", clauseLink(it.article),
          depts(it.article) ? " · " : null, depts(it.article)),
        v("p", { class: "calc-explain" }, text(it.explain)))));
}

function itemAttrs(it: Item): { [k: string]: string } {
  const a: { [k: string]: string } = { class: "calc-item", "data-item": it.id, "data-year": String(it.year), "data-amount": String(it.amount) };
  if (it.afterHorizon) a["data-after-horizon"] = "true";
  return a;
}

function section(title: string, cls: string, ...children: VChild[]): V {
  return v("section", { class: "calc-section " + cls }, v("h3", null, title), ...children);
}

// Extras are the "what if" estimates, filled in after the main result.
export type Extras = {
  threshold?: { gap: number; total: number };
  oneMoreYear?: { year: number; delta: number };
};

// render describes the results for out.
function render(ctx: Context, out: Output): V[] {
  lang = ctx.lang;
  policy = out.policy;
  const f: V[] = [];

  f.push(v("div", { class: "calc-summary" + (out.eligible ? "" : " calc-summary-no") },
    v("p", { class: "calc-total-label", id: "calc-total-label" }, msg("calc.total")),
    v("p", { class: "calc-total", "data-total": String(out.total), "aria-describedby": "calc-total-label" }, money(out.total)),
    v("p", { class: "calc-verdict" }, msg(out.eligible ? "calc.eligible" : "calc.not_eligible"))));
  const extras = v("div", { id: "calc-extras", class: "calc-extras" });
  extras.own = true;
  f.push(extras);

  const years = Object.keys(out.byYear).sort();
  if (years.length) {
    const amounts = years.map((y) => out.byYear[y]);
    // A year is after the horizon when its items are (the core marks each item).
    const late: { [y: string]: boolean } = {};
    for (const it of out.items) if (it.afterHorizon) late[String(it.year)] = true;
    const after = years.map((y) => !!late[y]);
    f.push(section(msg("calc.by_year"), "calc-by-year",
      v("div", { class: "calc-chart-box" }, chart(years, amounts, after)),
      v("ul", { class: "calc-years" },
        ...years.map((y, i) => {
          const attrs: { [k: string]: string } = { "data-year": y, "data-amount": String(amounts[i]) };
          if (after[i]) attrs["data-after-horizon"] = "true";
          return v("li", attrs, v("span", null, yearLabel(y)), " ", v("strong", null, money(amounts[i])), after[i] ? " " : null, after[i] ? afterMark() : null);
        })),
      after.some((x) => x) || out.savings.some((x) => x.afterHorizon) ? v("p", { class: "calc-after-note" }, msg("calc.after_horizon_note")) : null));
  }
  if (out.items.length) f.push(section(msg("calc.items"), "calc-cash", itemList(ctx, out.items, "calc-cash-items")));
  if (out.savings.length) {
    f.push(section(msg("calc.savings"), "calc-savings",
      itemList(ctx, out.savings, "calc-saving-items"),
      v("p", { class: "calc-savings-total", "data-savings-total": String(out.savingsTotal) },
        msg("calc.savings_total") + " ", v("strong", null, money(out.savingsTotal)))));
  }
  if (out.failed.length) {
    f.push(section(msg("calc.failed"), "calc-failed",
      v("ul", null, ...out.failed.map((x) => v("li", { "data-field": x.field },
        text(x.explain), " ", clauseLink(x.article),
        x.field ? v("a", { href: "#" + fieldIDOf(x.field), class: "calc-goto" }, msg("calc.change_reading")) : null)))));
  }
  if (out.missing.length) {
    f.push(section(msg("calc.missing"), "calc-missing",
      v("ul", null, ...out.missing.map((x) => v("li", { "data-field": x.field },
        text(x.explain), " ", clauseLink(x.article),
        v("a", { href: "#" + stepOf(x.field), class: "calc-goto" }, msg("calc.change_field")))))));
  }
  if (out.benefits.length) {
    f.push(section(msg("calc.benefits"), "calc-benefits",
      v("ul", null, ...out.benefits.map((b) => v("li", { "data-benefit": b.id },
        text(b.explain), " ", clauseLink(b.article), " ", depts(b.article))))));
  }
  if (out.warnings.length) {
    f.push(section(msg("calc.warnings"), "calc-warnings",
      v("ul", null, ...out.warnings.map((w) => v("li", { "data-warning": w.id }, text(w))))));
  }
  const a = out.assumptions;
  const reading = (key: string, field: string) =>
    v("li", null, msg(key), " ", v("a", { href: "#" + field, class: "calc-goto" }, msg("calc.change_reading")));
  f.push(section(msg("calc.readings"), "calc-readings",
    v("ul", null,
      reading("calc.reading.retention." + a.retentionCountsEntryYear, "f-assumptions-retentionCountsEntryYear"),
      reading("calc.reading.window." + a.windowStartsAtEntry, "f-assumptions-windowStartsAtEntry"),
      reading("calc.reading.taxBase." + a.taxBase, "f-assumptions-taxBase-" + a.taxBase),
      reading("calc.reading.taxIncreaseNetting." + a.taxIncreaseNetting, "f-assumptions-taxIncreaseNetting-" + a.taxIncreaseNetting),
      reading("calc.reading.hireStartsBeforeEntry." + a.hireStartsBeforeEntry, "f-assumptions-hireStartsBeforeEntry-" + a.hireStartsBeforeEntry),
      reading("calc.reading.hireStartLimit." + a.hireStartLimit, "f-assumptions-hireStartLimit-" + a.hireStartLimit),
      reading("calc.reading.socialInsuranceScope." + a.socialInsuranceScope, "f-assumptions-socialInsuranceScope-" + a.socialInsuranceScope),
      reading("calc.reading.exitEndsAllRewards." + a.exitEndsAllRewards, "f-assumptions-exitEndsAllRewards"),
      v("li", null, msg("calc.reading.shares", {
        vat: formatPercent(a.localShare.vat), cit: formatPercent(a.localShare.cit),
        other: formatPercent(a.localShare.otherLocal), ret: formatPercent(a.returnedFraction),
      }), " ", v("a", { href: "#f-assumptions-localShare-vat", class: "calc-goto" }, msg("calc.change_reading"))))));
  f.push(v("p", { class: "calc-version" }, msg("calc.version") + (ctx.lang === "zh" ? "" : " ") + versionText(out.version, ctx.lang)));
  return f;
}

// versionText writes the core's version in the page's language. The core says it in English,
// "jsz-2021-35/rules-1 (parameters as of 2026-11-25)": the rules' name stays as it is (it is
// an identifier), the date is written the language's way.
export function versionText(version: string, lang: string): string {
  const m = /^(.*) \(parameters as of (\d{4})-(\d{2})-(\d{2})\)$/.exec(version);
  if (!m) return version;
  const date = formatDate(new Date(Number(m[2]), Number(m[3]) - 1, Number(m[4])), lang);
  return m[1] + (lang === "zh" ? "" : " ") + msg("calc.version_params", { date });
}

// showResults puts the results for out into box, changing only what differs from the results
// shown there before.
export function showResults(box: HTMLElement, ctx: Context, out: Output) {
  const fresh = render(ctx, out);
  const old = shown.get(box) || { kids: [], nodes: [] };
  shown.set(box, { kids: fresh, nodes: sync(box, old.kids, old.nodes, fresh) });
}

// clearResults empties box.
export function clearResults(box: HTMLElement) {
  box.textContent = "";
  shown.delete(box);
}

// renderExtras fills #calc-extras once the "what if" estimates are back.
export function renderExtras(box: HTMLElement, ex: Extras) {
  box.textContent = "";
  if (ex.threshold) {
    box.appendChild(h("p", { class: "calc-hint-box", "data-threshold-total": String(ex.threshold.total) },
      msg("calc.threshold", { gap: money(ex.threshold.gap), total: money(ex.threshold.total) })));
  }
  if (ex.oneMoreYear && ex.oneMoreYear.delta > 0) {
    box.appendChild(h("p", { class: "calc-hint-box", "data-one-more-year": String(ex.oneMoreYear.delta) },
      msg("calc.one_more_year", { year: ex.oneMoreYear.year, delta: money(ex.oneMoreYear.delta) })));
  }
}

function fieldIDOf(path: string): string {
  return "f-" + path.replace(/[\[\].]+/g, "-").replace(/-$/, "");
}

// stepOf points a missing input (taxes, hires, guarantee) at the step that asks for it.
function stepOf(field: string): string {
  const steps: { [f: string]: string } = { taxes: "calc-step4", hires: "calc-step5", guarantee: "calc-step6" };
  return steps[field.replace(/[\[.].*$/, "")] || fieldIDOf(field);
}

// renderInputs lists what was entered, for the printed sheet.
export function renderInputs(pairs: [string, string][]): HTMLElement {
  return h("section", { class: "calc-print-inputs" },
    h("h3", null, msg("calc.print_inputs")),
    h("dl", null, ...pairs.map((p) => h("div", null, h("dt", null, p[0]), h("dd", null, p[1])))));
}
