package calculator

import (
	"strings"
	"unicode/utf8"
)

// EncodeErrors writes the error document.
func EncodeErrors(errs []FieldError) []byte {
	w := &jsonWriter{}
	w.raw(`{"errors":[`)
	for i, e := range errs {
		if i > 0 {
			w.raw(",")
		}
		w.raw(`{"field":`)
		w.str(e.Field)
		w.raw(`,"zh":`)
		w.str(e.ZH)
		w.raw(`,"en":`)
		w.str(e.EN)
		w.raw("}")
	}
	w.raw("]}\n")
	return w.b
}

// EncodeOutput writes the output document. Keys are always written, in the
// order of the README, so the output is byte-for-byte deterministic.
func EncodeOutput(o Output) []byte {
	w := &jsonWriter{}
	w.b.Grow(outputSize(o))
	w.raw(`{"version":`)
	w.str(o.Version)
	w.raw(`,"policy":`)
	w.str(o.Policy)
	w.raw(`,"eligible":`)
	w.boolean(o.Eligible)
	w.raw(`,"total":`)
	w.raw(jsonYuan(o.Total))
	w.raw(`,"byYear":{`)
	for i, y := range o.ByYear {
		if i > 0 {
			w.raw(",")
		}
		w.raw(`"` + Itoa(y.Year) + `":`)
		w.raw(jsonYuan(y.Amount))
	}
	w.raw(`},"items":`)
	w.items(o.Items)
	w.raw(`,"savings":`)
	w.items(o.Savings)
	w.raw(`,"savingsTotal":`)
	w.raw(jsonYuan(o.SavingsTotal))
	w.raw(`,"benefits":[`)
	for i, b := range o.Benefits {
		if i > 0 {
			w.raw(",")
		}
		w.raw(`{"id":`)
		w.str(b.ID)
		w.ref(b.Ref)
		w.explain(b.Explain)
		w.raw("}")
	}
	w.raw(`],"failed":[`)
	for i, f := range o.Failed {
		if i > 0 {
			w.raw(",")
		}
		w.raw(`{"field":`)
		w.str(f.Field)
		w.ref(f.Ref)
		w.explain(f.Explain)
		w.raw("}")
	}
	w.raw(`],"missing":[`)
	for i, m := range o.Missing {
		if i > 0 {
			w.raw(",")
		}
		w.raw(`{"field":`)
		w.str(m.Field)
		w.ref(m.Ref)
		w.explain(m.Explain)
		w.raw("}")
	}
	w.raw(`],"warnings":[`)
	for i, x := range o.Warnings {
		if i > 0 {
			w.raw(",")
		}
		w.raw(`{"id":`)
		w.str(x.ID)
		w.ref(x.Ref)
		w.raw(`,"zh":`)
		w.str(x.ZH)
		w.raw(`,"en":`)
		w.str(x.EN)
		w.raw("}")
	}
	a := o.Assumptions
	w.raw(`],"assumptions":{"retentionCountsEntryYear":`)
	w.boolean(a.RetentionCountsEntryYear)
	w.raw(`,"windowStartsAtEntry":`)
	w.boolean(a.WindowStartsAtEntry)
	w.raw(`,"taxBase":`)
	w.str(string(a.TaxBase))
	w.raw(`,"localShare":{"vat":` + jsonRate(a.LocalShareVAT) + `,"cit":` + jsonRate(a.LocalShareCIT) +
		`,"otherLocal":` + jsonRate(a.LocalShareOther) + `},"returnedFraction":` + jsonRate(a.ReturnedFraction))
	w.raw(`,"hireStartsBeforeEntry":`)
	w.str(string(a.HireStartsBeforeEntry))
	w.raw(`,"hireStartLimit":`)
	w.str(string(a.HireStartLimit))
	w.raw(`,"socialInsuranceScope":`)
	w.str(string(a.SocialInsuranceScope))
	w.raw(`,"taxIncreaseNetting":`)
	w.str(string(a.TaxIncreaseNetting))
	w.raw(`,"exitEndsAllRewards":`)
	w.boolean(a.ExitEndsAllRewards)
	w.raw("}}\n")
	return w.b
}

