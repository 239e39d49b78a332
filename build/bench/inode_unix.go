//go:build unix

package main

import (
	"io/fs"
	"syscall"
)

// inode returns the inode number of the file described by info and the blocks (of 512 bytes)
// allocated to it.
func inode(info fs.FileInfo) (ino uint64, blocks int64, ok bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return uint64(st.Ino), int64(st.Blocks), true
}
