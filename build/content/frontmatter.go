package content

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// fieldError is a problem at a line of the file (1-based, counted from the top of the file).
type fieldError struct {
	Line, Col int
	Msg       string
}

// splitFrontMatter finds the YAML between the opening "---" line and the closing one.
// It returns the YAML, the line of the file where it starts, and the byte offset of the body.
func splitFrontMatter(src []byte) (yamlSrc []byte, yamlLine, bodyOffset int, err *fieldError) {
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return nil, 0, 0, &fieldError{1, 1, "the file must start with front matter: a line \"---\", YAML fields (title, description, …), and another \"---\""}
	}
	start := bytes.IndexByte(src, '\n') + 1
	pos := start
	for pos < len(src) {
		end := bytes.IndexByte(src[pos:], '\n')
		var line []byte
		next := len(src)
		if end < 0 {
			line = src[pos:]
		} else {
			line = src[pos : pos+end]
			next = pos + end + 1
		}
		if string(bytes.TrimRight(line, " \t\r")) == "---" {
			return src[start:pos], 2, next, nil
		}
		pos = next
	}
	return nil, 0, 0, &fieldError{1, 1, "front matter is not closed: add a line \"---\" after the last field"}
}

// parseFrontMatter decodes the YAML into fm, checking field names and types by hand so that each
// problem names its line. lines receives the line of every key. readable is false when the YAML
// itself cannot be read: then nothing is known of the fields, and the one error returned is the
// only thing worth saying (a "missing title" after it would only send the writer the wrong way).
func parseFrontMatter(yamlSrc []byte, firstLine int, fm *FrontMatter, lines map[string]int) (errs []fieldError, readable bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(yamlSrc, &doc); err != nil {
		line, msg := yamlErrorLine(yamlSrc, err)
		return []fieldError{{Line: firstLine + line - 1, Msg: "front matter is not valid YAML: " + msg}}, false
	}
	if len(doc.Content) == 0 {
		return nil, true // empty front matter: required-field checks report what is missing
	}
	root := doc.Content[0]
	at := func(n *yaml.Node) (int, int) { return firstLine + n.Line - 1, n.Column }
	if root.Kind != yaml.MappingNode {
		l, c := at(root)
		return []fieldError{{l, c, "front matter must be a list of \"field: value\" lines"}}, false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		l, c := at(k)
		if _, dup := lines[k.Value]; dup {
			errs = append(errs, fieldError{l, c, fmt.Sprintf("field %q is set twice", k.Value)})
			continue
		}
		lines[k.Value] = l
		if err := setField(fm, k.Value, v); err != "" {
			vl, vc := at(v)
			if strings.HasPrefix(err, "unknown field") {
				vl, vc = l, c
			}
			errs = append(errs, fieldError{vl, vc, err})
		}
	}
	return errs, true
}

func setField(fm *FrontMatter, key string, v *yaml.Node) string {
	switch key {
	case "title":
		return scalarString(v, &fm.Title)
	case "linkTitle":
		return scalarString(v, &fm.LinkTitle)
	case "description":
		return scalarString(v, &fm.Description)
	case "layout":
		return scalarString(v, &fm.Layout)
	case "translationKey":
		return scalarString(v, &fm.TranslationKey)
	case "kind":
		return scalarString(v, &fm.Kind)
	case "note":
		return scalarString(v, &fm.Note)
	case "weight":
		return scalarInt(v, &fm.Weight)
	case "article":
		return scalarInt(v, &fm.Article)
	case "part":
		return scalarInt(v, &fm.Part)
	case "search":
		if v.Kind != yaml.ScalarNode || (v.Value != "exclude" && v.Value != "support") {
			return "search must be \"exclude\" or \"support\""
		}
		fm.Search = v.Value
		return ""
	case "noindex":
		if v.Kind != yaml.ScalarNode || (v.Value != "true" && v.Value != "false") {
			return "noindex must be true or false"
		}
		fm.NoIndex = v.Value == "true"
		return ""
	case "draft":
		if v.Kind != yaml.ScalarNode || (v.Value != "true" && v.Value != "false") {
			return "draft must be true or false"
		}
		fm.Draft = v.Value == "true"
		return ""
	case "departments":
		return stringList(v, &fm.Departments)
	case "caveats":
		return stringList(v, &fm.Caveats)
	}
	return fmt.Sprintf("unknown field %q (known fields: title, linkTitle, description, layout, weight, translationKey, draft, kind, article, part, departments, caveats, note, search, noindex)", key)
}

func scalarString(v *yaml.Node, dst *string) string {
	if v.Kind != yaml.ScalarNode {
		return "expected text, found a list or a map"
	}
	*dst = v.Value
	return ""
}

func scalarInt(v *yaml.Node, dst *int) string {
	if v.Kind != yaml.ScalarNode {
		return "expected a whole number, found a list or a map"
	}
	n, err := strconv.Atoi(v.Value)
	if err != nil {
		return fmt.Sprintf("expected a whole number, found %q", v.Value)
	}
	*dst = n
	return ""
}

func stringList(v *yaml.Node, dst *[]string) string {
	if v.Kind != yaml.SequenceNode {
		return "expected a list, e.g. [a, b]"
	}
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode || item.Value == "" {
			return "expected a list of names"
		}
		*dst = append(*dst, item.Value)
	}
	return ""
}

// yamlErrorLine returns the line (1-based, in src) and the message of a YAML syntax error.
//
// yaml.v3 says "line N" in its message, but for a parser error (an unclosed [ or {, a missing
// key) N is the line before the one at fault, or the line where the enclosing mapping starts.
// The line a writer has to fix is the first one after which the text is broken in the same
// way: the shortest run of whole lines from the top that fails with the same message. That
// costs one parse per line, on the error path only.
func yamlErrorLine(src []byte, err error) (int, string) {
	line, msg := splitYAMLError(err)
	var node yaml.Node
	end := 0
	for n := 1; end < len(src); n++ {
		next := bytes.IndexByte(src[end:], '\n')
		if next < 0 {
			end = len(src)
		} else {
			end += next + 1
		}
		if e := yaml.Unmarshal(src[:end], &node); e != nil {
			if _, m := splitYAMLError(e); m == msg {
				return n, msg
			}
		}
	}
	return line, msg
}

// splitYAMLError pulls "line N" out of a yaml.v3 error, which is the only place it says where.
func splitYAMLError(err error) (int, string) {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if strings.HasPrefix(msg, "line ") {
		rest := msg[len("line "):]
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				return n, strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return 1, msg
}