// outputSize estimates the document's length so the buffer grows once.
func outputSize(o Output) int {
	n := 2048
	for _, it := range o.Items {
		n += len(it.Explain.ZH) + len(it.Explain.EN) + 200
	}
	for _, it := range o.Savings {
		n += len(it.Explain.ZH) + len(it.Explain.EN) + 200
	}
	for _, b := range o.Benefits {
		n += len(b.Explain.ZH) + len(b.Explain.EN) + 200
	}
	for _, f := range o.Failed {
		n += len(f.Explain.ZH) + len(f.Explain.EN) + 150
	}
	for _, m := range o.Missing {
		n += len(m.Explain.ZH) + len(m.Explain.EN) + 150
	}
	for _, x := range o.Warnings {
		n += len(x.ZH) + len(x.EN) + 80
	}
	return n
}

// jsonWriter appends to a byte slice (cheaper than strings.Builder here: no
// copy check per write, and the result is returned without another copy).
type jsonWriter struct {
	b byteBuf
}

type byteBuf []byte

func (b *byteBuf) WriteString(s string) { *b = append(*b, s...) }
func (b *byteBuf) AppendByte(c byte)    { *b = append(*b, c) }
func (b *byteBuf) Grow(n int)           { *b = make([]byte, 0, n) }
func (b *byteBuf) String() string       { return string(*b) }

func (w *jsonWriter) raw(s string) { w.b.WriteString(s) }

func (w *jsonWriter) boolean(v bool) {
	if v {
		w.raw("true")
	} else {
		w.raw("false")
	}
}

func (w *jsonWriter) items(items []Item) {
	w.raw("[")
	for i, it := range items {
		if i > 0 {
			w.raw(",")
		}
		w.raw(`{"id":`)
		w.str(it.ID)
		w.ref(it.Ref)
		w.raw(`,"year":` + Itoa(it.Year) + `,"amount":` + jsonYuan(it.Amount) + `,"afterHorizon":`)
		w.boolean(it.AfterHorizon)
		w.explain(it.Explain)
		w.raw("}")
	}
	w.raw("]")
}

// ref writes the article an entry applies: "clause" as the document writes its numeral, and
// "article", its number (0 when the entry applies to no one article).
func (w *jsonWriter) ref(r Ref) {
	w.raw(`,"clause":`)
	w.str(r.Clause)
	w.raw(`,"article":` + Itoa(r.Article))
}

func (w *jsonWriter) explain(t Text) {
	w.raw(`,"explain":{"zh":`)
	w.str(t.ZH)
	w.raw(`,"en":`)
	w.str(t.EN)
	w.raw("}")
}

const hexDigits = "0123456789abcdef"

// needsCare marks the bytes str cannot copy blindly: control characters,
// '"', '\\', '<', '>', '&', and 0xE2, the lead byte of U+2028 and U+2029.
var needsCare = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	for _, c := range []byte{'"', '\\', '<', '>', '&', 0xE2} {
		t[c] = true
	}
	return t
}()

// str writes a JSON string. Like encoding/json it escapes <, > and & (the
// output may be embedded in HTML) and U+2028/U+2029 (JavaScript line breaks),
// and replaces invalid UTF-8 with U+FFFD. Runs of bytes that need no escaping
// are copied in one go: explanations are long and mostly Chinese.
func (w *jsonWriter) str(s string) {
	b := &w.b
	b.AppendByte('"')
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	run := 0 // start of the pending run of bytes to copy unchanged
	for i := 0; i < len(s); {
		c := s[i]
		if !needsCare[c] {
			i++
			continue
		}
		if c == 0xE2 {
			// U+2028 and U+2029 are E2 80 A8 and E2 80 A9; other E2 sequences
			// (“ ” … and friends) are copied.
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				b.WriteString(s[run:i])
				b.WriteString(`\u202`)
				b.AppendByte(hexDigits[s[i+2]-0xA8+8])
				i += 3
				run = i
				continue
			}
			i++
			continue
		}
		b.WriteString(s[run:i])
		switch c {
		case '"', '\\':
			b.AppendByte('\\')
			b.AppendByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteString(`\u00`)
			b.AppendByte(hexDigits[c>>4])
			b.AppendByte(hexDigits[c&0xF])
		}
		i++
		run = i
	}
	b.WriteString(s[run:])
	b.AppendByte('"')
}
