package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// goBench runs `go test -run '^$' -bench pattern -benchtime benchtime pkg` and
// returns each benchmark's metrics by unit ("ns/op", "ms/page", …), keyed by
// the benchmark's name without the -N suffix. The output goes to stderr too,
// so a long run shows progress. When the command fails, the benchmarks that
// did run are returned with the error, whose message holds the failures
// (--- FAIL lines and what follows them), for the report.
func goBench(pkg, pattern, benchtime string) (map[string]map[string]float64, string, error) {
	args := []string{"test", "-run", "^$", "-bench", pattern, "-benchtime", benchtime, pkg}
	cmd := exec.Command("go", args...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	command := "go " + strings.Join(quoteArgs(args), " ")
	fmt.Fprintln(os.Stderr, "bench: "+command)
	err := cmd.Run()
	os.Stderr.Write(out.Bytes())
	if err != nil {
		return parseBench(out.Bytes()), command, fmt.Errorf("%s: %w\n%s", command, err, failures(out.Bytes()))
	}
	return parseBench(out.Bytes()), command, nil
}

// failures returns the --- FAIL lines of go test's output and the indented
// lines that follow each.
func failures(out []byte) string {
	var b strings.Builder
	in := false
	for _, line := range strings.Split(string(out), "\n") {
		switch {
		case strings.HasPrefix(line, "--- FAIL"):
			in = true
		case in && (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")):
		default:
			in = false
		}
		if in {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// parseBench reads the lines of `go test -bench` output:
//
//	BenchmarkName-2   3   123456 ns/op   0.41 ms/page   2002 pages
func parseBench(out []byte) map[string]map[string]float64 {
	res := map[string]map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := f[0]
		if i := strings.LastIndex(name, "-"); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		m := map[string]float64{}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				break
			}
			m[f[i+1]] = v
		}
		res[name] = m
	}
	return res
}

func quoteArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, "^$*|() ") {
			a = "'" + a + "'"
		}
		out[i] = a
	}
	return out
}
