package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// ids makes heading IDs that keep Chinese. goldmark's default drops every non-ASCII rune, so all
// Chinese headings would become "heading", "heading-1", … and deep links would break whenever a
// heading is added above. Like Hugo's autoid: keep letters and digits of any script, lower-case
// ASCII, turn everything else into single hyphens.
type ids struct {
	used map[string]bool
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Slugify turns heading text into an ID.
func Slugify(text string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.TrimSpace(text) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		case r == '_' || r == '-':
			if b.Len() > 0 {
				hyphen = true
			}
		default:
			// Spaces and punctuation (including full-width ones) separate words.
			if b.Len() > 0 {
				hyphen = true
			}
		}
	}
	return b.String()
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slugify(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }
