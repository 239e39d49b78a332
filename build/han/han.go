// Package han finds runs of Chinese in text, so that English pages can mark them
// lang="zh-Hans" (WCAG 3.1.2): the Markdown renderer does it for bodies, the templates for
// titles and headings.
package han

import "unicode"

// ChineseRun finds the first run of Chinese in s: it starts and ends with Chinese, may hold
// digits (发〔2021〕35号), and has at least one Han character (a lone "？" is not Chinese
// enough to change voice). It returns -1, -1 when there is none.
func ChineseRun(s string) (int, int) {
	start, end, han := -1, -1, false
	for i, r := range s {
		switch {
		case isChineseRun(r):
			if start < 0 {
				start = i
			}
			end = i + len(string(r))
			han = han || unicode.Is(unicode.Han, r)
		case start >= 0 && r >= '0' && r <= '9':
			// inside a run
		case start >= 0:
			if han {
				return start, end
			}
			start, end = -1, -1
		}
	}
	if han {
		return start, end
	}
	return -1, -1
}

// isChineseRun reports whether r belongs in a Chinese run: Han characters and the full-width
// punctuation and brackets that go with them.
func isChineseRun(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF01 && r <= 0xFF60
}
