package site

import (
	"html/template"
	"regexp"
	"strings"
)

// idAttr matches an id attribute or an in-page link in rendered Markdown. goldmark escapes
// attribute values, so a value never holds a double quote.
var idAttr = regexp.MustCompile(`(\sid="|\shref="#)([^"]+)"`)

// ScopeIDs prefixes every id in h, and every in-page link to one, with prefix and "-". Pages that
// put many rendered pages together (the handout, the slides) need this: each clause numbers its
// paragraphs p1, p2…, and an id may appear only once in a page.
func ScopeIDs(prefix string, h template.HTML) template.HTML {
	return template.HTML(idAttr.ReplaceAllString(string(h), `${1}`+strings.ReplaceAll(prefix, "$", "$$")+`-${2}"`))
}
