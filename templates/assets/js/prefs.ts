// Large text and strong contrast (适老化): a toggle button in the header of every page.
//
// The choice is kept in localStorage and applied as the class "large-text" on <html>, which
// _prefs.css styles. This file is loaded without defer in <head> (no inline script: the site's
// CSP forbids it), so the class is set before the first paint; the button is wired once the
// page is parsed. Storage can be missing or refuse (private windows, some in-app browsers):
// then the toggle still works for the page in view.

const storageKey = "scaleup.largeText";
const className = "large-text";

function stored(): boolean {
  try {
    return window.localStorage.getItem(storageKey) === "1";
  } catch {
    return false;
  }
}

function store(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(storageKey, "1");
    else window.localStorage.removeItem(storageKey);
  } catch {
    // not remembered; applied all the same
  }
}

function apply(on: boolean): void {
  document.documentElement.classList.toggle(className, on);
  const buttons = document.querySelectorAll<HTMLButtonElement>("[data-large-text]");
  for (let i = 0; i < buttons.length; i++) {
    buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
  }
}

apply(stored());

function wire(): void {
  const buttons = document.querySelectorAll<HTMLButtonElement>("[data-large-text]");
  for (let i = 0; i < buttons.length; i++) {
    const b = buttons[i];
    b.hidden = false;
    b.addEventListener("click", () => {
      const on = !document.documentElement.classList.contains(className);
      store(on);
      apply(on);
    });
  }
  apply(document.documentElement.classList.contains(className));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
else wire();

// Another tab changed the setting: follow it.
window.addEventListener("storage", (e) => {
  if (e.key === storageKey) apply(e.newValue === "1");
});
