// Command zipdir writes a folder as a zip file that is the same on every run: entries sorted by
// path, one fixed timestamp, fixed permissions. `make dist` uses it for dist/scaleup-site.zip, the
// built site for any static server.
//
//	go run ./build/dist/zipdir -o dist/scaleup-site.zip build/dist/site/public
package main

import (
	"archive/zip"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"time"
)

// modified is the time of every entry: 1980-01-01, the earliest a zip file can record, so the
// archive depends on the files' contents only.
var modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

func main() {
	out := flag.String("o", "", "zip file to write")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: zipdir -o FILE.zip DIR\n")
	}
	flag.Parse()
	if *out == "" || flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := writeFile(*out, flag.Arg(0)); err != nil {
		fmt.Fprintln(os.Stderr, "zipdir:", err)
		os.Exit(1)
	}
}

// writeFile zips dir into the file out; on failure no half-written out is left behind.
func writeFile(out, dir string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := write(f, os.DirFS(dir)); err != nil {
		f.Close()
		os.Remove(out)
		return fmt.Errorf("%s: %w", dir, err)
	}
	return f.Close()
}

// write zips every regular file of fsys into w. Folders are implied by the paths.
func write(w io.Writer, fsys fs.FS) error {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		} else if !d.IsDir() {
			return fmt.Errorf("%s: not a regular file", p) // a symlink would zip what it points to
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no files to zip")
	}
	sort.Strings(files)

	zw := zip.NewWriter(w)
	for _, p := range files {
		method := zip.Deflate
		if ext := path.Ext(p); ext == ".br" || ext == ".gz" {
			method = zip.Store // already compressed
		}
		h := &zip.FileHeader{Name: p, Method: method, Modified: modified}
		h.SetMode(0o644)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		if _, err := fw.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}
