//go:build unix

package output

import (
	"io/fs"
	"syscall"
)

// links is the number of hard links to the file described by info; 0 when unknown.
func links(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 0
}
