package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// folderState describes every entry of a folder: its name, type and, for
// a file, its contents; for a link, its target.
func folderState(t *testing.T, dir string) string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out = append(out, rel+" -> "+filepath.Base(target))
		case e.IsDir():
			out = append(out, rel+"/")
		default:
			data, _ := os.ReadFile(p)
			out = append(out, rel+": "+string(data))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// errText is err's text with the folder's path left out.
func errText(err error, dir string) string {
	if err == nil {
		return "<nil>"
	}
	return strings.ReplaceAll(err.Error(), dir, "DIR")
}

// TestFolderFSAsRoot checks the file system a Dir writes through (which
// on Linux creates and renames with one system call each, relative to
// the open folder) against os.Root itself, case by case: a new name, a
// name taken by a file, a folder, a link out of the folder or to
// nothing, a name too long; the same errors (as errors.Is sees them and
// as text), the same files left, and the same bytes in them.
func TestFolderFSAsRoot(t *testing.T) {
	t.Parallel()
	setup := func(t *testing.T, base string) string {
		dir := filepath.Join(base, "out")
		for _, d := range []string{dir, filepath.Join(dir, "folder"), filepath.Join(dir, "full")} {
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		for name, data := range map[string]string{"outside.pdf": "keep me", "out/file.pdf": "old", "out/full/x": "x", "out/tmp": "staged"} {
			if err := os.WriteFile(filepath.Join(base, name), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for link, target := range map[string]string{"out/link-out": "../outside.pdf", "out/dangling": "nowhere", "out/link-in": "file.pdf"} {
			if err := os.Symlink(target, filepath.Join(base, link)); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	names := []string{"new.pdf", "file.pdf", "folder", "full", "link-out", "dangling", "link-in", strings.Repeat("n", 300), "tmp"}
	type result struct{ errs, state string }
	run := func(t *testing.T, fast bool) result {
		dir := setup(t, t.TempDir())
		var fsys fileSystem
		if fast {
			d, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			d.releaseLock()
			defer d.Close()
			fsys = d.fs
		} else {
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			fsys = plainRootFS{root}
		}
		var errs []string
		for _, name := range names {
			f, err := fsys.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			errs = append(errs, "create "+name[:min(len(name), 9)]+": "+errText(err, dir)+" exist="+
				map[bool]string{true: "y", false: "n"}[errors.Is(err, fs.ErrExist)])
			if err == nil {
				_, _ = f.Write([]byte("new " + name[:min(len(name), 9)]))
				f.Close()
			}
		}
		for _, name := range names {
			// Each rename moves a fresh staged file over name.
			if err := os.WriteFile(filepath.Join(dir, "tmp"), []byte("staged for "+name[:min(len(name), 9)]), 0o644); err != nil {
				t.Fatal(err)
			}
			err := fsys.Rename("tmp", name)
			errs = append(errs, "rename to "+name[:min(len(name), 9)]+": "+errText(err, dir)+" exist="+
				map[bool]string{true: "y", false: "n"}[errors.Is(err, fs.ErrExist)])
		}
		for _, to := range []string{"new2.pdf", "folder", "missing"} {
			err := fsys.Rename("missing", to)
			errs = append(errs, "rename missing to "+to+": "+errText(err, dir)+" notexist="+
				map[bool]string{true: "y", false: "n"}[errors.Is(err, fs.ErrNotExist)])
		}
		err := fsys.Rename("folder", "folder")
		errs = append(errs, "rename folder to itself: "+errText(err, dir))
		return result{strings.Join(errs, "\n"), folderState(t, filepath.Dir(dir))}
	}
	want, got := run(t, false), run(t, true)
	if got.errs != want.errs {
		t.Errorf("errors differ from os.Root's:\ngot\n%s\nwant\n%s", got.errs, want.errs)
	}
	if got.state != want.state {
		t.Errorf("folder differs from os.Root's:\ngot\n%s\nwant\n%s", got.state, want.state)
	}
}

// plainRootFS is os.Root as a fileSystem, to compare with.
type plainRootFS struct{ *os.Root }

func (r plainRootFS) OpenFile(name string, flag int, perm fs.FileMode) (file, error) {
	f, err := r.Root.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// TestSyncFileAsRoot checks the flush of one file of a batch (which on
// Linux opens it with one openat) against os.Root's Open and Sync: the
// same error, or none, for a file, a folder, a missing name, and links
// in the folder, out of it and to nothing.
func TestSyncFileAsRoot(t *testing.T) {
	t.Parallel()
	base := t.TempDir()
	dir := filepath.Join(base, "out")
	if err := os.MkdirAll(filepath.Join(dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"outside.pdf": "x", "out/file.pdf": "x"} {
		if err := os.WriteFile(filepath.Join(base, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{"out/link-out": "../outside.pdf", "out/dangling": "nowhere", "out/link-in": "file.pdf"} {
		if err := os.Symlink(target, filepath.Join(base, link)); err != nil {
			t.Fatal(err)
		}
	}
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	slow := *d
	slow.folder.at = nil // os.Root's Open
	for _, name := range []string{"file.pdf", "folder", "missing.pdf", "link-out", "dangling", "link-in", strings.Repeat("n", 300)} {
		want, got := errText(slow.syncFile(name), dir), errText(d.syncFile(name), dir)
		if got != want {
			t.Errorf("syncFile(%.12s) = %s, os.Root gives %s", name, got, want)
		}
	}
}
