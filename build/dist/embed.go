package main

import (
	"embed"
	"errors"
	"io/fs"
)

// siteDir is where `make dist` builds the site, inside this package's folder.
const siteDir = "site/public"

// embedded holds site/: this README on a clean checkout, plus public/ after `make dist`.
// "all:" keeps the files whose names start with "_" (the search index in _search/, _headers).
//
//go:embed all:site
var embedded embed.FS

// errNoSite is what a binary built without `make dist` reports.
var errNoSite = errors.New("this binary was built without the site: build it with `make dist`")

// embeddedSite returns the embedded site, or errNoSite when it has no home page.
func embeddedSite() (fs.FS, error) {
	return siteIn(embedded)
}

// siteIn returns the site folder of fsys (laid out like this package's folder).
func siteIn(fsys fs.FS) (fs.FS, error) {
	site, err := fs.Sub(fsys, siteDir)
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(site, "index.html"); err != nil {
		return nil, errNoSite
	}
	return site, nil
}
