package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/afero"

	"scaleup/build/parallel"
)

// Write puts the site into dir atomically, as it is (no siblings, no cache): see Publish.
func Write(fsys afero.Fs, dir string, s Site) error {
	return Publish(fsys, dir, s, Compression{Skip: true}, 1)
}

// Publish writes the site into dir with its precompressed siblings (unless c.Skip), atomically:
// everything goes into a sibling temporary folder, which then replaces dir with two renames
// (the previous tree becomes DIR.old). If anything fails before the swap, dir is untouched.
// Files are compressed and written on workers goroutines.
//
// With c.Cache, every file comes from the cache: a file (or sibling) that an earlier build
// already made is a hard link to the cache's object when the output folder and the cache are on
// the same file system (a copy otherwise), and only new bytes are compressed and stored. The
// bytes written are the same with or without the cache.
//
// With hard links, the temporary folder is the tree before last (DIR.old, which Prepare keeps)
// brought up to date rather than a new one: a file that is already a link to its object stays,
// every other file and folder the site does not have goes, and the rest is linked or written
// anew. A rebuild after editing one page then costs two stat calls for each unchanged file
// instead of a link, and the next build nothing to remove. A file counts as up to date only
// when it is the cache's object itself (the same inode), so nothing stale survives, and a tree
// left by a killed build is removed, not reused.
func Publish(fsys afero.Fs, dir string, s Site, c Compression, workers int) error {
	tmp := dir + ".tmp"
	old := dir + ".old"
	_ = fsys.RemoveAll(tmp)
	reused := c.Cache != nil && fsys.Rename(old, tmp) == nil
	if !reused {
		_ = fsys.RemoveAll(old)
	}
	paths := sortedPaths(s)
	w := &writer{fs: fsys, tmp: tmp, c: c, site: s}
	if err := w.prepare(paths, reused); err != nil {
		_ = fsys.RemoveAll(tmp)
		return err
	}
	errs := make([]error, len(paths))
	parallel.For(len(paths), workers, func(i int) {
		z := compressorPool.Get().(*compressors)
		defer compressorPool.Put(z)
		errs[i] = w.file(z, paths[i], s[paths[i]])
	})
	if err := errors.Join(errs...); err != nil {
		_ = fsys.RemoveAll(tmp)
		return err
	}
	if err := swap(fsys, dir, tmp, old); err != nil {
		return err
	}
	if !w.linking || w.refused.Load() {
		// Copies: free the space now. A tree of hard links to the cache holds next to nothing
		// on its own, and the next build brings it up to date instead of linking every file.
		_ = fsys.RemoveAll(old)
	}
	if c.Cache != nil {
		// Only now: a failed build must not drop the entries of the files it did not reach.
		_ = c.Cache.saveMinified()
		c.Cache.prune(time.Now())
	}
	if c.MaxCache != nil && c.MaxCache != c.Cache {
		c.MaxCache.prune(time.Now())
	}
	return nil
}

// prepare makes the temporary folder ready for the files at paths: reused, it is the tree
// before last (see Publish), which it trims when this build links to the cache and replaces
// by an empty folder otherwise.
func (w *writer) prepare(paths []string, reused bool) error {
	if !reused {
		if err := w.fs.MkdirAll(w.tmp, 0o755); err != nil {
			return fmt.Errorf("writing %s: %w", w.tmp, err)
		}
	}
	w.osTmp, w.onDisk = osPath(w.fs, w.tmp)
	if w.c.Cache != nil && w.onDisk {
		w.osCache, w.linking = w.c.Cache.onDisk()
	}
	if reused {
		w.reuse = w.linking && w.trim(paths) == nil
		if !w.reuse {
			if err := w.fs.RemoveAll(w.tmp); err != nil {
				return err
			}
			return w.prepare(paths, false)
		}
	}
	return makeDirs(w.fs, w.tmp, paths)
}

// trim removes from the reused tree every file and folder that this build does not write.
func (w *writer) trim(paths []string) error {
	dirs := map[string]bool{}
	for _, p := range paths {
		for d := path.Dir(p); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	return filepath.WalkDir(w.osTmp, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(w.osTmp, name)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir() && !dirs[rel]:
			if err := os.RemoveAll(name); err != nil {
				return err
			}
			return filepath.SkipDir
		case !d.IsDir() && !w.writes(rel):
			return os.Remove(name)
		}
		return nil
	})
}

// writes reports whether this build writes the file at site path p, a sibling included.
func (w *writer) writes(p string) bool {
	if _, ok := w.site[p]; ok {
		return true
	}
	for _, enc := range encodings {
		if base, ok := strings.CutSuffix(p, enc); ok {
			data, ok := w.site[base]
			return ok && !w.c.Skip && HasSiblings(base, len(data))
		}
	}
	return false
}

// makeDirs creates tmp and every folder the paths need in it.
func makeDirs(fsys afero.Fs, tmp string, paths []string) error {
	dirs := map[string]bool{tmp: true}
	for _, p := range paths {
		dirs[path.Dir(path.Join(tmp, p))] = true
	}
	list := make([]string, 0, len(dirs))
	for d := range dirs {
		list = append(list, d)
	}
	sort.Strings(list) // parents first
	for _, d := range list {
		if err := fsys.Mkdir(d, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := fsys.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("writing %s: %w", d, err)
			}
		}
	}
	return nil
}

