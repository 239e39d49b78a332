package output

import (
	"errors"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

// tree lists the files under dir as "path=content", sorted.
func tree(t *testing.T, fsys afero.Fs, dir string) []string {
	t.Helper()
	var out []string
	err := afero.Walk(fsys, dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := afero.ReadFile(fsys, p)
		out = append(out, p+"="+string(b))
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestWriteReplaces: Write puts exactly the new site in the folder, removes what the old one had
// and the new one has not, and leaves no temporary folder.
func TestWriteReplaces(t *testing.T) {
	fsys := afero.NewMemMapFs()
	if err := Write(fsys, "public", Site{"index.html": []byte("one"), "old/gone.html": []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if err := Write(fsys, "public", Site{"index.html": []byte("two"), "en/index.html": []byte("en")}); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(tree(t, fsys, "public"), " ")
	if want := "public/en/index.html=en public/index.html=two"; got != want {
		t.Errorf("public/: %s, want %s", got, want)
	}
	for _, dir := range []string{"public.tmp", "public.old"} {
		if ok, _ := afero.DirExists(fsys, dir); ok {
			t.Errorf("%s is left behind", dir)
		}
	}
}

// failing is a file system whose writes of one file fail, and the first rename to one path.
type failing struct {
	afero.Fs
	file, renameTo string
	renamed        *bool
}

var errDisk = errors.New("disk full")

func (f failing) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	if name == f.file {
		return nil, errDisk
	}
	return f.Fs.OpenFile(name, flag, perm)
}

func (f failing) Rename(from, to string) error {
	if to == f.renameTo && !*f.renamed {
		*f.renamed = true
		return errDisk
	}
	return f.Fs.Rename(from, to)
}

// TestWriteFailureKeepsSite: when writing a file fails, or the swap does, Write says which and
// the previous site is there as it was; a failed write leaves no half-written folder beside it.
func TestWriteFailureKeepsSite(t *testing.T) {
	for _, tt := range []struct {
		name string
		fs   failing
		want string
	}{
		{"a file", failing{file: "public.tmp/b/index.html"}, "writing public.tmp/b/index.html: disk full"},
		{"moving the old site away", failing{renameTo: "public.old"}, "replacing public: disk full"},
		{"the swap", failing{renameTo: "public"}, "replacing public: disk full"},
	} {
		mem := afero.NewMemMapFs()
		if err := Write(mem, "public", Site{"index.html": []byte("old"), "a.css": []byte("a")}); err != nil {
			t.Fatal(err)
		}
		before := tree(t, mem, "public")
		tt.fs.Fs, tt.fs.renamed = mem, new(bool)
		err := Write(tt.fs, "public", Site{"index.html": []byte("new"), "b/index.html": []byte("b")})
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
		if got := tree(t, mem, "public"); strings.Join(got, " ") != strings.Join(before, " ") {
			t.Errorf("%s: public/ is %q after the failure, want %q", tt.name, got, before)
		}
		if got := tree(t, mem, "public.tmp"); len(got) > 0 && tt.name != "the swap" {
			t.Errorf("%s: public.tmp holds %q", tt.name, got)
		}
	}
}
