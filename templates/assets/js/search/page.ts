// The search page (templates/layouts/search.html): reads ?q=, searches as the reader
// types, renders results as links in rank order, announces the count in the status
// element, and keeps the URL in step with history.replaceState. Arrow keys move between
// results; Tab and Enter work as on any list of links. The searching itself (index, ranking,
// snippets) runs in the search worker (searcher.ts), so that this thread only fills the list.

import { Found, Searcher, WorkerSearcher, fetchJSON } from "./searcher";

const pageSize = 10; // results shown at a time: each needs its page file for the snippet
const debounceMs = 200;
const warmDelayMs = 2000; // from the first results to the offline download (warmSoon)

// Interface strings come from data-msg-* attributes on the root element (the template
// fills them with T); these are the fallbacks for keys the template does not set.
const fallback: Record<string, Record<string, string>> = {
  zh: {
    results: "共找到{n}条结果",
    one: "共找到1条结果",
    none: "没有找到相关内容。",
    error: "搜索索引未能加载，请检查网络后重试。",
    more: "显示更多结果",
  },
  en: {
    results: "{n} results",
    one: "1 result",
    none: "Nothing found.",
    error: "The search index could not be loaded. Check the connection and try again.",
    more: "Show more results",
  },
};

// idle resolves when the browser has nothing more urgent to do (requestIdleCallback; where
// that is missing, as in Safari, after a short pause).
function idle(): Promise<void> {
  return new Promise((resolve) => {
    const ric = (window as unknown as { requestIdleCallback?: (cb: () => void, opts: { timeout: number }) => void })
      .requestIdleCallback;
    if (ric) ric(() => resolve(), { timeout: 2000 });
    else window.setTimeout(resolve, 50);
  });
}

// nextTask resolves in a new task, so that the browser may handle input and paint in between.
function nextTask(): Promise<void> {
  return new Promise((resolve) => window.setTimeout(resolve, 0));
}

// load fetches a JSON file of the index, for a searcher on this thread. Each fetch starts in a
// task of its own: a query asks for a dozen shards at once, and then for ten page files, and
// starting them all in one task made it a long one (a browser with developer tools open, as
// Lighthouse runs it, spends some milliseconds in each fetch() call).
async function load(path: string): Promise<unknown> {
  await nextTask();
  return fetchJSON(path, location.href);
}

// pageSearcher is the searcher for a browser where no worker can start: it loads the worker's
// script into the page (search-worker.ts hands over its searcher then, as
// window.scaleupSearchLocal) and searches on this thread, pausing between steps.
function pageSearcher(src: string, integrity: string, entry: string): Searcher {
  let made: Promise<Searcher> | null = null;
  const get = () => {
    if (!made) {
      made = new Promise<Searcher>((resolve, reject) => {
        const script = document.createElement("script");
        script.src = src;
        if (integrity) script.integrity = integrity;
        script.onload = () => {
          const local = (window as unknown as { scaleupSearchLocal?: { make: (...a: unknown[]) => Searcher } }).scaleupSearchLocal;
          if (local) resolve(local.make(load, entry, nextTask, idle));
          else reject(new Error(src + ": no searcher"));
        };
        script.onerror = () => reject(new Error(src + " did not load"));
        document.head.appendChild(script);
      });
      made.catch(() => (made = null)); // the next query tries again
    }
    return made;
  };
  return {
    find: (q, from, count) => get().then((s) => s.find(q, from, count)),
    warm: () => get().then((s) => s.warm()),
  };
}

