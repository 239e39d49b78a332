package serve

import (
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
)

// The watcher polls: it stats every file in the watched folders each Poll
// interval and compares size and modification time. 500 files take about
// 0.7 ms on the project's 2-core machine (BenchmarkScan), it needs no
// dependency, and it behaves the same on every system and file system
// (inotify misses changes in some mounts).

// stamp is what a change is judged by.
type stamp struct {
	size    int64
	modNano int64
}

// snapshot maps a file path to its stamp.
type snapshot map[string]stamp

// scan records every file under dirs. Folders that do not exist, and files
// that vanish while it walks, are skipped: a deleted file shows up as a
// missing key in the next snapshot.
func scan(dirs []string) snapshot {
	s := snapshot{}
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if e.IsDir() {
				if p != dir && skipDir(e.Name()) {
					return filepath.SkipDir
				}
				return nil
			}
			if ignored(e.Name()) {
				return nil
			}
			info, err := e.Info()
			if err != nil {
				return nil
			}
			s[p] = stamp{info.Size(), info.ModTime().UnixNano()}
			return nil
		})
	}
	return s
}

// skipDir reports folders that never hold sources: version control, editor
// state, dependencies.
func skipDir(name string) bool {
	return strings.HasPrefix(name, ".") || name == "node_modules"
}

// ignored reports files that editors write while saving, which would trigger
// a rebuild of half-written sources: Emacs backups (x~), lock and autosave
// files (.#x, #x#), Vim swap files (.x.swp) and its write test file 4913,
// JetBrains safe-write temporaries, and hidden files in general.
func ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."),
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swo"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"),
		name == "4913":
		return true
	}
	return false
}

// changed lists the paths that differ between two snapshots, sorted.
func changed(old, cur snapshot) []string {
	var paths []string
	for p, st := range cur {
		if o, ok := old[p]; !ok || o != st {
			paths = append(paths, p)
		}
	}
	for p := range old {
		if _, ok := cur[p]; !ok {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	return paths
}
