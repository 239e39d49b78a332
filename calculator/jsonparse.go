package calculator

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// A small JSON reader. The WebAssembly build must not link encoding/json (it
// costs ~170 KB compressed), so the calculator parses its input here: into a
// tree of values that keep their byte offsets, then DecodeInput walks the tree
// and reports errors by field path. Numbers are kept as their literal text so
// money can be read exactly.

type jsonKind int

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

type jsonValue struct {
	kind    jsonKind
	text    string // number literal or decoded string
	boolean bool
	elems   []*jsonValue
	members []jsonMember
	off     int
}

type jsonMember struct {
	key   string
	value *jsonValue
}

const (
	maxJSONBytes = 1 << 20 // the largest input the calculator accepts
	maxJSONDepth = 32
)

type jsonParser struct {
	src   []byte
	pos   int
	depth int
	err   *FieldError
}

// parseJSON parses one JSON document. On failure it returns a FieldError with
// an empty field and the line and column of the problem.
func parseJSON(src []byte) (*jsonValue, *FieldError) {
	if len(src) > maxJSONBytes {
		return nil, &FieldError{"", Text{"输入过大（超过1 MB）", "input is too large (over 1 MB)"}}
	}
	p := &jsonParser{src: src}
	// A UTF-8 byte-order mark is tolerated: some editors write one.
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		p.pos = 3
	}
	p.skipSpace()
	v := p.value()
	if p.err != nil {
		return nil, p.err
	}
	p.skipSpace()
	if p.pos < len(p.src) {
		p.fail("JSON 文档结束后还有多余内容", "unexpected content after the JSON document")
		return nil, p.err
	}
	return v, nil
}

func (p *jsonParser) fail(zh, en string) {
	if p.err != nil {
		return
	}
	line, col := 1, 1
	for i := 0; i < p.pos && i < len(p.src); i++ {
		if p.src[i] == '\n' {
			line++
			col = 1
		} else if p.src[i]&0xC0 != 0x80 {
			col++
		}
	}
	where := strconv.Itoa(line) + ":" + strconv.Itoa(col)
	p.err = &FieldError{"", Text{"JSON 格式错误（第" + strconv.Itoa(line) + "行第" + strconv.Itoa(col) + "列）：" + zh,
		"malformed JSON at " + where + ": " + en}}
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) value() *jsonValue {
	if p.pos >= len(p.src) {
		p.fail("内容意外结束", "unexpected end of input")
		return nil
	}
	start := p.pos
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, ok := p.str()
		if !ok {
			return nil
		}
		return &jsonValue{kind: jsonString, text: s, off: start}
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case p.literal("true"):
		return &jsonValue{kind: jsonBool, boolean: true, off: start}
	case p.literal("false"):
		return &jsonValue{kind: jsonBool, off: start}
	case p.literal("null"):
		return &jsonValue{kind: jsonNull, off: start}
	}
	p.fail("此处应为一个值", "expected a value")
	return nil
}

func (p *jsonParser) literal(word string) bool {
	if len(p.src)-p.pos >= len(word) && string(p.src[p.pos:p.pos+len(word)]) == word {
		p.pos += len(word)
		return true
	}
	return false
}

func (p *jsonParser) enter() bool {
	p.depth++
	if p.depth > maxJSONDepth {
		p.fail("嵌套层级过深", "nesting is too deep")
		return false
	}
	return true
}

func (p *jsonParser) object() *jsonValue {
	v := &jsonValue{kind: jsonObject, off: p.pos}
	if !p.enter() {
		return nil
	}
	p.pos++ // {
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		p.depth--
		return v
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != '"' {
			p.fail("此处应为带引号的字段名", "expected a quoted field name")
			return nil
		}
		keyPos := p.pos
		key, ok := p.str()
		if !ok {
			return nil
		}
		for _, m := range v.members {
			if m.key == key {
				p.pos = keyPos
				p.fail("字段“"+key+"”重复", "duplicate field \""+key+"\"")
				return nil
			}
		}
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			p.fail("字段名后应为冒号", "expected ':' after the field name")
			return nil
		}
		p.pos++
		p.skipSpace()
		elem := p.value()
		if p.err != nil {
			return nil
		}
		v.members = append(v.members, jsonMember{key, elem})
		p.skipSpace()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			p.pos++
			p.depth--
			return v
		}
		p.fail("此处应为逗号或右花括号", "expected ',' or '}'")
		return nil
	}
}

