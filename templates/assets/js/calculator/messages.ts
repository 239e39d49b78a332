// Interface strings: the template writes them into #calc-msgs as <span data-k="key">, in the
// page's language, so the script holds no text of its own.

const strings: { [key: string]: string } = {};
const departments: { [id: string]: string } = {};
const articles: { [key: string]: Article } = {};
const layers: { [id: string]: LayerInfo } = {};

// Article is an article of a policy document as the page links it: the rule core names it by
// its document and number only.
export type Article = { url: string; label: string; cite: string; departments: string[] };

// LayerInfo is what the page says of a layer of the estimate: the document's level of government
// ("山西省级"), title, number and address, and a line with its dates and status on the site's
// reviewed date; for the local schemes, the interface strings say it.
export type LayerInfo = { name: string; title: string; number: string; url: string; meta: string };

export function loadMessages(root: ParentNode) {
  root.querySelectorAll<HTMLElement>("#calc-msgs [data-k]").forEach((el) => {
    strings[el.dataset.k as string] = el.textContent || "";
  });
  root.querySelectorAll<HTMLElement>("#calc-msgs [data-dept]").forEach((el) => {
    departments[el.dataset.dept as string] = el.textContent || "";
  });
  root.querySelectorAll<HTMLElement>("#calc-msgs [data-layer-doc]").forEach((el) => {
    const d = el.dataset;
    const meta = root.querySelector("#calc-msgs [data-layer-meta=\"" + d.layerDoc + "\"]");
    layers[d.layerDoc as string] = {
      name: el.textContent || "",
      title: d.title || "",
      number: d.number || "",
      url: d.url || "",
      meta: meta ? (meta.textContent || "").replace(/\s+/g, " ").trim() : "",
    };
  });
  root.querySelectorAll<HTMLElement>("#calc-msgs [data-article]").forEach((el) => {
    const d = el.dataset;
    articles[d.articleDoc + "/" + d.article] = {
      url: d.url || "",
      label: el.textContent || "",
      cite: d.ref || "",
      departments: (d.departments || "").split(" ").filter((s) => s !== ""),
    };
  });
}

// article is article n of document doc, or undefined when the page does not list it.
export function article(doc: string, n: number): Article | undefined {
  return articles[doc + "/" + n];
}

// layer describes the layer id: a document with rules, or the local schemes.
export function layer(id: string): LayerInfo {
  return layers[id] || { name: msg("calc.layer." + id), title: "", number: "", url: "", meta: msg("calc.layer." + id + "_meta") };
}

// msg returns the string for key with {name} placeholders filled in; a missing key shows itself.
export function msg(key: string, vars?: { [name: string]: string | number }): string {
  let s = key in strings ? strings[key] : key;
  if (vars) {
    for (const name in vars) s = s.split("{" + name + "}").join(String(vars[name]));
  }
  return s;
}

export function departmentName(id: string): string {
  return departments[id] || id;
}
