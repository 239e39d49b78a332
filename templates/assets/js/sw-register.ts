// Registers the offline service worker (/sw.js, built by build/offline) on every page, so that
// after one visit the whole site works without a network. It never throws: a browser without
// service workers, a private window that refuses them or a failed download leaves the site
// working online exactly as before.
//
// Skipped:
//   - on plain http other than this machine (localhost, 127.0.0.1, [::1]): browsers allow
//     service workers only in secure contexts, and asking would only log an error;
//   - under the dev server (go run ./build serve), which marks its pages with
//     <meta name="dev-build">: a cache would hide the edits being previewed. A worker left
//     there by an earlier build served on the same address is removed.

function register(): void {
  try {
    const container = navigator.serviceWorker;
    if (!container) return;
    if (document.querySelector('meta[name="dev-build"]')) {
      container
        .getRegistrations()
        .then((registrations) => registrations.forEach((r) => r.unregister()))
        .catch(() => undefined);
      return;
    }
    const host = location.hostname;
    const local = host === "localhost" || host === "127.0.0.1" || host === "[::1]";
    if (location.protocol !== "https:" && !local) return;
    container.register("/sw.js", { scope: "/" }).catch(() => undefined);
  } catch {
    // a browser that throws on the API itself: stay online-only
  }
}

// After the load event and once the browser is idle, so the worker's downloads (the whole site)
// never compete with the page's own work.
function later(): void {
  const idle = (window as unknown as { requestIdleCallback?: (cb: () => void, opts: { timeout: number }) => void })
    .requestIdleCallback;
  if (idle) idle(register, { timeout: 5000 });
  else setTimeout(register, 2000);
}

// On the calculator page, idle is not enough: the page's main thread is idle while the module
// compiles and the worker starts the Go program, and the downloads slowed the first result by
// about a third (BenchmarkCalculatorFirstResult, site against no-service-worker). So the
// calculator says when it has shown its first answer or failed (data-settled on #calc and the
// calc-settled event), and registering waits for that, or for 10 s in case it never says.
function afterCalculator(then: () => void): void {
  const calc = document.getElementById("calc");
  if (!calc || calc.dataset.settled) return then();
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    then();
  };
  document.addEventListener("calc-settled", go);
  setTimeout(go, 10000);
}

if (document.readyState === "complete") afterCalculator(later);
else window.addEventListener("load", () => afterCalculator(later));
