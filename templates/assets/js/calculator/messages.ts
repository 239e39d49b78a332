// Interface strings: the template writes them into #calc-msgs as <span data-k="key">, in the
// page's language, so the script holds no text of its own.

const strings: { [key: string]: string } = {};
const departments: { [id: string]: string } = {};
const articles: { [key: string]: Article } = {};

// Article is an article of a policy document as the page links it: the rule core names it by
// its document and number only.
export type Article = { url: string; label: string; departments: string[] };

export function loadMessages(root: ParentNode) {
  root.querySelectorAll<HTMLElement>("#calc-msgs [data-k]").forEach((el) => {
    strings[el.dataset.k as string] = el.textContent || "";
  });
  root.querySelectorAll<HTMLElement>("#calc-msgs [data-dept]").forEach((el) => {
    departments[el.dataset.dept as string] = el.textContent || "";
  });
  root.querySelectorAll<HTMLElement>("#calc-msgs [data-article]").forEach((el) => {
    const d = el.dataset;
    articles[d.articleDoc + "/" + d.article] = {
      url: d.url || "",
      label: el.textContent || "",
      departments: (d.departments || "").split(" ").filter((s) => s !== ""),
    };
  });
}

// article is article n of document doc, or undefined when the page does not list it.
export function article(doc: string, n: number): Article | undefined {
  return articles[doc + "/" + n];
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
