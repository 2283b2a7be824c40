package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A second run into a folder that a run holds is refused with a message
// that says who holds it and what to do; once the first run closes the
// folder, the next one gets it.
func TestOpenRefusesAFolderInUse(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	first, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir)
	want := fmt.Sprintf("output folder %s: is in use by another huskurage run (process %d) (wait until it has finished, or choose another folder with -o)", dir, os.Getpid())
	if !errors.Is(err, ErrInUse) || err.Error() != want {
		t.Errorf("second Open: %v\nwant %s", err, want)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(filepath.Join(dir, lockName)); !os.IsNotExist(err) {
		t.Errorf("the lock file is still there after Close: %v", err)
	}
	second, err := Open(dir)
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	second.Close()
}

// A lock file left by a run that crashed does not lock the folder: the
// lock is the system's, which ends with the process.
func TestOpenTakesOverALeftLockFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, lockName), []byte("999999\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Open(dir)
	if err != nil {
		t.Fatalf("Open with a left lock file: %v", err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, lockName))
	if want := fmt.Sprintf("%d\n", os.Getpid()); string(got) != want {
		t.Errorf("lock file holds %q; want %q", got, want)
	}
	d.Close()
}

// A link planted at the lock file's name is refused, and the file it
// points at is neither written nor created.
func TestOpenRefusesALinkAsLockFile(t *testing.T) {
	t.Parallel()
	for _, target := range []string{"keep.txt", "missing.txt"} {
		dir := t.TempDir()
		keep := filepath.Join(dir, "keep.txt")
		if err := os.WriteFile(keep, []byte("keep me"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, filepath.Join(dir, lockName)); err != nil {
			t.Fatal(err)
		}
		_, err := Open(dir)
		if err == nil || !strings.Contains(err.Error(), ".huskurage.lock is a link, not the lock file huskurage makes (remove ") {
			t.Errorf("link to %s: Open = %v; want a refusal", target, err)
		}
		if got, _ := os.ReadFile(keep); string(got) != "keep me" {
			t.Errorf("keep.txt holds %q", got)
		}
		if _, err := os.Lstat(filepath.Join(dir, "missing.txt")); !os.IsNotExist(err) {
			t.Errorf("the link's target was created: %v", err)
		}
	}
}

// Temporary files that a killed run left are removed when the folder is
// next opened; files of other forms are not touched.
func TestOpenRemovesLeftTemporaryFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	left := ".a-poster-sv.pdf.0123456789abcdef.tmp"
	others := []string{".a-poster-sv.pdf.tmp", ".notes.0123456789abcdeg.tmp", "a.0123456789abcdef.tmp", ".x.0123456789ABCDEF.tmp"}
	for _, name := range append([]string{left}, others...) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A folder of that form is not ours: it stays. A link of that form
	// goes, and what it points at stays.
	folder, link := ".b-leaflet-sv.pdf.0123456789abcdef.tmp", ".c-leaflet-sv.pdf.0123456789abcdef.tmp"
	target := filepath.Join(t.TempDir(), "keep.pdf")
	if err := os.WriteFile(target, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, folder), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
		t.Fatal(err)
	}
	others = append(others, folder)
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	for _, name := range []string{left, link} {
		if _, err := os.Lstat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s is still there: %v", name, err)
		}
	}
	if data, err := os.ReadFile(target); string(data) != "keep" {
		t.Errorf("the file a left link pointed at holds %q, %v", data, err)
	}
	for _, name := range others {
		if _, err := os.Lstat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s was removed: %v", name, err)
		}
	}
}

func TestIsTemp(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]bool{
		".a.pdf.0123456789abcdef.tmp": true,
		".a.pdf.tmp":                  false,
		".0123456789abcdef.tmp":       false,
		"..0123456789abcdef.tmp":      false,
		".a.pdf-0123456789abcdef.tmp": false,
		".a.pdf.0123456789abcdef.tm":  false,
	} {
		if got := isTemp(name); got != want {
			t.Errorf("isTemp(%q) = %v", name, got)
		}
	}
}
