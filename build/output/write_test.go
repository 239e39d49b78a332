package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/afero"
)

// testSite is a site of n pages with text worth compressing, a few small files and a large
// fingerprinted one; variant changes the bytes of one page in ten.
func testSite(n int, variant int) Site {
	rng := rand.New(rand.NewSource(1))
	words := strings.Fields("enterprise reward policy revenue clause subsidy 企业 奖励 政策 条款 补贴")
	text := func(words_ int) string {
		var b strings.Builder
		for i := 0; i < words_; i++ {
			b.WriteString(words[rng.Intn(len(words))] + " ")
		}
		return b.String()
	}
	s := Site{
		"robots.txt":                  []byte("User-agent: *\n"),
		"favicon.png":                 {0x89, 'P', 'N', 'G'},
		"assets/app.0123456789.js":    []byte(strings.Repeat("var a=1;", 5000)),
		"_search/zh/p0.1234abcd.json": []byte(`{"a":[1,2,3]}`),
	}
	for i := 0; i < n; i++ {
		body := text(300)
		if i%10 == 0 {
			body += fmt.Sprint(variant)
		}
		s.Add(fmt.Sprintf("p%d/index.html", i), []byte("<!DOCTYPE html><html><body><p>"+body+"</p></body></html>"))
	}
	return s
}

