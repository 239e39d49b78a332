package calculator

// A rule module applies the rules of one policy document that pays money (OpenFisca's country
// package, Catala's scope): its parameters, dated and cited, its readings of what the text does
// not settle, and its estimate. The engine (this package) holds what every module shares: the
// one input document, money, the JSON codec and the output. Modules return article numbers and
// amounts; page paths, department names and labels are the site's business.

// Module is the rules of one policy document.
type Module interface {
	// Document is the id of the policy document the module applies, as its document.yaml
	// gives it ("jsz-2021-35").
	Document() string
	// Version names the module's rules and parameter set; every output carries it.
	Version() string
	// Reads lists the fields of the shared input the module reads (JSON names).
	Reads() []string
	// Readings lists the choices the document does not settle, each with its default.
	Readings() []Reading
	// Parameters lists every number the rules use, dated and cited.
	Parameters() []Param
	// Check returns what only this module can see wrong with a valid input (a sector id
	// that is not on its lists, say), in field order.
	Check(in *Input) []FieldError
	// Estimate applies the rules to an input that Validate and Check accept.
	Estimate(in *Input) Output
}

// Reading is one choice the text does not settle: its key in the input's "assumptions", the
// values it takes and the default, and the sentence of the document it interprets.
type Reading struct {
	Key      string   // e.g. "retentionCountsEntryYear"
	Values   []string // as written in JSON: "true", "false"; "fixed", "rolling"; "" for a number
	Default  string
	Sentence string // the words of the document the reading interprets
}

// Source cites where a parameter's value comes from.
type Source struct {
	Document string // title, e.g. 关于进一步推动我市中小微工业企业上规升级的实施意见
	Number   string // document number (文号) or issuing body
	Clause   string // the clause in Chinese, e.g. 第（四）条; may be empty
	ClauseEN string // the clause in English, e.g. clause (4); may be empty
	NumberEN string // Number for English readers when it is not a document number; may be empty
}

// Param is one dated, cited number used by the rules. Money is in fen, rates in parts per
// million, counts as plain integers (Unit says which).
type Param struct {
	ID        string
	Value     int64
	Unit      string // "fen", "ppm", "months", "years", "year", "persons"
	ValidFrom string // ISO date from which the value applies
	Source    Source
}

// CiteZH writes the parameter's source and date: "示政规〔2027〕1号第（四）条，自2027-03-01起".
func (p Param) CiteZH() string {
	return p.Source.Number + p.Source.Clause + "，自" + p.ValidFrom + "起"
}

// CiteEN writes the same in English: "示政规〔2027〕1号, clause (4), from 2027-03-01".
func (p Param) CiteEN() string {
	s := p.Source.Number
	if p.Source.NumberEN != "" {
		s = p.Source.NumberEN
	}
	if p.Source.ClauseEN != "" {
		s += ", " + p.Source.ClauseEN
	}
	return s + ", from " + p.ValidFrom
}

// Rules are the registered modules; the first is the primary one, whose result is the output's
// top level (the calculator's figures before there were several documents).
type Rules []Module

// Estimate validates the input (the shared checks, then each module's) and runs every module.
// An invalid input gives a *ValidationError listing every problem.
func (r Rules) Estimate(in Input) (Output, error) {
	errs := Validate(in)
	for _, m := range r {
		errs = append(errs, m.Check(&in)...)
	}
	if len(errs) > 0 {
		sortFieldErrors(errs)
		return Output{}, &ValidationError{Fields: errs}
	}
	var primary Output
	for i, m := range r {
		out := m.Estimate(&in)
		out.Policy = m.Document()
		if i == 0 {
			primary = out
		}
	}
	return primary, nil
}

// Decode reads an input document as DecodeInput does and adds what the modules find wrong with
// it, so that every problem is reported at once, in field order.
func (r Rules) Decode(src []byte) (Input, []FieldError) {
	in, errs := DecodeInput(src)
	if len(errs) == 1 && errs[0].Field == "" {
		return in, errs // not a JSON document: nothing else to say
	}
	for _, m := range r {
		errs = append(errs, m.Check(&in)...)
	}
	sortFieldErrors(errs)
	return in, errs
}

// EstimateJSON is the whole JSON path used by the WebAssembly adapter and the command: it
// decodes the input, estimates, and writes either the output document or an error document
// {"errors":[{"field","zh","en"}, …]}. ok is false for the error document.
func (r Rules) EstimateJSON(src []byte) (out []byte, ok bool) {
	in, errs := r.Decode(src)
	if len(errs) > 0 {
		return EncodeErrors(errs), false
	}
	o, err := r.Estimate(in)
	if err != nil {
		if ve, isVE := err.(*ValidationError); isVE {
			return EncodeErrors(ve.Fields), false
		}
		return EncodeErrors([]FieldError{{"", Text{"内部错误", "internal error"}}}), false
	}
	return EncodeOutput(o), true
}

// Version names the rules of every module, the primary's first.
func (r Rules) Version() string {
	v := ""
	for i, m := range r {
		if i > 0 {
			v += "; "
		}
		v += m.Version()
	}
	return v
}

// Parameters lists the parameters of every module, module by module.
func (r Rules) Parameters() []Param {
	var out []Param
	for _, m := range r {
		out = append(out, m.Parameters()...)
	}
	return out
}
