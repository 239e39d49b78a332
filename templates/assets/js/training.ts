// Classroom mode (templates/layouts/training.html): one slide at a time, moved with the keyboard
// or the two buttons, with a "3 / 28" counter and the address kept at #slide-N so that a reload
// (or a link passed round the room) opens the same slide.
//
// Without this script the page is every slide stacked, a readable long page; so the script only
// adds: it hides the other slides with the hidden attribute (out of the accessibility tree too)
// and marks <html> with "deck-on" for training.css.
//
// Focus: after a move, the new slide (tabindex="-1") takes focus, so a screen reader reads it
// from its heading; the counter is not a live region, which would read the number twice.
//
// Fit: a slide fills the window above the navigation bar and never scrolls. When its text is
// too long for the window (a long clause on a 4:3 projector), its type is scaled down (--fit,
// see training.css) just enough. The template splits what would otherwise get too small.

// Up and down arrows are left to the browser (nothing scrolls in the deck, but a reader may
// have zoomed in).
const keysNext = ["ArrowRight", "PageDown", " ", "Spacebar"];
const keysPrev = ["ArrowLeft", "PageUp"];

// The smallest scale fit may use: 0.5 of the deck's type keeps the policy text at 15 px or
// more on a 1024×768 projector.
const minFit = 0.5;

const fits = (s: HTMLElement): boolean =>
  s.scrollHeight <= s.clientHeight && s.scrollWidth <= s.clientWidth;

// fit scales slide's type to the largest size at which it fits, by bisection (eight layouts).
function fit(slide: HTMLElement): void {
  const set = (f: number) => slide.style.setProperty("--fit", f.toFixed(3));
  set(1);
  if (fits(slide)) return;
  let lo = minFit;
  let hi = 1;
  for (let k = 0; k < 8; k++) {
    const mid = (lo + hi) / 2;
    set(mid);
    if (fits(slide)) lo = mid;
    else hi = mid;
  }
  set(lo);
}

function start(deck: HTMLElement): void {
  const slides = Array.prototype.slice.call(deck.querySelectorAll(".slide")) as HTMLElement[];
  if (slides.length === 0) return;
  const controls = document.querySelector<HTMLElement>("[data-deck-controls]");
  const counter = document.querySelector<HTMLElement>("[data-deck-counter]");
  let current = -1;

  // layout gives the slides the height left by the bar, then fits the one on screen.
  const layout = (): void => {
    const bar = controls ? controls.offsetHeight : 0;
    document.documentElement.style.setProperty("--deck-bar", bar + "px");
    if (current >= 0) fit(slides[current]);
  };

  // fromHash reads "#slide-N" (1-based); anything else is the first slide.
  const fromHash = (): number => {
    const m = /^#slide-(\d+)$/.exec(location.hash);
    const n = m ? parseInt(m[1], 10) : 1;
    return Math.min(Math.max(n, 1), slides.length) - 1;
  };

  const show = (i: number, focus: boolean): void => {
    i = Math.min(Math.max(i, 0), slides.length - 1);
    if (i !== current) {
      slides.forEach((s, j) => {
        s.hidden = j !== i;
      });
      current = i;
      fit(slides[i]);
      window.scrollTo(0, 0);
    }
    if (counter) counter.textContent = i + 1 + " / " + slides.length;
    const hash = "#slide-" + (i + 1);
    // replaceState: moving through the slides must not fill the Back button's history, and it
    // does not make the browser scroll to the anchor.
    if (location.hash !== hash) history.replaceState(null, "", hash);
    if (focus) slides[i].focus();
  };

  document.documentElement.classList.add("deck-on");
  if (controls) controls.hidden = false;
  layout();
  show(fromHash(), false);
  // A new window size, or the large-text mode (a class on <html>, set by prefs.js), changes
  // what fits.
  window.addEventListener("resize", layout);
  new MutationObserver(layout).observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });

  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    const target = e.target as HTMLElement;
    // Space and Enter belong to a focused button or link; arrows to a form field.
    const control = target.closest("a, button, input, select, textarea, [contenteditable]");
    if (control && (e.key === " " || e.key === "Spacebar" || e.key === "Enter")) return;
    if (target.closest("input, select, textarea, [contenteditable]")) return;
    let next = -1;
    if (keysNext.indexOf(e.key) >= 0) next = current + 1;
    else if (keysPrev.indexOf(e.key) >= 0) next = current - 1;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = slides.length - 1;
    else if (e.key === "Escape") {
      location.href = deck.getAttribute("data-home") || "/";
      return;
    } else return;
    e.preventDefault();
    show(next, true);
  });

  const button = (sel: string, step: number): void => {
    const b = document.querySelector<HTMLButtonElement>(sel);
    if (b) b.addEventListener("click", () => show(current + step, false));
  };
  button("[data-deck-prev]", -1);
  button("[data-deck-next]", 1);

  // A link to another slide (#slide-5) typed or followed within the page.
  window.addEventListener("hashchange", () => show(fromHash(), true));
}

const deck = document.querySelector<HTMLElement>("[data-deck]");
if (deck) start(deck);
