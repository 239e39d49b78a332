// The results: built as DOM nodes (never HTML strings: explanations carry user numbers) with
// classes and SVG attributes only, so the strict Content-Security-Policy holds.

import { Item, Output } from "./engine";
import { clauseLabel, formatPercent, formatYuan } from "./format";
import { departmentName, msg } from "./messages";

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

function s(tag: string, attrs: { [k: string]: string | number }, text?: string): SVGElement {
  const el = document.createElementNS(svgNS, tag);
  for (const k in attrs) el.setAttribute(k, String(attrs[k]));
  if (text !== undefined) el.textContent = text;
  return el;
}

// lang is the page's language, set by render for the helpers below.
let lang = "zh";

export type Context = {
  lang: string;
  prefix: string; // "/en" on English pages
};

function clauseLink(ctx: Context, clause: string, path: string): HTMLElement {
  return h("a", { href: ctx.prefix + path, class: "calc-clause" }, msg("calc.clause", { c: clauseLabel(clause, ctx.lang) }));
}

function depts(ids: string[]): HTMLElement | null {
  if (!ids || !ids.length) return null;
  return h("span", { class: "calc-depts" }, msg("calc.departments") + " " + ids.map(departmentName).join(lang === "zh" ? "、" : ", "));
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

// chart draws cash by year as bars. Its text alternative is the label; the same figures are in
// the list beside it.
function chart(years: string[], amounts: number[]): SVGElement {
  const w = 320, hgt = 150, top = 22, bottom = 24;
  const max = Math.max.apply(null, amounts.concat([1]));
  const slot = w / Math.max(years.length, 1);
  const bar = Math.min(56, slot * 0.6);
  const label = msg("calc.chart_label") + " " + years.map((y, i) => yearLabel(y) + " " + money(amounts[i])).join("; ");
  const svg = s("svg", { viewBox: "0 0 " + w + " " + hgt, class: "calc-chart", role: "img", "aria-label": label, focusable: "false" });
  svg.appendChild(s("line", { x1: 0, y1: hgt - bottom, x2: w, y2: hgt - bottom, class: "calc-chart-axis" }));
  years.forEach((y, i) => {
    const height = Math.round(((hgt - top - bottom) * amounts[i]) / max);
    const x = slot * i + (slot - bar) / 2;
    const cx = slot * i + slot / 2;
    svg.appendChild(s("rect", { x: x.toFixed(1), y: hgt - bottom - height, width: bar.toFixed(1), height, class: "calc-chart-bar", "data-year": y }));
    svg.appendChild(s("text", { x: cx.toFixed(1), y: hgt - bottom - height - 6, "text-anchor": "middle", class: "calc-chart-value" }, money(amounts[i])));
    svg.appendChild(s("text", { x: cx.toFixed(1), y: hgt - 6, "text-anchor": "middle", class: "calc-chart-year" }, y));
  });
  return svg;
}

function itemList(ctx: Context, items: Item[], cls: string): HTMLElement {
  return h("ul", { class: "calc-items " + cls },
    ...items.map((it) =>
      h("li", { class: "calc-item", "data-item": it.id, "data-year": String(it.year), "data-amount": String(it.amount) },
        h("div", { class: "calc-item-head" },
          h("span", { class: "calc-item-name" }, msg("calc.item." + it.id)),
          h("span", { class: "calc-amount" }, money(it.amount))),
        h("p", { class: "calc-item-meta" }, yearLabel(it.year), " · ", clauseLink(ctx, it.clause, it.clausePath),
          it.departments && it.departments.length ? " · " : null, depts(it.departments)),
        h("p", { class: "calc-explain" }, text(it.explain)))));
}

function section(title: string, cls: string, ...children: Child[]): HTMLElement {
  return h("section", { class: "calc-section " + cls }, h("h3", null, title), ...children);
}

// Extras are the "what if" estimates, filled in after the main result.
export type Extras = {
  threshold?: { gap: number; total: number };
  oneMoreYear?: { year: number; delta: number };
};

// render returns the results for out.
export function render(ctx: Context, out: Output): DocumentFragment {
  lang = ctx.lang;
  const f = document.createDocumentFragment();

  f.appendChild(h("div", { class: "calc-summary" + (out.eligible ? "" : " calc-summary-no") },
    h("p", { class: "calc-total-label", id: "calc-total-label" }, msg("calc.total")),
    h("p", { class: "calc-total", "data-total": String(out.total), "aria-describedby": "calc-total-label" }, money(out.total)),
    h("p", { class: "calc-verdict" }, msg(out.eligible ? "calc.eligible" : "calc.not_eligible"))));
  f.appendChild(h("div", { id: "calc-extras", class: "calc-extras", "data-own": "" }));

  const years = Object.keys(out.byYear).sort();
  if (years.length) {
    const amounts = years.map((y) => out.byYear[y]);
    f.appendChild(section(msg("calc.by_year"), "calc-by-year",
      h("div", { class: "calc-chart-box" }, chart(years, amounts) as unknown as Node),
      h("ul", { class: "calc-years" },
        ...years.map((y, i) => h("li", { "data-year": y, "data-amount": String(amounts[i]) },
          h("span", null, yearLabel(y)), " ", h("strong", null, money(amounts[i])))))));
  }
  if (out.items.length) f.appendChild(section(msg("calc.items"), "calc-cash", itemList(ctx, out.items, "calc-cash-items")));
  if (out.savings.length) {
    f.appendChild(section(msg("calc.savings"), "calc-savings",
      itemList(ctx, out.savings, "calc-saving-items"),
      h("p", { class: "calc-savings-total", "data-savings-total": String(out.savingsTotal) },
        msg("calc.savings_total") + " ", h("strong", null, money(out.savingsTotal)))));
  }
  if (out.failed.length) {
    f.appendChild(section(msg("calc.failed"), "calc-failed",
      h("ul", null, ...out.failed.map((x) => h("li", { "data-field": x.field },
        text(x.explain), " ", clauseLink(ctx, x.clause, x.clausePath),
        x.field ? h("a", { href: "#" + fieldIDOf(x.field), class: "calc-goto" }, msg("calc.change_reading")) : null)))));
  }
  if (out.missing.length) {
    f.appendChild(section(msg("calc.missing"), "calc-missing",
      h("ul", null, ...out.missing.map((x) => h("li", { "data-field": x.field },
        text(x.explain), " ", clauseLink(ctx, x.clause, x.clausePath),
        h("a", { href: "#" + stepOf(x.field), class: "calc-goto" }, msg("calc.change_field")))))));
  }
  if (out.benefits.length) {
    f.appendChild(section(msg("calc.benefits"), "calc-benefits",
      h("ul", null, ...out.benefits.map((b) => h("li", { "data-benefit": b.id },
        text(b.explain), " ", clauseLink(ctx, b.clause, b.clausePath), " ", depts(b.departments))))));
  }
  if (out.warnings.length) {
    f.appendChild(section(msg("calc.warnings"), "calc-warnings",
      h("ul", null, ...out.warnings.map((w) => h("li", { "data-warning": w.id }, text(w))))));
  }
  const a = out.assumptions;
  const reading = (key: string, field: string) =>
    h("li", null, msg(key), " ", h("a", { href: "#" + field, class: "calc-goto" }, msg("calc.change_reading")));
  f.appendChild(section(msg("calc.readings"), "calc-readings",
    h("ul", null,
      reading("calc.reading.retention." + a.retentionCountsEntryYear, "f-assumptions-retentionCountsEntryYear"),
      reading("calc.reading.window." + a.windowStartsAtEntry, "f-assumptions-windowStartsAtEntry"),
      reading("calc.reading.taxBase." + a.taxBase, "f-assumptions-taxBase-" + a.taxBase),
      h("li", null, msg("calc.reading.shares", {
        vat: formatPercent(a.localShare.vat), cit: formatPercent(a.localShare.cit),
        other: formatPercent(a.localShare.otherLocal), ret: formatPercent(a.returnedFraction),
      }), " ", h("a", { href: "#f-assumptions-localShare-vat", class: "calc-goto" }, msg("calc.change_reading"))))));
  f.appendChild(h("p", { class: "calc-version" }, msg("calc.version") + " " + out.version));
  return f;
}

// patch makes the children of into the same as those of fresh (just rendered), changing only the
// nodes that differ: an edit usually changes a few figures and sentences, and rebuilding every
// list, the chart and the links on each key press took longer than the estimate itself. The
// children of an element marked data-own are filled by someone else (#calc-extras): patch
// leaves them alone.
export function patch(into: Node, fresh: Node) {
  let old = into.firstChild;
  let next = fresh.firstChild;
  while (next) {
    const node = next;
    next = node.nextSibling;
    if (!old) {
      into.appendChild(node);
    } else if (old.nodeType === node.nodeType && old.nodeName === node.nodeName) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        const a = old as Element, b = node as Element;
        for (let i = a.attributes.length - 1; i >= 0; i--) {
          const name = a.attributes[i].name;
          if (!b.hasAttribute(name)) a.removeAttribute(name);
        }
        for (let i = 0; i < b.attributes.length; i++) {
          const at = b.attributes[i];
          if (a.getAttribute(at.name) !== at.value) a.setAttribute(at.name, at.value);
        }
        if (!b.hasAttribute("data-own")) patch(a, b);
      } else if (old.nodeValue !== node.nodeValue) {
        old.nodeValue = node.nodeValue;
      }
      old = old.nextSibling;
    } else {
      into.replaceChild(node, old);
      old = node.nextSibling;
    }
  }
  while (old) {
    const gone = old;
    old = old.nextSibling;
    into.removeChild(gone);
  }
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
