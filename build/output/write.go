package output

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path"

	"github.com/spf13/afero"
)

func hashBytes(b []byte) [32]byte { return sha256.Sum256(b) }

// Write puts the site into dir atomically: it writes everything to a sibling temporary folder,
// then swaps it in with two renames. If anything fails before the swap, dir is untouched.
func Write(fsys afero.Fs, dir string, s Site) error {
	tmp := dir + ".tmp"
	old := dir + ".old"
	_ = fsys.RemoveAll(tmp)
	_ = fsys.RemoveAll(old)
	for _, p := range sortedPaths(s) {
		full := path.Join(tmp, p)
		if err := fsys.MkdirAll(path.Dir(full), 0o755); err != nil {
			_ = fsys.RemoveAll(tmp)
			return fmt.Errorf("writing %s: %w", full, err)
		}
		if err := afero.WriteFile(fsys, full, s[p], 0o644); err != nil {
			_ = fsys.RemoveAll(tmp)
			return fmt.Errorf("writing %s: %w", full, err)
		}
	}
	if _, err := fsys.Stat(dir); err == nil {
		if err := fsys.Rename(dir, old); err != nil {
			_ = fsys.RemoveAll(tmp)
			return fmt.Errorf("replacing %s: %w", dir, err)
		}
	} else if !os.IsNotExist(err) {
		return err
	}
	if err := fsys.Rename(tmp, dir); err != nil {
		_ = fsys.Rename(old, dir) // put the previous site back
		return fmt.Errorf("replacing %s: %w", dir, err)
	}
	_ = fsys.RemoveAll(old)
	return nil
}
