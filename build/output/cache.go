package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/afero"
)

// CacheDir is where the build keeps its cache, in the project folder (git-ignored).
const CacheDir = ".cache/output"

// Cache is the build's content-addressed store of output files, so that a rebuild minifies and
// compresses only what changed and writes only what changed:
//
//	objects/ab/cdef…   one file per distinct output, named by a SHA-256: of its own bytes for a
//	                   file of the site, of the settings and the bytes it comes from for a
//	                   compressed sibling (see siblingKey)
//	minify.map         which minified bytes (by their hash) each minifier input gave
//
// An object never changes once written (it is written under a temporary name and renamed), so
// a build killed half-way leaves no partial entry, and no key can name stale bytes: an edit
// changes the bytes, and so the key. Publish puts the objects into the output folder as hard
// links when the output and the cache are on the same file system, so an unchanged file costs
// one link instead of a write, and keeps its modification time from one build to the next.
//
// Compression.Cache is nil for a build that neither reads nor writes it (go run ./build -nocache).
type Cache struct {
	fs  afero.Fs
	dir string

	diskOnce sync.Once
	osDir    string // the folder on the disk (onDisk)
	isOnDisk bool

	loadOnce sync.Once
	mu       sync.Mutex
	minified map[key]key // minify key → hash of the minified bytes, from minify.map
	used     map[key]key // the entries this build looked up or added
}

// NewCache returns the cache in dir of fsys (nothing is read until it is used).
func NewCache(fsys afero.Fs, dir string) *Cache {
	return &Cache{fs: fsys, dir: dir}
}

// key is a SHA-256, the name of an object.
type key = [32]byte

func hashBytes(b []byte) key { return sha256.Sum256(b) }

// hashOnce returns a function that hashes b the first time it is called (on one goroutine).
func hashOnce(b []byte) func() key {
	var k key
	done := false
	return func() key {
		if !done {
			k, done = hashBytes(b), true
		}
		return k
	}
}

// objectPath is where the object named k lives, relative to fs.
func (c *Cache) objectPath(k key) string {
	h := hex.EncodeToString(k[:])
	return c.dir + "/objects/" + h[:2] + "/" + h[2:]
}

// read returns the bytes of object k, if the cache has it. An empty object counts as missing:
// no compressed sibling is empty, and an empty file is what a full disk can leave.
func (c *Cache) read(k key) ([]byte, bool) {
	data, err := afero.ReadFile(c.fs, c.objectPath(k))
	return data, err == nil && len(data) > 0
}

// touch marks object k as used now, so that prune keeps it.
func (c *Cache) touch(k key) {
	now := time.Now()
	_ = c.fs.Chtimes(c.objectPath(k), now, now)
}