// swap replaces dir with tmp: dir becomes old, tmp becomes dir, old is removed.
func swap(fsys afero.Fs, dir, tmp, old string) error {
	if _, err := fsys.Stat(dir); err == nil {
		if err := fsys.Rename(dir, old); err != nil {
			_ = fsys.RemoveAll(tmp)
			return fmt.Errorf("replacing %s: %w", dir, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		_ = fsys.RemoveAll(tmp)
		return err
	}
	if err := fsys.Rename(tmp, dir); err != nil {
		_ = fsys.Rename(old, dir) // put the previous site back
		return fmt.Errorf("replacing %s: %w", dir, err)
	}
	return nil
}

// Tidy starts removing, in the background, what an earlier Publish into dir left beside it: the
// previous tree (DIR.old) and the temporary folder of a build that was killed (DIR.tmp). wait
// returns once that is done; call it before Publish.
func Tidy(fsys afero.Fs, dir string) (wait func()) {
	return removeAll(fsys, dir+".old", dir+".tmp")
}

// Prepare is what a build calls when it starts, so that removing what an earlier Publish left,
// mostly waiting for the file system, overlaps its other work: Tidy, except that a build with
// a cache keeps DIR.old, which Publish brings up to date instead of making a new tree.
func Prepare(fsys afero.Fs, dir string, c Compression) (wait func()) {
	if c.Cache == nil {
		return Tidy(fsys, dir)
	}
	return removeAll(fsys, dir+".tmp")
}

// removeAll removes the folders in the background; wait returns once that is done.
func removeAll(fsys afero.Fs, dirs ...string) (wait func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, d := range dirs {
			_ = fsys.RemoveAll(d)
		}
	}()
	return func() { <-done }
}

// writer puts files into the temporary folder.
type writer struct {
	fs  afero.Fs
	tmp string
	c   Compression
	// onDisk: the output is on the disk, in osTmp. With linking, objects of the cache (in
	// osCache) are hard-linked into the output; at the first link the file system refuses
	// (another device, no hard links), refused is set and files are copied from then on.
	onDisk, linking bool
	osTmp, osCache  string
	refused         atomic.Bool
	// reuse: the temporary folder is a trimmed earlier tree (see Publish), whose files may
	// be there already.
	reuse bool
	site  Site
}

// testHookWrote, when set (by tests), is called after each file is written and may fail the
// build there, as a full disk or a killed process would.
var testHookWrote func(p string) error

// file writes the file at site path p and its siblings.
func (w *writer) file(z *compressors, p string, data []byte) error {
	cache := w.c.Cache
	content := hashOnce(data) // a build without a cache needs no hashes
	var k key
	if cache != nil {
		k = content()
	}
	if err := w.put(p, k, func() ([]byte, error) { return data, nil }); err != nil {
		return err
	}
	if testHookWrote != nil {
		if err := testHookWrote(p); err != nil {
			return err
		}
	}
	if w.c.Skip || !HasSiblings(p, len(data)) {
		return nil
	}
	for _, enc := range encodings {
		level := w.c.level(enc, p, len(data))
		var k key
		if cache != nil {
			k = siblingKey(enc, level, content())
		}
		compress := func() ([]byte, error) {
			through := w.c
			if w.linking && !w.refused.Load() {
				through.Cache = nil // put stores the new object and links it
			}
			return z.cached(enc, level, data, content, through), nil
		}
		err := w.put(p+enc, k, compress)
		if err != nil {
			return err
		}
	}
	return nil
}

// put writes the file at site path p, whose bytes make returns and whose object in the cache
// (if any) is k: as a hard link to the object when it can, storing the object first if the
// cache lacks it; otherwise by writing the bytes.
func (w *writer) put(p string, k key, make func() ([]byte, error)) error {
	cache := w.c.Cache
	if cache != nil && w.linking && !w.refused.Load() {
		obj := w.osCache + filepath.FromSlash(cache.objectPath(k)[len(cache.dir):])
		target := filepath.Join(w.osTmp, filepath.FromSlash(p))
		if w.reuse {
			if sameFile(obj, target) {
				return nil
			}
			_ = os.Remove(target)
		}
		err := os.Link(obj, target)
		if err == nil {
			return nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			// Another device, a file system without hard links: copy from now on.
			w.refused.Store(true)
		} else {
			data, err := make()
			if err != nil {
				return err
			}
			if cache.store(k, data) == nil && os.Link(obj, target) == nil {
				return nil
			}
			w.refused.Store(true) // a cache that cannot be written: copy from now on
			return w.write(p, data)
		}
	}
	data, err := make()
	if err != nil {
		return err
	}
	return w.write(p, data)
}

// write writes the file at site path p with its bytes.
func (w *writer) write(p string, data []byte) error {
	var err error
	full := path.Join(w.tmp, p)
	if w.onDisk {
		target := filepath.Join(w.osTmp, filepath.FromSlash(p))
		if w.reuse {
			_ = os.Remove(target) // left by the earlier build, or a link this one could not make
		}
		err = createFile(target, data)
	} else {
		err = afero.WriteFile(w.fs, full, data, 0o644)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", full, err)
	}
	return nil
}

// sameFile reports whether the files at the two paths on the disk are one file.
func sameFile(a, b string) bool {
	x, err := os.Stat(a)
	if err != nil {
		return false
	}
	y, err := os.Lstat(b)
	return err == nil && os.SameFile(x, y)
}
