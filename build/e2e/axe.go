package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The accessibility checker the browser tests inject into every page type: axe-core, installed
// by `make test-setup` with npm into a git-ignored folder (no Node.js is needed to build the
// site, so the file is not vendored).

// AxeVersion is the axe-core release the tests expect; the Makefile installs the same one.
const AxeVersion = "4.10.3"

// axeDir is where `make test-setup` installs axe-core, relative to the repository root.
const axeDir = ".cache/npm/node_modules/axe-core"

// errNoAxe reports that axe-core is not installed; outside CI the test skips on it.
var errNoAxe = fmt.Errorf("axe-core is not installed in %s: run `make test-setup`", axeDir)

// loadAxe returns the source of axe.min.js under root (the repository's root folder), after checking that the installed
// release is AxeVersion (another release can add or change rules, and so results).
func loadAxe(root string) (string, error) {
	dir := filepath.Join(root, axeDir)
	meta, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if os.IsNotExist(err) {
		return "", errNoAxe
	}
	if err != nil {
		return "", err
	}
	var pkg struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(meta, &pkg); err != nil {
		return "", fmt.Errorf("%s: %w", filepath.Join(dir, "package.json"), err)
	}
	if pkg.Version != AxeVersion {
		return "", fmt.Errorf("%s holds axe-core %s, want %s: run `make test-setup`", dir, pkg.Version, AxeVersion)
	}
	src, err := os.ReadFile(filepath.Join(dir, "axe.min.js"))
	if err != nil {
		return "", err
	}
	return string(src), nil
}

// axeRunScript runs axe on the whole document with the WCAG 2.0 and 2.1 A and AA rules (colour
// contrast among them) and returns the violations in the shape of axeViolation.
const axeRunScript = `axe.run(document, {
	runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
	resultTypes: ["violations"],
}).then(r => r.violations.map(v => ({
	id: v.id,
	impact: v.impact || "",
	help: v.help,
	nodes: v.nodes.map(n => ({
		target: n.target.map(String).join(" "),
		html: n.html.slice(0, 200),
		summary: (n.failureSummary || "").replace(/\s+/g, " ").slice(0, 300),
	})),
})))`

// axeViolation is one rule that failed on a page, with the elements that fail it.
type axeViolation struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	Nodes  []axeNode `json:"nodes"`
}

type axeNode struct {
	Target  string `json:"target"`  // CSS selector of the element
	HTML    string `json:"html"`    // its opening markup, cut short
	Summary string `json:"summary"` // what to fix
}

// String gives the rule, what it wants and up to five elements, for a test failure.
func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for i, n := range v.Nodes {
		if i == 5 {
			fmt.Fprintf(&b, "\n    … and %d more", len(v.Nodes)-i)
			break
		}
		fmt.Fprintf(&b, "\n    %s  %s\n      %s", n.Target, n.HTML, n.Summary)
	}
	return b.String()
}

// knownViolation is an accessibility defect that has been found, reported to the owner of the
// template or stylesheet, and not fixed yet. The list exists only so that main stays green
// while the fix is under way: every entry names the rule, the page, why it is there and when
// it was found, and the lead empties the list. A violation not on it fails TestAxe.
type knownViolation struct {
	Rule   string // axe rule id, e.g. "color-contrast"
	Page   string // the page as TestAxe names it ("/en/search/?q=subsidy"), or "*" for every page
	Reason string // the defect and the fix asked for
	Since  string // the day it was found, YYYY-MM-DD
}

// knownViolations: see knownViolation. Keep it short; keep it empty when possible.
var knownViolations = []knownViolation{}

// isKnownViolation reports whether the violation of rule on page is on the allow-list.
func isKnownViolation(rule, page string) bool {
	for _, k := range knownViolations {
		if k.Rule == rule && (k.Page == "*" || k.Page == page) {
			return true
		}
	}
	return false
}

// knownLangRun is a run of the other language that TestOtherLanguageMarked found without a
// lang attribute, reported and not fixed yet; the same rules as knownViolation apply.
type knownLangRun struct {
	Run    string // the text exactly as the test reports it: "小升规"
	Pages  string // the pages it is allowed on, as a path prefix: "/en/"
	Reason string
	Since  string
}

// knownLangRuns: see knownLangRun. Pages "" is every page.
var knownLangRuns = []knownLangRun{}

// isKnownLangRun reports whether run on the page at path is on the allow-list.
func isKnownLangRun(run, path string) bool {
	for _, k := range knownLangRuns {
		if k.Run == run && strings.HasPrefix(path, k.Pages) {
			return true
		}
	}
	return false
}
