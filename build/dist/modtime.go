package main

import (
	"errors"
	"io"
	"io/fs"
	"time"
)

// stamped gives every file of fsys the modification time mod. go:embed records none, and
// without one http.ServeContent sends no Last-Modified: browsers, told to revalidate pages
// (Cache-Control: no-cache), would download each page in full on every visit instead of getting
// 304 Not Modified.
func stamped(fsys fs.FS, mod time.Time) fs.FS {
	return stampedFS{fsys, mod}
}

type stampedFS struct {
	fsys fs.FS
	mod  time.Time
}

func (s stampedFS) Open(name string) (fs.File, error) {
	f, err := s.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	return stampedFile{f, s.mod}, nil
}

type stampedFile struct {
	fs.File
	mod time.Time
}

func (f stampedFile) Stat() (fs.FileInfo, error) {
	info, err := f.File.Stat()
	if err != nil {
		return nil, err
	}
	return stampedInfo{info, f.mod}, nil
}

// Seek keeps the embedded file seekable, so that ServeContent answers ranges without reading it
// into memory.
func (f stampedFile) Seek(offset int64, whence int) (int64, error) {
	s, ok := f.File.(io.Seeker)
	if !ok {
		return 0, errors.New("seek on a file that cannot seek")
	}
	return s.Seek(offset, whence)
}

type stampedInfo struct {
	fs.FileInfo
	mod time.Time
}

func (i stampedInfo) ModTime() time.Time { return i.mod }
