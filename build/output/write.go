package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
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
// (the previous tree becomes DIR.old, which the next build's Tidy removes). If anything fails
// before the swap, dir is untouched. Files are compressed and written on workers goroutines.
//
// With c.Cache, every file comes from the cache: a file (or sibling) that an earlier build
// already made is a hard link to the cache's object when the output folder and the cache are on
// the same file system (a copy otherwise), and only new bytes are compressed and stored. The
// bytes written are the same with or without the cache.
func Publish(fsys afero.Fs, dir string, s Site, c Compression, workers int) error {
	tmp := dir + ".tmp"
	old := dir + ".old"
	_ = fsys.RemoveAll(tmp)
	_ = fsys.RemoveAll(old)
	paths := sortedPaths(s)
	if err := makeDirs(fsys, tmp, paths); err != nil {
		_ = fsys.RemoveAll(tmp)
		return err
	}
	w := &writer{fs: fsys, tmp: tmp, c: c}
	w.osTmp, w.onDisk = osPath(fsys, tmp)
	if c.Cache != nil && w.onDisk {
		w.osCache, w.linking = c.Cache.onDisk()
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
		// on its own, and removing its thousands of names took a second and more on a busy
		// machine: the next build's Tidy removes it while that build renders.
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
// returns once that is done; call it before Publish. A build calls Tidy when it starts, so that
// the removal, which is mostly waiting for the file system, overlaps its other work.
func Tidy(fsys afero.Fs, dir string) (wait func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = fsys.RemoveAll(dir + ".old")
		_ = fsys.RemoveAll(dir + ".tmp")
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
		err = createFile(filepath.Join(w.osTmp, filepath.FromSlash(p)), data)
	} else {
		err = afero.WriteFile(w.fs, full, data, 0o644)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", full, err)
	}
	return nil
}
