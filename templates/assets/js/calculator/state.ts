// The scenario in the URL fragment, which browsers never send to a server:
//
//	#v1=y:2022~r:26000000~pf:four_foundations~t0v:1000000
//
// Only fields that differ from the form's defaults are written, each as short-key:value with the
// text as typed (URI-encoded). v1 is the format's version: a later format gets v2, and links in
// the old one keep opening.

import { addRow, groups, rows } from "./form";

// Short keys of the top-level fields, and of row fields (t0v is taxes[0].vat).
const keys: { [name: string]: string } = {
  firstEntryYear: "y",
  revenue: "r",
  route: "ro",
  industrial: "in",
  firstTime: "ft",
  lastYearInDirectory: "ly",
  priorityField: "pf",
  prioritySector: "ps",
  techSME: "ts",
  inCultivationPool: "cp",
  employees: "em",
  "guarantee.amount": "ga",
  "guarantee.alternativeFeeRate": "gr",
  "assumptions.retentionCountsEntryYear": "ar",
  "assumptions.windowStartsAtEntry": "aw",
  "assumptions.taxBase": "ab",
  "assumptions.localShare.vat": "av",
  "assumptions.localShare.cit": "ac",
  "assumptions.localShare.otherLocal": "ao",
  "assumptions.returnedFraction": "af",
  // Added with rules-2. A link made before has none of them: the form's defaults, which are the
  // core's, apply, so an old link opens as it did (except where rules-2 changed a result).
  "assumptions.hireStartsBeforeEntry": "ah",
  "assumptions.hireStartLimit": "al",
  "assumptions.socialInsuranceScope": "as",
  "assumptions.taxIncreaseNetting": "an",
  "assumptions.exitEndsAllRewards": "ax",
};
const rowKeys: { [group: string]: { [field: string]: string } } = {
  taxes: { year: "y", vat: "v", cit: "c", otherLocal: "o" },
  hires: { start: "s", contractMonths: "m", monthlyEmployerContribution: "c", monthsEmployed: "e", monthlyEmployeeContribution: "p" },
};
const groupKeys: { [group: string]: string } = { taxes: "t", hires: "h" };

const prefix = "#v1=";

function enc(s: string): string {
  return encodeURIComponent(s).replace(/~/g, "%7E");
}

// encode returns the fragment for the form's state, or "" when every field has its default.
export function encode(form: HTMLFormElement): string {
  const parts: string[] = [];
  for (const name in keys) {
    const els = form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[name="' + name + '"]');
    if (!els.length) continue;
    const first = els[0];
    if (first instanceof HTMLInputElement && first.type === "radio") {
      let cur = "", def = "";
      els.forEach((el) => {
        const r = el as HTMLInputElement;
        if (r.checked) cur = r.value;
        if (r.defaultChecked) def = r.value;
      });
      if (cur !== def) parts.push(keys[name] + ":" + enc(cur));
    } else if (first instanceof HTMLInputElement && first.type === "checkbox") {
      if (first.checked !== first.defaultChecked) parts.push(keys[name] + ":" + (first.checked ? "1" : "0"));
    } else {
      const def = first instanceof HTMLInputElement ? first.defaultValue.trim() : "";
      if (first.value.trim() !== def) parts.push(keys[name] + ":" + enc(first.value.trim()));
    }
  }
  for (const g of groups) {
    rows(form, g).forEach((row, i) => {
      for (const f in rowKeys[g]) {
        const el = row.querySelector<HTMLInputElement>('[name="' + g + "[" + i + "]." + f + '"]');
        if (el && el.value.trim() !== "") parts.push(groupKeys[g] + i + rowKeys[g][f] + ":" + enc(el.value.trim()));
      }
    });
  }
  return parts.length ? prefix + parts.join("~") : "";
}

// decode fills the form from a fragment. It returns false when the fragment is not a scenario
// (a link to a field, say), leaving the form as it is.
export function decode(form: HTMLFormElement, hash: string): boolean {
  if (hash.indexOf(prefix) !== 0) return false;
  form.reset();
  for (const g of groups) rows(form, g).forEach((r) => r.remove());
  const byKey: { [k: string]: string } = {};
  for (const name in keys) byKey[keys[name]] = name;
  for (const part of hash.slice(prefix.length).split("~")) {
    const i = part.indexOf(":");
    if (i < 0) continue;
    const key = part.slice(0, i);
    let val: string;
    try {
      val = decodeURIComponent(part.slice(i + 1));
    } catch (e) {
      continue;
    }
    const m = /^([a-z])(\d{1,3})([a-z])$/.exec(key);
    if (m && !(key in byKey)) {
      const g = groups.find((x) => groupKeys[x] === m[1]);
      const field = g && Object.keys(rowKeys[g]).find((f) => rowKeys[g][f] === m[3]);
      const index = Number(m[2]);
      if (!g || !field || index > 200) continue;
      while (rows(form, g).length <= index) addRow(form, g);
      set(form, g + "[" + index + "]." + field, val);
      continue;
    }
    if (key in byKey) set(form, byKey[key], val);
  }
  return true;
}

function set(form: HTMLFormElement, name: string, val: string) {
  const els = form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[name="' + name + '"]');
  els.forEach((el) => {
    if (el instanceof HTMLInputElement && el.type === "radio") el.checked = el.value === val;
    else if (el instanceof HTMLInputElement && el.type === "checkbox") el.checked = val === "1";
    else el.value = val;
  });
}
