package property

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// With Options.Files, a logo is read from that file system and never
// from the disk: a web server's upload names only files it was given.
func TestLogoFromFiles(t *testing.T) {
	t.Parallel()
	good := encodePNG(t, testImage(20, 10))
	// A real file on disk, which an absolute or ../ path would reach
	// without Options.Files.
	dir := t.TempDir()
	onDisk := filepath.Join(dir, "disk.png")
	if err := os.WriteFile(onDisk, good, 0o644); err != nil {
		t.Fatal(err)
	}
	files := fstest.MapFS{
		"logo.png": {Data: good},
		"big.png":  {Data: make([]byte, MaxLogoSize+1)},
		"text.png": {Data: []byte("hello")},
	}
	prop := func(logo string) []byte {
		return []byte("landlord:\n  name: Hyresvärden AB\n  logo: " + logo + "\nproperty:\n  address: Storgatan 7\n" +
			"  postal_code: \"449 30\"\n  city: Nödinge\nqr:\n  url: https://example.se/huskurage\n")
	}
	p, err := Parse(prop("logo.png"), "form.yaml", "", Options{Files: files})
	if err != nil {
		t.Fatalf("a logo in Files: %v", err)
	}
	if p.Landlord.Logo == nil || p.Landlord.Logo.Format != "PNG" || p.Landlord.Logo.Width != 20 {
		t.Fatalf("logo read from Files: %+v", p.Landlord.Logo)
	}
	for _, c := range []struct{ logo, want string }{
		{"missing.png", "logo file missing.png not found"},
		{onDisk, "not found"},                                   // an absolute path never reaches the disk
		{"../" + filepath.Base(dir) + "/disk.png", "not found"}, // nor a ../ path
		{"big.png", "at most 5 MiB is allowed"},
		{"text.png", "not a PNG or JPEG"},
	} {
		_, err := Parse(prop(c.logo), "form.yaml", dir, Options{Files: files})
		var list ErrorList
		if !errors.As(err, &list) || len(list) != 1 || list[0].Field != "landlord.logo" || !strings.Contains(list[0].Error(), c.want) {
			t.Errorf("logo %s: got %v, want one landlord.logo problem with %q", c.logo, err, c.want)
		}
	}
}
