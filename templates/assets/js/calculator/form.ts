// The form: repeatable rows, and reading the fields into the core's JSON input.
//
// Field names are the JSON paths (revenue, taxes[0].vat, assumptions.localShare.cit); ids are
// the same path with "f-" in front and punctuation as "-" (f-taxes-0-vat), and each field's
// message element is "e-…" (e-taxes-0-vat).

import { msg } from "./messages";
import { parseInt10, parseMoney, parseMonth, parsePercent } from "./format";

export type Control = HTMLInputElement | HTMLSelectElement;

export function fieldID(path: string): string {
  return "f-" + path.replace(/[\[\].]+/g, "-").replace(/-$/, "");
}

export function errorID(path: string): string {
  return "e" + fieldID(path).slice(1);
}

// Groups of repeatable rows, each filled from a <template id="calc-row-NAME">.
export const groups = ["taxes", "hires"];

export function rows(form: HTMLFormElement, group: string): HTMLElement[] {
  const box = form.querySelector("#calc-" + group);
  return box ? Array.prototype.slice.call(box.children) : [];
}

// addRow appends an empty row to group and returns it.
export function addRow(form: HTMLFormElement, group: string): HTMLElement {
  const tpl = document.getElementById("calc-row-" + group) as HTMLTemplateElement;
  const row = (tpl.content.firstElementChild as HTMLElement).cloneNode(true) as HTMLElement;
  (form.querySelector("#calc-" + group) as HTMLElement).appendChild(row);
  renumber(form, group);
  return row;
}

export function removeRow(form: HTMLFormElement, row: HTMLElement) {
  const box = row.parentElement as HTMLElement;
  const group = box.dataset.group as string;
  box.removeChild(row);
  renumber(form, group);
}