// readDir returns every file under dir in fsys, by path relative to dir.
func readDir(t *testing.T, fsys afero.Fs, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := afero.Walk(fsys, dir, func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := afero.ReadFile(fsys, p)
		out[filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d files, want %d", what, len(got), len(want))
	}
	for p, w := range want {
		if g, ok := got[p]; !ok {
			t.Errorf("%s: %s missing", what, p)
		} else if g != w {
			t.Errorf("%s: %s differs", what, p)
		}
	}
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for p, v := range b {
		if a[p] != v {
			return false
		}
	}
	return true
}

// fileSystems are the two ways Publish writes: hard links on the real disk, copies elsewhere.
func fileSystems(t *testing.T) map[string]afero.Fs {
	return map[string]afero.Fs{
		"disk":   afero.NewBasePathFs(afero.NewOsFs(), t.TempDir()),
		"memory": afero.NewMemMapFs(),
	}
}

// TestPublishSameWithOrWithoutCache: an empty cache, a warm one, and none give the same
// files, siblings included, and the siblings follow HasSiblings.
func TestPublishSameWithOrWithoutCache(t *testing.T) {
	for name, fsys := range fileSystems(t) {
		t.Run(name, func(t *testing.T) {
			c := Compression{Page: 5, Max: 6}
			if err := Publish(fsys, "fresh", testSite(50, 0), c, 2); err != nil {
				t.Fatal(err)
			}
			want := readDir(t, fsys, "fresh")
			// As go run ./build -nocache does: no cache but the one of Max-quality files.
			c.MaxCache = NewCache(fsys, MaxCacheDir)
			for _, run := range []string{"quality-11 cache only, empty", "quality-11 cache only, warm"} {
				if err := Publish(fsys, "public", testSite(50, 0), c, 2); err != nil {
					t.Fatal(err)
				}
				sameTree(t, run, readDir(t, fsys, "public"), want)
			}
			c.Cache = NewCache(fsys, CacheDir)
			for _, run := range []string{"empty cache", "warm cache", "warm cache again"} {
				if err := Publish(fsys, "public", testSite(50, 0), c, 2); err != nil {
					t.Fatal(err)
				}
				sameTree(t, run, readDir(t, fsys, "public"), want)
			}
			for p, data := range want {
				base, enc := strings.TrimSuffix(strings.TrimSuffix(p, ".br"), ".gz"), p
				if base == enc {
					_, br := want[p+".br"]
					if br != HasSiblings(p, len(data)) {
						t.Errorf("%s (%d bytes): has a .br sibling %v, HasSiblings says %v", p, len(data), br, !br)
					}
				}
			}
			if _, ok := want["robots.txt.br"]; ok {
				t.Error("robots.txt (14 bytes) has a .br sibling")
			}
			if _, ok := want["p1/index.html.gz"]; !ok {
				t.Error("p1/index.html has no .gz sibling")
			}
		})
	}
}

// TestPublishLinksUnchangedFiles: on the disk, a rebuild hard-links each unchanged file to the
// cache's object, so it keeps its inode and modification time, and writes changed ones anew.
func TestPublishLinksUnchangedFiles(t *testing.T) {
	root := t.TempDir()
	fsys := afero.NewBasePathFs(afero.NewOsFs(), root)
	c := Compression{Page: 5, Max: 6, Cache: NewCache(fsys, CacheDir)}
	if err := Publish(fsys, "public", testSite(20, 0), c, 2); err != nil {
		t.Fatal(err)
	}
	stat := func(p string) os.FileInfo {
		info, err := os.Stat(filepath.Join(root, "public", p))
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	before := map[string]os.FileInfo{}
	for _, p := range []string{"p1/index.html", "p1/index.html.br", "p0/index.html", "p0/index.html.gz"} {
		before[p] = stat(p)
	}
	if err := Publish(fsys, "public", testSite(20, 1), c, 2); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"p1/index.html", "p1/index.html.br"} {
		if !os.SameFile(before[p], stat(p)) {
			t.Errorf("%s did not change but is a new file", p)
		}
		if links(stat(p)) < 2 {
			t.Errorf("%s: %d links, want the output's and the cache's", p, links(stat(p)))
		}
	}
	for _, p := range []string{"p0/index.html", "p0/index.html.gz"} {
		if os.SameFile(before[p], stat(p)) {
			t.Errorf("%s changed but is the same file", p)
		}
	}
}

// TestPublishFailureKeepsPrevious: a build that fails half-way through writing (a full disk,
// say) leaves the previous output as it was, and the cache usable: the next build gives the
// same files as a build without the cache.
func TestPublishFailureKeepsPrevious(t *testing.T) {
	for name, fsys := range fileSystems(t) {
		t.Run(name, func(t *testing.T) {
			c := Compression{Page: 5, Max: 6, Cache: NewCache(fsys, CacheDir)}
			if err := Publish(fsys, "public", testSite(40, 0), c, 2); err != nil {
				t.Fatal(err)
			}
			previous := readDir(t, fsys, "public")

			var n atomic.Int32
			testHookWrote = func(p string) error {
				if n.Add(1) == 30 {
					return errors.New("no space left on device")
				}
				return nil
			}
			err := Publish(fsys, "public", testSite(40, 1), c, 2)
			testHookWrote = nil
			if err == nil {
				t.Fatal("the failing build passed")
			}
			sameTree(t, "after the failed build", readDir(t, fsys, "public"), previous)

			if err := Publish(fsys, "fresh", testSite(40, 1), Compression{Page: 5, Max: 6}, 2); err != nil {
				t.Fatal(err)
			}
			if err := Publish(fsys, "public", testSite(40, 1), c, 2); err != nil {
				t.Fatal(err)
			}
			sameTree(t, "the build after it", readDir(t, fsys, "public"), readDir(t, fsys, "fresh"))
		})
	}
}

// TestPublishKilled kills a process while it publishes a large site, at a few moments, and
// checks each time that the previous output is whole and that the cache still gives the right
// files: a killed build leaves no partial object and no half-swapped folder.
func TestPublishKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes that publish a 400-page site")
	}
	if os.Getenv("OUTPUT_TEST_PUBLISH_DIR") != "" {
		publishInChild()
		return
	}
	root := t.TempDir()
	fsys := afero.NewBasePathFs(afero.NewOsFs(), root)
	c := killedCompression
	c.Cache = NewCache(fsys, CacheDir)
	if err := Publish(fsys, "public", testSite(400, 0), c, 2); err != nil {
		t.Fatal(err)
	}
	previous := readDir(t, fsys, "public")

	for round, after := range []time.Duration{10 * time.Millisecond, 60 * time.Millisecond, 200 * time.Millisecond} {
		variant := round + 1 // new bytes, so that the killed process has objects to write
		if err := Publish(fsys, "fresh", testSite(400, variant), killedCompression, 2); err != nil {
			t.Fatal(err)
		}
		want := readDir(t, fsys, "fresh")

		cmd := exec.Command(os.Args[0], "-test.run=^TestPublishKilled$")
		cmd.Env = append(os.Environ(), "OUTPUT_TEST_PUBLISH_DIR="+root, fmt.Sprintf("OUTPUT_TEST_VARIANT=%d", variant))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Killed once it is publishing: it says so first.
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		if !strings.HasPrefix(line, "publishing") {
			t.Fatalf("the child process said %q", line)
		}
		time.Sleep(after)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_, _ = io.Copy(io.Discard, stdout)
		waitErr := cmd.Wait()

		// Whole either way: the previous site, or the new one when the kill came after the swap
		// (while the cache was being tidied, or after the process was done).
		got := readDir(t, fsys, "public")
		if waitErr == nil || equalTrees(got, want) {
			sameTree(t, fmt.Sprintf("a build that finished within %s", after), got, want)
		} else {
			sameTree(t, fmt.Sprintf("killed after %s", after), got, previous)
		}
		if err := Publish(fsys, "public", testSite(400, variant), c, 2); err != nil {
			t.Fatal(err)
		}
		sameTree(t, fmt.Sprintf("rebuilt after a kill at %s", after), readDir(t, fsys, "public"), want)
		if err := Publish(fsys, "public", testSite(400, 0), c, 2); err != nil {
			t.Fatal(err)
		}
		sameTree(t, fmt.Sprintf("back to the first site after round %d", round+1), readDir(t, fsys, "public"), previous)
	}
}

