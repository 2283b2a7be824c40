package web

import (
	"archive/zip"
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// zipOf makes a ZIP file of the named contents, in the order given.
func zipOf(t *testing.T, files ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(f[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A few KiB of YAML may ask for 50 entrances in 15 languages for every
// property: the batch's ZIP file, held in memory, stops at
// Config.BatchOutput and says so, where 3 such properties made 146 MB
// and 8 took the server to 2.6 GB.
func TestBatchOutputBounded(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1, BatchOutput: 2 << 20})
	var src strings.Builder
	for i := range 3 {
		fmt.Fprintf(&src, "---\nid: hus-%d\nlanguages: [sv, ar, en, so]\nlandlord:\n  name: Brf Stor %d\nproperty:\n"+
			"  address: Storgatan %d\n  postal_code: \"449 30\"\n  city: Nödinge\n  entrances: [1A, 1B, 1C, 1D, 1E, 1F, 1G, 1H, 1I, 1J]\nqr:\n  url: https://example.se/h%d\n", i, i, i+1, i)
	}
	resp := post(t, srv.URL+"/kommun", [][2]string{{"ui", "en"}}, part{"files", "stora.yaml", []byte(src.String())})
	b := body(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(text(doc(t, b)), "more than 2 MiB") {
		t.Errorf("a batch past its output bound: %d %s: %.200q", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
}

// What every part of an upload holds, unpacked, counts against the
// request's limit together: 40 small ZIP files of 31 MiB of zeros each
// took the server to 1.7 GB when each was counted alone.
func TestZipPartsCountedTogether(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	zeros := strings.Repeat("\x00", MaxFormBytes*2/3)
	var parts []part
	for i := range 2 {
		parts = append(parts, part{"files", fmt.Sprintf("del-%d.zip", i), zipOf(t, [2]string{fmt.Sprintf("nollor-%d.png", i), zeros})})
	}
	resp := post(t, srv.URL+"/upload", [][2]string{{"ui", "en"}}, parts...)
	body(t, resp)
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("two ZIP files unpacking to %d MiB together, past the %d MiB limit: %d", 2*len(zeros)>>20, MaxFormBytes>>20, resp.StatusCode)
	}
}

// Two different files of the same name (in two folders of a ZIP file)
// are named, not one silently taken for the other.
func TestSameNameTwice(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	z := zipOf(t, [2]string{"a/fastighet.yaml", "id: a\n"}, [2]string{"b/fastighet.yaml", "id: b\n"})
	resp := post(t, srv.URL+"/kommun", [][2]string{{"ui", "en"}}, part{"files", "hus.zip", z})
	b := body(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(text(doc(t, b)), "two different files are named fastighet.yaml") {
		t.Errorf("two fastighet.yaml in one ZIP file: %d: %.400s", resp.StatusCode, b)
	}
}

// Logos of one name in different folders of a ZIP file are no clash:
// each property names its own by its path.
func TestSameLogoNameInTwoFolders(t *testing.T) {
	t.Parallel()
	_, srv := server(t, Config{Renders: 1})
	logo, err := os.ReadFile(filepath.Join("..", "examples", "logo-exempel.png"))
	if err != nil {
		t.Fatal(err)
	}
	other := append(bytes.Clone(logo), 0) // another file of the same name
	prop := func(id string) string {
		return "id: " + id + "\nlandlord:\n  name: Brf " + id + "\n  logo: " + id + "/logo.png\nproperty:\n  address: Storgatan 7\n" +
			"  postal_code: \"449 30\"\n  city: Nödinge\nqr:\n  url: https://example.se/" + id + "\n"
	}
	z := zipOf(t, [2]string{"hus/a.yaml", prop("a")}, [2]string{"hus/a/logo.png", string(logo)},
		[2]string{"hus/b.yaml", prop("b")}, [2]string{"hus/b/logo.png", string(other)})
	resp := post(t, srv.URL+"/kommun", [][2]string{{"ui", "en"}}, part{"files", "hus.zip", z})
	b := body(t, resp)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/zip" {
		t.Errorf("two logo.png in two folders: %d %s: %.300q", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
}