// store adds object k with its bytes, written under a temporary name and renamed: a build killed
// half-way leaves no truncated object, and two builds storing the same key at once give the
// same file.
func (c *Cache) store(k key, data []byte) error {
	p := c.objectPath(k)
	tmp := path.Dir(p) + fmt.Sprintf("/.tmp-%d-%d", os.Getpid(), tmpCount.Add(1))
	write := func() error { return afero.WriteFile(c.fs, tmp, data, 0o644) }
	if dir, ok := c.onDisk(); ok {
		write = func() error { return createFile(dir+tmp[len(c.dir):], data) }
	}
	err := write()
	if errors.Is(err, fs.ErrNotExist) {
		if err = c.fs.MkdirAll(path.Dir(p), 0o755); err == nil {
			err = write()
		}
	}
	if err == nil {
		err = c.fs.Rename(tmp, p)
	}
	if err != nil {
		_ = c.fs.Remove(tmp)
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// tmpCount numbers the temporary files of this process.
var tmpCount atomic.Int64

// onDisk returns the cache folder's path on the disk, when it is on the disk (osPath).
func (c *Cache) onDisk() (string, bool) {
	c.diskOnce.Do(func() {
		if root, ok := osPath(c.fs, "."); ok {
			c.osDir, c.isOnDisk = filepath.Join(root, filepath.FromSlash(c.dir)), true
		}
	})
	return c.osDir, c.isOnDisk
}

// libraryVersions names the compressors and the minifier as built into this program, so that a
// new release of one of them (which may give other bytes) misses the cache instead of serving
// the old results.
var libraryVersions = sync.OnceValue(func() string {
	v := []string{}
	if bi, ok := debug.ReadBuildInfo(); ok {
		v = append(v, bi.GoVersion)
		for _, d := range bi.Deps {
			switch d.Path {
			case "github.com/andybalholm/brotli", "github.com/klauspost/compress", "github.com/tdewolff/minify/v2":
				v = append(v, d.Path+"@"+d.Version)
			}
		}
	}
	return strings.Join(v, " ")
})

// siblingKey names the compressed form of the file whose bytes hash to content: it depends on
// the encoding and its setting as well as on the bytes.
func siblingKey(enc string, level int, content key) key {
	return sha256.Sum256(fmt.Appendf(nil, "%s level %d %s\n%x", enc, level, libraryVersions(), content))
}

// minifyKey names what a media type's minifier makes of data.
func minifyKey(mediaType string, data []byte) key {
	h := sha256.New()
	fmt.Fprintf(h, "minify %s %s %s\n", mediaType, minifierSettings, libraryVersions())
	h.Write(data)
	var k key
	h.Sum(k[:0])
	return k
}

// minifiedHash looks up the hash of what k's input minified to in an earlier build.
func (c *Cache) minifiedHash(k key) (key, bool) {
	c.loadOnce.Do(c.loadMinified)
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.minified[k]
	if ok {
		c.used[k] = h
	}
	return h, ok
}

// addMinified records that k's input minified to bytes hashing to h.
func (c *Cache) addMinified(k, h key) {
	c.loadOnce.Do(c.loadMinified)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.minified[k] = h
	c.used[k] = h
}

const minifyMap = "minify.map"

// loadMinified reads minify.map: records of two hashes, 64 bytes each. A damaged file (a
// length that is not a multiple of 64) is ignored as a whole.
func (c *Cache) loadMinified() {
	c.minified, c.used = map[key]key{}, map[key]key{}
	data, err := afero.ReadFile(c.fs, c.dir+"/"+minifyMap)
	if err != nil || len(data)%64 != 0 {
		return
	}
	for i := 0; i < len(data); i += 64 {
		c.minified[key(data[i:i+32])] = key(data[i+32 : i+64])
	}
}

// saveMinified rewrites minify.map with the entries this build used, so that it holds what the
// current sources need and does not grow with every edit ever made.
func (c *Cache) saveMinified() error {
	c.mu.Lock()
	var b bytes.Buffer
	for k, h := range c.used {
		b.Write(k[:])
		b.Write(h[:])
	}
	n := len(c.used)
	c.mu.Unlock()
	if n == 0 {
		return nil
	}
	if err := c.fs.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	tmp, err := afero.TempFile(c.fs, c.dir, ".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(b.Bytes())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = c.fs.Rename(tmp.Name(), c.dir+"/"+minifyMap)
	}
	if err != nil {
		_ = c.fs.Remove(tmp.Name())
	}
	return err
}

// pruneEvery is how often at most the cache is swept.
const pruneEvery = 24 * time.Hour

// pruneAfter is how long an object no output folder links to is kept: long enough that a
// developer switching between `make serve` (no compressed siblings) and `make` finds the
// siblings again.
const pruneAfter = 7 * 24 * time.Hour

// prune removes, at most once a day, the objects that no output folder links to and that are
// older than pruneAfter, and temporary files left by killed builds. Where the file system has no
// hard links (or they are not used), every object older than pruneAfter goes.
func (c *Cache) prune(now time.Time) {
	stamp := c.dir + "/pruned"
	if info, err := c.fs.Stat(stamp); err == nil && now.Sub(info.ModTime()) < pruneEvery {
		return
	}
	_ = c.fs.MkdirAll(c.dir, 0o755)
	if err := afero.WriteFile(c.fs, stamp, nil, 0o644); err != nil {
		return
	}
	_ = c.fs.Chtimes(stamp, now, now)
	objects := c.dir + "/objects/"
	_ = afero.Walk(c.fs, c.dir, func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		p = filepath.ToSlash(p)
		age := now.Sub(info.ModTime())
		temp := strings.HasPrefix(path.Base(p), ".tmp-")
		object := strings.HasPrefix(p, objects)
		if temp && age > time.Hour || object && !temp && age > pruneAfter && links(info) <= 1 {
			_ = c.fs.Remove(p)
		}
		return nil
	})
}

// osPath returns the path on disk of name in fsys, when fsys is the operating system's file
// system or a folder of it (afero.BasePathFs over OsFs): hard links need real paths. name
// must exist (it is how the BasePathFs case is told from one over a MemMapFs).
func osPath(fsys afero.Fs, name string) (string, bool) {
	switch f := fsys.(type) {
	case *afero.OsFs:
		return name, true
	case *afero.BasePathFs:
		real, err := f.RealPath(name)
		if err != nil {
			return "", false
		}
		a, err1 := fsys.Stat(name)
		b, err2 := os.Stat(real)
		if err1 != nil || err2 != nil || !os.SameFile(a, b) {
			return "", false
		}
		return real, true
	}
	return "", false
}
