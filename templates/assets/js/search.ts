// Entry point of the search page's script (bundled by the generator with esbuild).
// Everything lives in search/; see search/page.ts.
import { start } from "./search/page";

// start runs in a task of its own, not in the one that evaluates this script and dispatches
// DOMContentLoaded, so that each task stays short on a slow phone (see calculator.ts).
const begin = () => window.setTimeout(start, 0);
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", begin);
else begin();