// renumber gives the rows of group their index in names, ids and legends (after an add or a
// removal), keeping what was typed.
function renumber(form: HTMLFormElement, group: string) {
  rows(form, group).forEach((row, i) => {
    row.dataset.index = String(i);
    const legend = row.querySelector("legend");
    if (legend) legend.textContent = msg(legend.dataset.legend as string, { n: i + 1 });
    row.querySelectorAll<HTMLElement>("[name],[id],[for],[aria-describedby]").forEach((el) => {
      for (const attr of ["name", "id", "for", "aria-describedby"]) {
        const v = el.getAttribute(attr);
        if (v) el.setAttribute(attr, v.replace(/\[(#|\d+)\]/g, "[" + i + "]").replace(/-(#|\d+)-/g, "-" + i + "-"));
      }
    });
    const remove = row.querySelector<HTMLElement>("[data-remove]");
    if (remove && legend) remove.setAttribute("aria-label", remove.textContent + " " + legend.textContent);
  });
}

// Raw is a number written to JSON exactly as typed (no float rounding).
class Raw {
  constructor(readonly text: string) {}
}

export type ClientError = { field: string; text: string };

// Reading is the form turned into the core's input. paths maps a JSON path the core may name in
// an error ("taxes[0].vat") to the form's path ("taxes[2].vat") when empty rows were skipped.
export type Reading = {
  json: string;
  input: any;
  errors: ClientError[];
  paths: { [jsonPath: string]: string };
  empty: boolean; // neither required field has been filled in
};

// Fields are looked up through form.elements, the browser's own index of a form's controls by
// name: much cheaper than a selector query, and this runs on every key press.
function control(form: HTMLFormElement, name: string): Control | null {
  const c = form.elements.namedItem(name);
  return c instanceof HTMLInputElement || c instanceof HTMLSelectElement ? c : null;
}

function value(form: HTMLFormElement, name: string): string {
  const c = control(form, name);
  return c ? c.value.trim() : "";
}

function checked(form: HTMLFormElement, name: string): boolean {
  const c = control(form, name) as HTMLInputElement | null;
  return !!c && c.checked;
}

// radio returns the value of the checked radio button of a group ("" when none is).
function radio(form: HTMLFormElement, name: string): string {
  const list = form.elements.namedItem(name) as RadioNodeList | null;
  return list && typeof list.value === "string" ? list.value : "";
}

// read turns the form into the core's input. Text that is not a number never reaches the core:
// it becomes a client error in the page's language, and the field is left out.
export function read(form: HTMLFormElement): Reading {
  const errors: ClientError[] = [];
  const paths: { [k: string]: string } = {};
  const num = (path: string, jsonPath: string, text: string): Raw | undefined => {
    const c = control(form, path);
    const kind = c ? c.dataset.kind : "money";
    let v: string | null;
    switch (kind) {
      case "int":
        v = parseInt10(text);
        if (v === null) errors.push({ field: path, text: msg("calc.err.whole") });
        break;
      case "percent":
        v = parsePercent(text);
        if (v === null) errors.push({ field: path, text: msg("calc.err.percent") });
        break;
      default:
        v = parseMoney(text);
        if (v === null) errors.push({ field: path, text: msg("calc.err.number") });
    }
    paths[jsonPath] = path;
    return v === null ? undefined : new Raw(v);
  };

  const input: any = {};
  const year = value(form, "firstEntryYear");
  const revenue = value(form, "revenue");
  if (year === "") errors.push({ field: "firstEntryYear", text: msg("calc.err.required.firstEntryYear") });
  else input.firstEntryYear = num("firstEntryYear", "firstEntryYear", year);
  if (revenue === "") errors.push({ field: "revenue", text: msg("calc.err.required.revenue") });
  else input.revenue = num("revenue", "revenue", revenue);
  input.route = radio(form, "route");
  input.industrial = checked(form, "industrial");
  input.firstTime = checked(form, "firstTime");
  const last = value(form, "lastYearInDirectory");
  if (last !== "") input.lastYearInDirectory = num("lastYearInDirectory", "lastYearInDirectory", last);
  input.priorityField = radio(form, "priorityField");
  const sector = value(form, "prioritySector");
  if (sector !== "") input.prioritySector = sector;
  input.techSME = checked(form, "techSME");
  input.inCultivationPool = checked(form, "inCultivationPool");
  const employees = value(form, "employees");
  if (employees !== "") input.employees = num("employees", "employees", employees);

  // Rows: an empty row is left out; a partly filled one is sent as it is, and the core names
  // what is missing.
  const taxes: any[] = [];
  rows(form, "taxes").forEach((row, i) => {
    const p = "taxes[" + i + "]";
    const j = "taxes[" + taxes.length + "]";
    const fields = ["year", "vat", "cit", "otherLocal"];
    if (fields.every((f) => value(form, p + "." + f) === "")) return;
    const t: any = {};
    for (const f of fields) {
      const v = value(form, p + "." + f);
      paths[j + "." + f] = p + "." + f;
      if (v !== "") t[f] = num(p + "." + f, j + "." + f, v);
    }
    paths[j] = p;
    taxes.push(t);
  });
  if (taxes.length) input.taxes = taxes;

  const hires: any[] = [];
  rows(form, "hires").forEach((row, i) => {
    const p = "hires[" + i + "]";
    const j = "hires[" + hires.length + "]";
    const fields = ["start", "contractMonths", "monthlyEmployerContribution", "monthsEmployed", "monthlyEmployeeContribution"];
    if (fields.every((f) => value(form, p + "." + f) === "")) return;
    const h: any = {};
    for (const f of fields) {
      const v = value(form, p + "." + f);
      paths[j + "." + f] = p + "." + f;
      if (v === "") continue;
      if (f === "start") {
        const m = parseMonth(v);
        if (m === null) errors.push({ field: p + ".start", text: msg("calc.err.month") });
        else h.start = m;
      } else {
        h[f] = num(p + "." + f, j + "." + f, v);
      }
    }
    paths[j] = p;
    hires.push(h);
  });
  if (hires.length) input.hires = hires;

  const amount = value(form, "guarantee.amount");
  const rate = value(form, "guarantee.alternativeFeeRate");
  if (amount !== "" || rate !== "") {
    const g: any = {};
    if (amount !== "") g.amount = num("guarantee.amount", "guarantee.amount", amount);
    if (rate !== "") g.alternativeFeeRate = num("guarantee.alternativeFeeRate", "guarantee.alternativeFeeRate", rate);
    input.guarantee = g;
  }

  const a: any = {
    retentionCountsEntryYear: checked(form, "assumptions.retentionCountsEntryYear"),
    windowStartsAtEntry: checked(form, "assumptions.windowStartsAtEntry"),
    taxBase: radio(form, "assumptions.taxBase"),
    hireStartsBeforeEntry: radio(form, "assumptions.hireStartsBeforeEntry"),
    hireStartLimit: radio(form, "assumptions.hireStartLimit"),
    socialInsuranceScope: radio(form, "assumptions.socialInsuranceScope"),
    taxIncreaseNetting: radio(form, "assumptions.taxIncreaseNetting"),
    exitEndsAllRewards: checked(form, "assumptions.exitEndsAllRewards"),
  };
  const share: any = {};
  for (const t of ["vat", "cit", "otherLocal"]) {
    const path = "assumptions.localShare." + t;
    const v = value(form, path);
    if (v !== "") share[t] = num(path, path, v);
  }
  if (Object.keys(share).length) a.localShare = share;
  const ret = value(form, "assumptions.returnedFraction");
  if (ret !== "") a.returnedFraction = num("assumptions.returnedFraction", "assumptions.returnedFraction", ret);
  input.assumptions = a;

  return { json: toJSON(input), input, errors, paths, empty: year === "" && revenue === "" };
}

// toJSON writes the input, with Raw numbers as typed and fields that failed to parse left out.
function toJSON(v: any): string {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return "[" + v.map(toJSON).join(",") + "]";
  if (v !== null && typeof v === "object") {
    const parts: string[] = [];
    for (const k of Object.keys(v)) {
      if (v[k] === undefined) continue;
      parts.push(JSON.stringify(k) + ":" + toJSON(v[k]));
    }
    return "{" + parts.join(",") + "}";
  }
  return JSON.stringify(v);
}

// withValue returns the JSON of input with one top-level field replaced (for the "what if"
// estimates: revenue at the threshold, one more year in the directory).
export function withValue(input: any, field: string, text: string): string {
  const copy: any = {};
  for (const k of Object.keys(input)) copy[k] = input[k];
  copy[field] = new Raw(text);
  return toJSON(copy);
}

// labelText is a field's label without the "(required)" and "(optional)" marks, for the error
// summary and the printed list of inputs.
export function labelText(form: HTMLFormElement, path: string): string {
  const id = fieldID(path);
  let el: Element | null = form.querySelector('label[for="' + id + '"]');
  if (!el) {
    const box = document.getElementById(id);
    el = box && box.tagName === "FIELDSET" ? box.querySelector("legend") : null;
  }
  if (!el) return path;
  const copy = el.cloneNode(true) as HTMLElement;
  copy.querySelectorAll(".calc-req,.calc-opt").forEach((x) => x.remove());
  let text = (copy.textContent || "").trim();
  const row = el.closest(".calc-row");
  const legend = row && row.querySelector("legend");
  if (legend) text = legend.textContent + " · " + text;
  return text;
}
