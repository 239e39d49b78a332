package calculator_test

import (
	"path/filepath"
	"testing"

	"scaleup/calculator"
	"scaleup/calculator/modules"
)

// typicalInput is the benchmark enterprise: every clause with a few figures
// (the same as testdata/scenarios/*-typical-enterprise.json).
func typicalInput(b *testing.B) []byte {
	files, _ := filepath.Glob(filepath.Join("testdata", "scenarios", "*-typical-enterprise.json"))
	if len(files) != 1 {
		b.Fatal("typical-enterprise scenario not found")
	}
	return []byte(loadScenario(b, files[0]).Input)
}

// BenchmarkEstimate measures the rules alone on a decoded input.
func BenchmarkEstimate(b *testing.B) {
	in, errs := modules.All.Decode(typicalInput(b))
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := modules.All.Estimate(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEstimateJSON measures what one browser call costs: decode,
// estimate and encode.
func BenchmarkEstimateJSON(b *testing.B) {
	src := typicalInput(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, ok := modules.All.EstimateJSON(src); !ok {
			b.Fatal("estimate failed")
		}
	}
}

// BenchmarkDecodeInput and BenchmarkEncodeOutput split the JSON path.
func BenchmarkDecodeInput(b *testing.B) {
	src := typicalInput(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := modules.All.Decode(src); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

func BenchmarkEncodeOutput(b *testing.B) {
	in, _ := modules.All.Decode(typicalInput(b))
	out, err := modules.All.Estimate(in)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		calculator.EncodeOutput(out)
	}
}
