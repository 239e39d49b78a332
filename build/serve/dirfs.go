package serve

import (
	"fmt"
	"io/fs"
	"os"
)

// DirFS opens dir as an fs.FS that cannot reach outside it: os.Root refuses
// "..", absolute paths and symlinks that lead out of dir, at the system-call
// level, so a symlink planted in the output folder cannot expose the rest of
// the disk. The directory stays open until the process ends; the dev server
// uses OpenRoot directly so it can close the old root after each rebuild.
func DirFS(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("serve: open %s: %w", dir, err)
	}
	return root.FS(), nil
}
