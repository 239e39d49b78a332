//go:build !unix

package main

import "io/fs"

func inode(info fs.FileInfo) (ino uint64, blocks int64, ok bool) { return 0, 0, false }
