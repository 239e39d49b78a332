// Entry point of the search page's script (bundled by the generator with esbuild).
// Everything lives in search/; see search/page.ts.
import { start } from "./search/page";

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