func (p *jsonParser) array() *jsonValue {
	v := &jsonValue{kind: jsonArray, off: p.pos}
	if !p.enter() {
		return nil
	}
	p.pos++ // [
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		p.depth--
		return v
	}
	for {
		p.skipSpace()
		elem := p.value()
		if p.err != nil {
			return nil
		}
		v.elems = append(v.elems, elem)
		p.skipSpace()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == ']' {
			p.pos++
			p.depth--
			return v
		}
		p.fail("此处应为逗号或右方括号", "expected ',' or ']'")
		return nil
	}
}

func (p *jsonParser) number() *jsonValue {
	start := p.pos
	if p.src[p.pos] == '-' {
		p.pos++
	}
	digits := func() int {
		n := 0
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	intStart := p.pos
	if n := digits(); n == 0 {
		p.fail("数字格式错误", "malformed number")
		return nil
	} else if n > 1 && p.src[intStart] == '0' {
		p.pos = intStart
		p.fail("数字不能以0开头", "a number cannot start with 0")
		return nil
	}
	if p.pos < len(p.src) && p.src[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			p.fail("小数点后应有数字", "expected digits after the decimal point")
			return nil
		}
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			p.fail("指数格式错误", "malformed exponent")
			return nil
		}
	}
	return &jsonValue{kind: jsonNumber, text: string(p.src[start:p.pos]), off: start}
}

// str reads a quoted string, decoding escapes, and rejects invalid UTF-8 and
// control characters as JSON requires.
func (p *jsonParser) str() (string, bool) {
	p.pos++ // opening quote
	var out []byte
	for {
		if p.pos >= len(p.src) {
			p.fail("字符串没有结束", "unterminated string")
			return "", false
		}
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(out), true
		case c == '\\':
			p.pos++
			if p.pos >= len(p.src) {
				p.fail("字符串没有结束", "unterminated string")
				return "", false
			}
			e := p.src[p.pos]
			p.pos++
			switch e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return "", false
				}
				if utf16.IsSurrogate(r) {
					r2 := utf8.RuneError
					if p.pos+1 < len(p.src) && p.src[p.pos] == '\\' && p.src[p.pos+1] == 'u' {
						save := p.pos
						p.pos += 2
						lo, ok := p.hex4()
						if !ok {
							return "", false
						}
						if d := utf16.DecodeRune(r, lo); d != utf8.RuneError {
							r2 = d
						} else {
							p.pos = save
						}
					}
					r = r2
				}
				out = utf8.AppendRune(out, r)
			default:
				p.pos -= 2 // point at the backslash
				p.fail("无效的转义字符", "invalid escape")
				return "", false
			}
		case c < 0x20:
			p.fail("字符串中有控制字符", "control character in string")
			return "", false
		case c < 0x80:
			out = append(out, c)
			p.pos++
		default:
			r, size := utf8.DecodeRune(p.src[p.pos:])
			if r == utf8.RuneError && size <= 1 {
				p.fail("无效的 UTF-8 编码", "invalid UTF-8")
				return "", false
			}
			out = append(out, p.src[p.pos:p.pos+size]...)
			p.pos += size
		}
	}
}

func (p *jsonParser) hex4() (rune, bool) {
	if len(p.src)-p.pos < 4 {
		p.fail("\\u 后应有4位十六进制数", "expected four hex digits after \\u")
		return 0, false
	}
	var r rune
	for _, c := range p.src[p.pos : p.pos+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			p.fail("\\u 后应有4位十六进制数", "expected four hex digits after \\u")
			return 0, false
		}
	}
	p.pos += 4
	return r, true
}
