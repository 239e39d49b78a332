// The results: built as DOM nodes (never HTML strings: explanations carry user numbers) with
// classes and SVG attributes only, so the strict Content-Security-Policy holds.
//
// render describes the results as a tree of plain objects (V), and showResults changes the page
// only where that tree differs from the one shown before: an edit usually changes a few figures
// and sentences, and creating every element of the lists and the chart again on each key press
// took longer than the estimate itself.

import { Item, Layer, Output } from "./engine";
import { formatDate, formatPercent, formatYuan } from "./format";
import { article, departmentName, layer, msg } from "./messages";

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

// lang is the page's language, and policy the layer (document) being shown, set by render for
// the helpers below.
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
  return v("a", { href: a.url, class: "calc-clause" }, a.cite || msg("calc.clause", { c: a.label }));
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

// Part is one layer's cash in one year, as the chart stacks it.
type Part = { layer: string; index: number; amount: number; after: boolean };

// chart draws cash by year as bars, each year's layers stacked from the bottom in the order of
// the estimate (the city, the province, the local schemes). The layers differ by pattern as well
// as by shade (solid, hatched, dotted; the legend and the list beside it name them), so that they
// are told apart without colour. Its text alternative is the label. A layer's part of a year
// after its policy's stated horizon is drawn outlined and dashed.
function chart(years: string[], parts: Part[][], totals: number[]): V {
  const w = 320, hgt = 150, top = 22, bottom = 24;
  const max = Math.max.apply(null, totals.concat([1]));
  const slot = w / Math.max(years.length, 1);
  const bar = Math.min(56, slot * 0.6);
  const label = msg("calc.chart_label") + " " + years.map((y, i) => yearLabel(y) + " " + money(totals[i]) +
    (parts[i].length > 1 ? " (" + parts[i].map((p) => layer(p.layer).name + " " + money(p.amount)).join(", ") + ")" : "") +
    (parts[i].some((p) => p.after) ? " (" + msg("calc.after_horizon") + ")" : "")).join("; ");
  const svg = s("svg", { viewBox: "0 0 " + w + " " + hgt, class: "calc-chart", role: "img", "aria-label": label, focusable: "false" });
  svg.kids.push(patterns());
  svg.kids.push(s("line", { x1: 0, y1: hgt - bottom, x2: w, y2: hgt - bottom, class: "calc-chart-axis" }));
  years.forEach((y, i) => {
    const x = slot * i + (slot - bar) / 2;
    const cx = slot * i + slot / 2;
    let base = hgt - bottom;
    for (const p of parts[i]) {
      const height = Math.round(((hgt - top - bottom) * p.amount) / max);
      base -= height;
      const rect = segment(p.index, p.after);
      Object.assign(rect, { x: x.toFixed(1), y: base, width: bar.toFixed(1), height, "data-year": y, "data-layer": p.layer });
      if (p.after) rect["data-after-horizon"] = "true";
      svg.kids.push(s("rect", rect));
    }
    svg.kids.push(s("text", { x: cx.toFixed(1), y: base - 6, "text-anchor": "middle", class: "calc-chart-value" }, money(totals[i])));
    svg.kids.push(s("text", { x: cx.toFixed(1), y: hgt - 6, "text-anchor": "middle", class: "calc-chart-year" }, y));
  });
  return svg;
}

