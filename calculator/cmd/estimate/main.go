// Command estimate runs the rule core on one enterprise (JSON) or on a whole
// cultivation pool (CSV).
//
//	go run ./calculator/cmd/estimate FILE.json      # or - for standard input
//	go run ./calculator/cmd/estimate -csv FILE.csv  # one row per enterprise, plus totals
//
// The input formats are documented in calculator/README.md. On bad input it
// prints every problem, each naming its field (and CSV row and column), in
// Chinese or, with -lang en, in English, to standard error and exits with
// status 2 without printing any result.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"scaleup/calculator"
	"scaleup/calculator/modules"
)

const (
	exitOK       = 0
	exitInternal = 1
	exitBadInput = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole command, testable without a process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		// The core does not panic on any input the fuzzer found; if it ever
		// does, say so plainly instead of printing a stack and a partial result.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "estimate: internal error: %v\n", r)
			code = exitInternal
		}
	}()
	fs := flag.NewFlagSet("estimate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	csvPath := fs.String("csv", "", "read enterprises from a CSV `file` (one per row) and write a CSV summary with per-year totals")
	compact := fs.Bool("compact", false, "print the JSON output on one line, exactly as the WebAssembly calculator returns it")
	lang := fs.String("lang", "zh", "language of the messages and of the CSV summary's readable columns: zh or en")
	bom := fs.Bool("bom", true, "start the CSV summary with a UTF-8 byte-order mark, so that Excel reads its Chinese; -bom=false leaves it out")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: estimate [-lang zh|en] [-compact] FILE.json|-")
		fmt.Fprintln(stderr, "       estimate [-lang zh|en] [-bom=false] -csv FILE.csv|-")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitBadInput
	}
	if *lang != "zh" && *lang != "en" {
		fmt.Fprintf(stderr, "estimate: -lang %s: use zh or en\n", *lang)
		return exitBadInput
	}
	if *csvPath != "" {
		if fs.NArg() != 0 {
			fs.Usage()
			return exitBadInput
		}
		return runCSV(*csvPath, csvOptions{lang: *lang, bom: *bom}, stdin, stdout, stderr)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitBadInput
	}
	name := fs.Arg(0)
	src, err := readInput(name, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "estimate: %v\n", err)
		return exitBadInput
	}
	in, errs := modules.All.Decode(src)
	if len(errs) > 0 {
		printFieldErrors(stderr, displayName(name), errs, *lang)
		return exitBadInput
	}
	out, err := modules.All.Estimate(in)
	if err != nil {
		fmt.Fprintf(stderr, "estimate: %s: %v\n", displayName(name), err)
		return exitBadInput
	}
	doc := calculator.EncodeOutput(out)
	if !*compact {
		var buf bytes.Buffer
		if err := json.Indent(&buf, doc, "", "  "); err != nil {
			fmt.Fprintf(stderr, "estimate: internal error: %v\n", err)
			return exitInternal
		}
		doc = buf.Bytes()
	}
	if _, err := stdout.Write(doc); err != nil {
		fmt.Fprintf(stderr, "estimate: %v\n", err)
		return exitInternal
	}
	return exitOK
}

func readInput(name string, stdin io.Reader) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(stdin)
	}
	return os.ReadFile(name)
}

func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}

// printFieldErrors prints one line per problem: "FILE: field: message", the field as the JSON
// path, the message in the reader's language.
func printFieldErrors(w io.Writer, where string, errs []calculator.FieldError, lang string) {
	for _, e := range errs {
		field := e.Field
		if field == "" {
			field = say(lang, "（整个文件）", "(document)")
		}
		fmt.Fprintf(w, "estimate: %s: %s: %s\n", where, field, say(lang, e.ZH, e.EN))
	}
}
