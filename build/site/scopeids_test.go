package site

import (
	"html/template"
	"testing"
)

func TestScopeIDs(t *testing.T) {
	tests := []struct {
		in, want template.HTML
	}{
		{`<p id="p1">a</p>`, `<p id="c8-p1">a</p>`},
		{`<a href="#fn:1" id="fnref:1">1</a>`, `<a href="#c8-fn:1" id="c8-fnref:1">1</a>`},
		{`<a href="/glossary/#term">x</a>`, `<a href="/glossary/#term">x</a>`}, // another page: unchanged
		{`<a class="term" data-id="x">x</a>`, `<a class="term" data-id="x">x</a>`},
		{``, ``},
	}
	for _, tt := range tests {
		if got := ScopeIDs("c8", tt.in); got != tt.want {
			t.Errorf("ScopeIDs(c8, %s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