export function start(): void {
  const root = document.querySelector<HTMLElement>("[data-index]");
  if (!root) return;
  const form = root.querySelector<HTMLFormElement>('form[role="search"]');
  const input = root.querySelector<HTMLInputElement>("#search-q");
  const status = root.querySelector<HTMLElement>('[role="status"]');
  const results = root.querySelector<HTMLElement>("#search-results");
  const all = root.querySelector<HTMLElement>("#search-all");
  if (!form || !input || !status || !results) return;
  const lang = document.documentElement.lang.indexOf("en") === 0 ? "en" : "zh";
  const msg = (key: string, n?: number) =>
    (root.getAttribute("data-msg-" + key) || fallback[lang][key] || "").replace("{n}", String(n));

  // The searcher: the search worker, made on first use; this thread's own where no worker
  // can start.
  const entry = root.getAttribute("data-index") || "";
  const script = root.getAttribute("data-worker");
  const local = () => pageSearcher(script || "", root.getAttribute("data-worker-integrity") || "", entry);
  let made: Searcher | null = null;
  const searcher = (): Searcher => {
    if (made) return made;
    try {
      if (script && typeof Worker !== "undefined") made = new WorkerSearcher(script, entry, local);
    } catch {
      made = null; // a policy or an old browser: search here instead
    }
    if (!made) made = local();
    return made;
  };

  // For the benchmarks: the URLs the search worker has fetched, which the page's own resource
  // timing does not list. (The tokenizer's test hooks are in search-worker.ts.)
  (window as unknown as Record<string, unknown>).scaleupSearch = {
    workerResources: () => {
      const s = searcher();
      return s instanceof WorkerSearcher ? s.resources() : Promise.resolve([]);
    },
  };

  let seq = 0; // the latest query; older answers are dropped

  // announce sets the status text. A status that already has text is emptied first, so a
  // screen reader also speaks a count equal to the previous one. An empty one (the first query)
  // is set at once, in the same frame as the results: each extra frame costs a layout and a
  // paint of the page, which a slow phone feels.
  const announce = (text: string, my: number) => {
    if (status.textContent === "") {
      status.textContent = text;
      return;
    }
    status.textContent = "";
    window.setTimeout(() => {
      if (my === seq) status.textContent = text;
    }, 50);
  };

  // warm loads the whole index, when small, so that later queries work with the network
  // gone (a training room with a flaky connection). It runs a little after the first results
  // (warmSoon), or once the page has loaded when there is no query, so a cold query stays
  // cheap. data-prefetched="true" on the root marks the end (for the tests).
  let warmed = false;
  const warm = () => {
    if (warmed) return;
    warmed = true;
    searcher()
      .warm()
      .then((whole) => {
        if (whole) root.setAttribute("data-prefetched", "true");
      })
      .catch(() => {
        warmed = false; // the next query tries again
      });
  };
  // warmSoon waits before warm, and then for an idle moment: its hundred-odd downloads keep the
  // network and the other CPU cores busy, and just after the first results the page is still
  // laying them out. On a phone with few cores the two compete, and the results come slower.
  const warmSoon = () => window.setTimeout(() => idle().then(warm), warmDelayMs);

  // render adds results to list and returns the "more results" button to put after the list
  // when there are more, or null; the caller places it.
  const render = (q: string, found: Found, from: number, list: HTMLOListElement, my: number): HTMLButtonElement | null => {
    for (const d of found.hits) {
      const li = document.createElement("li");
      li.className = "search-hit";
      const a = document.createElement("a");
      a.href = d.u;
      let title = d.t;
      if (d.c) {
        const label = document.createElement("span");
        label.className = "search-hit-clause";
        label.textContent = d.c;
        a.appendChild(label);
        if (title.indexOf(d.c) === 0) title = title.slice(d.c.length);
      }
      const t = document.createElement("span");
      t.className = "search-hit-title";
      t.textContent = title;
      a.appendChild(t);
      const p = document.createElement("p");
      p.className = "search-hit-snippet";
      d.s.forEach((piece, i) => {
        if (!piece) return;
        if (i % 2 === 0) {
          p.appendChild(document.createTextNode(piece));
          return;
        }
        const mark = document.createElement("mark");
        mark.textContent = piece;
        p.appendChild(mark);
      });
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    }
    const next = from + found.hits.length;
    if (next >= found.total) return null;
    const more = document.createElement("button");
    more.type = "button";
    more.className = "search-more";
    more.textContent = msg("more");
    more.addEventListener("click", () => {
      searcher()
        .find(q, next, pageSize)
        .then((page) => {
          if (my !== seq) return;
          const again = render(q, page, next, list, my);
          more.remove();
          if (again) results.appendChild(again);
          const link = list.querySelectorAll(".search-hit > a")[next] as HTMLElement | undefined;
          if (link) link.focus();
        })
        .catch(() => announce(msg("error"), my));
    });
    return more;
  };

  // rehearse renders one made-up result, with a "more results" button, into a list that never
  // joins the page. It runs once, while the worker answers the first query. The first render
  // pays one-off costs: in Lighthouse's traces, V8 spent 5-15 ms in it setting up the first
  // objects of each kind (v8.newInstance). Paid here, in a pause, they no longer lengthen the
  // task that shows the results (median 22 ms before, 9 ms after, over 8 runs each).
  const rehearse = () => {
    render("", { total: 2, hits: [{ u: "#", t: "", c: "x", s: ["x", "x"] }] }, 0, document.createElement("ol"), 0);
  };

  // The list of all clauses stays until results take its place, in the same frame: hiding it
  // first would move the footer up, and the results would then push it down again.
  const run = async (q: string) => {
    const my = ++seq;
    q = q.trim();
    if (!q) {
      results.textContent = "";
      status.textContent = "";
      if (all) all.hidden = false;
      return;
    }
    results.setAttribute("aria-busy", "true");
    try {
      const asked = searcher().find(q, 0, pageSize);
      if (my === 1) window.setTimeout(rehearse, 0);
      const found = await asked;
      if (my !== seq) return;
      if (found.total === 0) {
        results.textContent = "";
        announce(msg("none"), my);
        if (all) all.hidden = false; // help: every clause, one click away
        return;
      }
      // The list is filled off the page and swapped in whole, so the previous results (or the
      // list of all clauses) stay in place until then.
      const list = document.createElement("ol");
      list.className = "search-hits";
      const more = render(q, found, 0, list, my);
      results.textContent = "";
      results.appendChild(list);
      if (more) results.appendChild(more);
      if (all) all.hidden = true;
      announce(found.total === 1 ? msg("one") : msg("results", found.total), my);
      warmSoon();
    } catch (e) {
      if (my !== seq) return;
      results.textContent = "";
      announce(msg("error"), my);
      if (all) all.hidden = false;
    } finally {
      if (my === seq) results.removeAttribute("aria-busy");
    }
  };

  const setURL = (q: string) => {
    const url = q.trim() ? "?q=" + encodeURIComponent(q.trim()) : location.pathname;
    history.replaceState(history.state, "", url + location.hash);
  };

  let timer = 0;
  input.addEventListener("input", (e) => {
    if ((e as InputEvent).isComposing) return; // wait for the IME to finish a Chinese word
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      setURL(input.value);
      run(input.value);
    }, debounceMs);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    setURL(input.value);
    run(input.value);
  });

  // Arrow keys: from the box to the first result, and between results.
  root.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const links = Array.prototype.slice.call(results.querySelectorAll(".search-hit > a")) as HTMLElement[];
    if (links.length === 0) return;
    const at = links.indexOf(document.activeElement as HTMLElement);
    if (e.target === input) {
      if (e.key !== "ArrowDown") return;
      links[0].focus();
    } else if (at >= 0) {
      if (e.key === "ArrowDown") links[Math.min(at + 1, links.length - 1)].focus();
      else if (at === 0) input.focus();
      else links[at - 1].focus();
    } else return;
    e.preventDefault();
  });

  const q = new URLSearchParams(location.search).get("q") || "";
  input.value = q;
  if (q) run(q);
  else if (document.readyState === "complete") warm();
  else window.addEventListener("load", warm);
}