// killedCompression is slow enough that the kill comes while the child compresses and writes.
var killedCompression = Compression{Page: 9, Max: 9}

// publishInChild is the process TestPublishKilled kills.
func publishInChild() {
	fsys := afero.NewBasePathFs(afero.NewOsFs(), os.Getenv("OUTPUT_TEST_PUBLISH_DIR"))
	variant, _ := strconv.Atoi(os.Getenv("OUTPUT_TEST_VARIANT"))
	s := testSite(400, variant)
	c := killedCompression
	c.Cache = NewCache(fsys, CacheDir)
	fmt.Println("publishing")
	if err := Publish(fsys, "public", s, c, 2); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// TestCachePrune: a sweep removes the objects no output links to once they are a week old and
// the temporary files of killed builds after an hour, keeps the rest, and runs once a day.
func TestCachePrune(t *testing.T) {
	root := t.TempDir()
	fsys := afero.NewBasePathFs(afero.NewOsFs(), root)
	c := NewCache(fsys, CacheDir)
	if err := Publish(fsys, "public", Site{"a.txt": []byte("linked"), "b.txt": []byte("replaced")}, Compression{Skip: true, Cache: c}, 1); err != nil {
		t.Fatal(err)
	}
	if err := Publish(fsys, "public", Site{"a.txt": []byte("linked")}, Compression{Skip: true, Cache: c}, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := fsys.Stat("public.old/b.txt"); err != nil {
		t.Errorf("the previous tree is not kept for the next build to remove: %v", err)
	}
	Tidy(fsys, "public")() // as the next build does
	linked, unlinked := c.objectPath(hashBytes([]byte("linked"))), c.objectPath(hashBytes([]byte("replaced")))
	fresh := c.objectPath(hashBytes([]byte("fresh")))
	if err := c.store(hashBytes([]byte("fresh")), []byte("fresh")); err != nil {
		t.Fatal(err)
	}
	oldTemp, newTemp := CacheDir+"/objects/.tmp-1-1", CacheDir+"/.tmp-2-2"
	for _, p := range []string{oldTemp, newTemp} {
		if err := afero.WriteFile(fsys, p, []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now()
	age := func(p string, d time.Duration) {
		if err := fsys.Chtimes(p, now.Add(-d), now.Add(-d)); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{linked, unlinked} {
		age(p, 8*24*time.Hour)
	}
	age(oldTemp, 2*time.Hour)
	_ = fsys.Remove(CacheDir + "/pruned") // Publish swept a minute ago
	c.prune(now)
	exists := func(p string) bool { _, err := fsys.Stat(p); return err == nil }
	for p, want := range map[string]bool{linked: true, unlinked: false, fresh: true, oldTemp: false, newTemp: true} {
		if exists(p) != want {
			t.Errorf("after a sweep, %s exists: %v, want %v", p, exists(p), want)
		}
	}
	age(fresh, 8*24*time.Hour)
	c.prune(now.Add(time.Hour))
	if !exists(fresh) {
		t.Error("a second sweep within a day removed an object")
	}
	c.prune(now.Add(25 * time.Hour))
	if exists(fresh) {
		t.Error("the sweep a day later kept an old object that nothing links to")
	}
}
