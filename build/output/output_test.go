package output

import "testing"

// TestMinifyLeavesFingerprintedFiles: a fingerprinted file keeps its bytes (its name and the
// pages' integrity hashes are made from them); other text files are minified.
func TestMinifyLeavesFingerprintedFiles(t *testing.T) {
	const css = "body {\n  color : red ;\n}\n"
	s := Site{
		"assets/main.0123456789.css": []byte(css),
		"assets/app.0123456789.js":   []byte("var  a = 1 ;\n"),
		"style.css":                  []byte(css),
		"index.html":                 []byte("<p>  a  </p>\n"),
	}
	if err := Minify(NewCachedMinifier(nil), s, 2, nil); err != nil {
		t.Fatal(err)
	}
	if got := string(s["assets/main.0123456789.css"]); got != css {
		t.Errorf("fingerprinted CSS changed to %q", got)
	}
	if got := string(s["assets/app.0123456789.js"]); got != "var  a = 1 ;\n" {
		t.Errorf("fingerprinted JS changed to %q", got)
	}
	if got := string(s["style.css"]); got != "body{color:red}" {
		t.Errorf("style.css = %q, want it minified", got)
	}
	if got := string(s["index.html"]); got == "<p>  a  </p>\n" {
		t.Errorf("index.html was not minified")
	}
}