// patterns are the fills of the layers after the first: hatched, then dotted (calculator.css).
function patterns(): V {
  const hatch = s("pattern", { id: "calc-pat-1", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
  hatch.kids.push(s("rect", { width: 6, height: 6, class: "calc-pat-bg" }), s("rect", { width: 3, height: 6, class: "calc-pat-ink" }));
  const dots = s("pattern", { id: "calc-pat-2", width: 5, height: 5, patternUnits: "userSpaceOnUse" });
  dots.kids.push(s("rect", { width: 5, height: 5, class: "calc-pat-bg" }), s("circle", { cx: 2.5, cy: 2.5, r: 1.5, class: "calc-pat-ink" }));
  const defs = s("defs", {});
  defs.kids.push(hatch, dots);
  return defs;
}

// segment is the look of a layer's bar: the first layer's colour, or a pattern the chart defines
// (as the fill attribute: the style sheet cannot name the page's own patterns).
function segment(index: number, after: boolean): { [k: string]: string | number } {
  const i = Math.min(index, 2);
  const a: { [k: string]: string | number } = { class: "calc-chart-bar calc-seg-" + i + (after ? " calc-chart-after" : "") };
  if (i > 0) a.fill = "url(#calc-pat-" + i + ")";
  return a;
}

// swatch is a layer's fill, for the legend; the legend's patterns are those of the chart.
function swatch(index: number): V {
  const svg = s("svg", { viewBox: "0 0 14 14", class: "calc-swatch", "aria-hidden": "true", focusable: "false" });
  const rect = segment(index, false);
  Object.assign(rect, { width: 14, height: 14 });
  svg.kids.push(s("rect", rect));
  return svg;
}

function itemList(ctx: Context, items: Item[], cls: string): V {
  return v("ul", { class: "calc-items " + cls },
    ...items.map((it) => {
      const link = clauseLink(it.article), who = depts(it.article);
      return v("li", itemAttrs(it),
        v("div", { class: "calc-item-head" },
          v("span", { class: "calc-item-name" }, it.name || msg("calc.item." + it.id)),
          v("span", { class: "calc-amount" }, money(it.amount))),
        v("p", { class: "calc-item-meta" }, yearLabel(it.year), it.afterHorizon ? " " : null, it.afterHorizon ? afterMark() : null,
          it.paidFromYear ? " · " + msg("calc.paid_from", { year: it.paidFromYear }) : null,
          link ? " · " : null, link, who ? " · " : null, who),
        v("p", { class: "calc-explain" }, text(it.explain)));
    }));
}

function itemAttrs(it: Item): { [k: string]: string } {
  const a: { [k: string]: string } = { class: "calc-item", "data-item": it.id, "data-year": String(it.year), "data-amount": String(it.amount) };
  if (it.afterHorizon) a["data-after-horizon"] = "true";
  if (it.paidFromYear) a["data-paid-from-year"] = String(it.paidFromYear);
  return a;
}

// section is a part of a layer's results, under the layer's heading (h3).
function section(title: string, cls: string, ...children: VChild[]): V {
  return v("section", { class: "calc-section " + cls }, v("h4", null, title), ...children);
}

// Extras are the "what if" estimates, filled in after the main result.
export type Extras = {
  threshold?: { gap: number; total: number };
  oneMoreYear?: { year: number; delta: number };
};

// render describes the results for out: the combined figure with every layer beside it, the cash
// by year stacked by layer, then each layer on its own (its document, dates, status and total, then
// its items, conditions, warnings and readings). The city's layer keeps the top level's marks
// (.calc-total[data-total]) for old links and scripts.
function render(ctx: Context, out: Output): V[] {
  lang = ctx.lang;
  const layers: Layer[] = out.policies && out.policies.length ? out.policies : [{ ...out, id: out.policy }];
  const f: V[] = [];

  f.push(v("div", { class: "calc-summary" + (out.grandTotal > 0 ? "" : " calc-summary-no") },
    v("p", { class: "calc-total-label", id: "calc-grand-label" }, msg("calc.grand_total")),
    v("p", { class: "calc-grand", "data-grand-total": String(out.grandTotal), "aria-describedby": "calc-grand-label" }, money(out.grandTotal)),
    v("ul", { class: "calc-layer-parts" }, ...layers.map((l) =>
      v("li", { "data-layer-part": l.id }, v("a", { href: "#calc-layer-" + l.id }, layer(l.id).name), " ", v("strong", null, money(l.total))))),
    v("p", { class: "calc-grand-note" }, msg("calc.grand_note"))));
  const extras = v("div", { id: "calc-extras", class: "calc-extras" });
  extras.own = true;
  f.push(extras);

  // Cash by year, every layer; a year's part of a layer is after its horizon when its items are.
  const years = Object.keys(layers.reduce((all, l) => Object.assign(all, l.byYear), {} as { [y: string]: number })).sort();
  if (years.length) {
    const withCash = layers.filter((l) => l.total !== 0 || Object.keys(l.byYear).length > 0);
    const parts = years.map((y) => {
      const list: Part[] = [];
      layers.forEach((l, index) => {
        const amount = l.byYear[y];
        if (amount) list.push({ layer: l.id, index, amount, after: l.items.some((it) => it.afterHorizon && String(it.year) === y) });
      });
      return list;
    });
    const totals = parts.map((ps) => ps.reduce((sum, p) => sum + p.amount, 0));
    const late = parts.map((ps) => ps.some((p) => p.after));
    const several = withCash.length > 1;
    f.push(v("section", { class: "calc-section calc-by-year" }, v("h3", null, msg("calc.by_year")),
      v("div", { class: "calc-chart-box" }, chart(years, parts, totals)),
      several ? v("ul", { class: "calc-chart-legend" }, ...withCash.map((l) => v("li", null, swatch(layers.indexOf(l)), " ", layer(l.id).name))) : null,
      v("ul", { class: "calc-years" },
        ...years.map((y, i) => {
          const attrs: { [k: string]: string } = { "data-year": y, "data-amount": String(totals[i]) };
          if (late[i]) attrs["data-after-horizon"] = "true";
          const detail: VChild[] = [];
          if (several) {
            parts[i].forEach((p, j) => {
              detail.push(j ? (lang === "zh" ? "；" : "; ") : (lang === "zh" ? "（" : " ("));
              detail.push(v("span", { "data-layer": p.layer, "data-amount": String(p.amount) }, layer(p.layer).name + " " + money(p.amount)));
            });
            detail.push(lang === "zh" ? "）" : ")");
          }
          return v("li", attrs, v("span", null, yearLabel(y)), " ", v("strong", null, money(totals[i])), ...detail,
            late[i] ? " " : null, late[i] ? afterMark() : null);
        })),
      late.some((x) => x) || layers.some((l) => l.savings.some((x) => x.afterHorizon)) ? v("p", { class: "calc-after-note" }, msg("calc.after_horizon_note")) : null));
  }
  for (const l of layers) f.push(layerBlock(ctx, l, l.id === out.policy));
  return f;
}

// layerBlock describes one layer: its document and status, its total, and what it consists of.
// primary is the layer of the top level (the city's): it keeps the classes and ids the page has
// always had.
function layerBlock(ctx: Context, l: Layer, primary: boolean): V {
  policy = l.id;
  const info = layer(l.id);
  const labelID = primary ? "calc-total-label" : "calc-total-label-" + l.id;
  const sep = lang === "zh" ? "：" : ": ";
  const b: VChild[] = [
    v("h3", { class: "calc-layer-title" }, info.name,
      info.title ? sep : null, info.title ? (info.url ? v("a", { href: info.url }, info.title) : info.title) : null,
      info.number ? (lang === "zh" ? "（" + info.number + "）" : " (" + info.number + ")") : null),
    info.meta ? v("p", { class: "calc-layer-meta" }, info.meta) : null,
    v("div", { class: "calc-layer-sum" + (l.total > 0 ? "" : " calc-layer-sum-no") },
      v("p", { class: "calc-total-label", id: labelID }, msg("calc.layer_total")),
      primary
        ? v("p", { class: "calc-total", "data-total": String(l.total), "aria-describedby": labelID }, money(l.total))
        : v("p", { class: "calc-total calc-layer-total", "aria-describedby": labelID }, money(l.total)),
      v("p", { class: "calc-verdict" }, primary ? msg(l.eligible ? "calc.eligible" : "calc.not_eligible") : msg("calc.verdict." + l.id + "." + l.eligible))),
  ];
  if (l.items.length) b.push(section(msg("calc.items"), "calc-cash", itemList(ctx, l.items, "calc-cash-items")));
  if (l.savings.length) {
    b.push(section(msg("calc.savings"), "calc-savings",
      itemList(ctx, l.savings, "calc-saving-items"),
      v("p", { class: "calc-savings-total", "data-savings-total": String(l.savingsTotal) },
        msg("calc.savings_total") + " ", v("strong", null, money(l.savingsTotal)))));
  }
  if (l.failed.length) {
    b.push(section(msg("calc.failed"), "calc-failed",
      v("ul", null, ...l.failed.map((x) => v("li", { "data-field": x.field },
        text(x.explain), " ", clauseLink(x.article),
        x.field ? v("a", { href: "#" + fieldIDOf(x.field), class: "calc-goto" }, msg("calc.change_reading")) : null)))));
  }
  if (l.missing.length) {
    b.push(section(msg("calc.missing"), "calc-missing",
      v("ul", null, ...l.missing.map((x) => v("li", { "data-field": x.field },
        text(x.explain), " ", clauseLink(x.article),
        v("a", { href: "#" + stepOf(x.field), class: "calc-goto" }, msg("calc.change_field")))))));
  }
  if (l.benefits.length) {
    b.push(section(msg("calc.benefits"), "calc-benefits",
      v("ul", null, ...l.benefits.map((x) => v("li", { "data-benefit": x.id },
        text(x.explain), " ", clauseLink(x.article), " ", depts(x.article))))));
  }
  if (l.warnings.length) {
    b.push(section(msg("calc.warnings"), "calc-warnings",
      v("ul", null, ...l.warnings.map((w) => v("li", { "data-warning": w.id }, text(w))))));
  }
  const readings = primary ? cityReadings(l) : Object.keys(l.assumptions).map((key) =>
    v("li", null, msg("calc.reading." + key + "." + l.assumptions[key]), " ",
      v("a", { href: "#f-assumptions-" + key, class: "calc-goto" }, msg("calc.change_reading"))));
  if (readings.length) b.push(section(msg("calc.readings"), "calc-readings", v("ul", null, ...readings)));
  if (l.version) b.push(v("p", { class: "calc-version" }, msg("calc.version") + (ctx.lang === "zh" ? "" : " ") + versionText(l.version, ctx.lang)));
  // A layer with nothing to say (no amount, no condition: no local scheme entered) is left off the
  // printed sheet.
  const empty = !l.items.length && !l.savings.length && !l.failed.length && !l.benefits.length;
  return v("section", { class: "calc-layer" + (primary ? " calc-layer-primary" : l.total ? "" : " calc-layer-zero") + (empty ? " calc-layer-empty" : ""), id: "calc-layer-" + l.id, "data-policy": l.id, "data-total": String(l.total) }, ...b);
}

// cityReadings lists the readings of the city's module, each with a link to its control.
function cityReadings(l: Layer): V[] {
  const a = l.assumptions;
  const reading = (key: string, field: string) =>
    v("li", null, msg(key), " ", v("a", { href: "#" + field, class: "calc-goto" }, msg("calc.change_reading")));
  return [
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
    }), " ", v("a", { href: "#f-assumptions-localShare-vat", class: "calc-goto" }, msg("calc.change_reading"))),
  ];
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
