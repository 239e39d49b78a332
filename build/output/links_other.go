//go:build !unix

package output

import "io/fs"

// links is the number of hard links to the file described by info; 0 when unknown.
func links(info fs.FileInfo) uint64 { return 0 }
