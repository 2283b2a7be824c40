package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const hostileProperty = `id: hus
landlord:
  name: Brf Hus
property:
  address: Husgatan 1
  postal_code: "449 30"
  city: Nödinge
qr:
  url: https://example.org/hus
`

// hostileFiles are the files that are not a small regular file, each as a
// path and the words the message must use for it.
var hostileFiles = []struct {
	name, says string
}{
	{"fifo", "named pipe"},
	{"zero", "character device"},
	{"folder", "folder"},
	{"link-to-fifo", "named pipe"},
	{"link-to-zero", "character device"},
	{"link-to-folder", "folder"},
	{"large", "at most"},
}

// makeHostile puts each hostile file into dir under its name with ext.
func makeHostile(t *testing.T, dir, ext string) {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	p := func(name string) string { return filepath.Join(dir, name+ext) }
	must(syscall.Mkfifo(p("fifo"), 0o644))
	must(os.Symlink("/dev/zero", p("zero")))
	must(os.Mkdir(p("folder"), 0o755))
	must(os.Symlink("fifo"+ext, p("link-to-fifo")))
	must(os.Symlink("zero"+ext, p("link-to-zero")))
	must(os.Symlink("folder"+ext, p("link-to-folder")))
	// Larger than any of our limits (a logo may have 5 MiB); a sparse
	// file, so that making it costs nothing.
	f, err := os.Create(p("large"))
	must(err)
	must(f.Truncate(6 << 20))
	must(f.Close())
}

// Every file we read is refused at once when it is a named pipe, a
// device, a folder, a link to one of them, or too large, for each kind of
// input: a property named on the command line or found in a folder, a
// defaults file, a texts file, a logo. Before, a pipe stalled the run for
// ever (Ctrl-C and SIGTERM did nothing) and /dev/zero was read until
// memory ran out. The run is watched: one that takes a minute, or more
// than 2 GB of memory, has failed.
func TestHostileInputs(t *testing.T) {
	t.Parallel()
	type input struct {
		name string
		args func(dir, bad string) []string
		// where is the part of the message that names the file.
		where func(dir, bad string) string
	}
	inputs := []input{
		{"build property", func(d, bad string) []string { return []string{"build", bad, "-o", d + "/out"} },
			func(d, bad string) string { return bad + ":1:1: " }},
		{"batch property", func(d, bad string) []string { return []string{"batch", bad, "-o", d + "/out"} },
			func(d, bad string) string { return bad + ":1:1: " }},
		{"check property", func(d, bad string) []string { return []string{"check", bad} },
			func(d, bad string) string { return bad + ":1:1: " }},
		{"build --defaults", func(d, bad string) []string {
			return []string{"build", d + "/good.yaml", "--defaults", bad, "-o", d + "/out"}
		},
			func(d, bad string) string { return bad + ":1:1: " }},
		{"batch --defaults", func(d, bad string) []string {
			return []string{"batch", d + "/good.yaml", "--defaults", bad, "-o", d + "/out"}
		},
			func(d, bad string) string { return bad + ":1:1: " }},
		{"build --texts", func(d, bad string) []string {
			return []string{"build", d + "/good.yaml", "--texts", bad, "-o", d + "/out"}
		},
			func(d, bad string) string { return bad + ":1:1: " }},
		{"batch --texts", func(d, bad string) []string {
			return []string{"batch", d + "/good.yaml", "--texts", bad, "-o", d + "/out"}
		},
			func(d, bad string) string { return bad + ":1:1: " }},
		{"logo", func(d, bad string) []string { return []string{"build", d + "/logo.yaml", "-o", d + "/out"} },
			func(d, bad string) string { return d + "/logo.yaml:4:9: landlord.logo: " }},
	}
	for _, in := range inputs {
		for _, h := range hostileFiles {
			t.Run(in.name+"/"+h.name, func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				makeHostile(t, dir, ".yaml")
				bad := filepath.Join(dir, h.name+".yaml")
				writeFile(t, filepath.Join(dir, "good.yaml"), hostileProperty)
				writeFile(t, filepath.Join(dir, "logo.yaml"), strings.Replace(hostileProperty,
					"  name: Brf Hus\n", "  name: Brf Hus\n  logo: "+bad+"\n", 1))
				code, stderr := runWatched(t, in.args(dir, bad)...)
				// 1: the file is refused where it is named; 2: a folder
				// given where a file belongs is a wrong argument, found
				// before anything is read.
				want := in.where(dir, bad)
				switch {
				case code == 2 && (h.name == "folder" || h.name == "link-to-folder"):
					want = bad
				case code != 1:
					t.Errorf("exit status %d; want 1\n%s", code, stderr)
				}
				if !strings.Contains(stderr, want) || !strings.Contains(stderr, h.says) {
					t.Errorf("stderr:\n%s\nwant a line with %q that says %q", stderr, want, h.says)
				}
				if pdfs, _ := filepath.Glob(filepath.Join(dir, "out", "*.pdf")); len(pdfs) > 0 {
					t.Errorf("out holds %q; want no document written", pdfs)
				}
			})
		}
	}
}

// A folder given to batch is searched for *.yaml files; each hostile one
// found there is refused with its name and the good one is built.
func TestHostileFilesInAFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	props := filepath.Join(dir, "props")
	if err := os.Mkdir(props, 0o755); err != nil {
		t.Fatal(err)
	}
	makeHostile(t, props, ".yaml")
	writeFile(t, filepath.Join(props, "good.yaml"), hostileProperty)
	code, stderr := runWatched(t, "batch", props, "-o", filepath.Join(dir, "out"))
	if code != 1 {
		t.Errorf("exit status %d; want 1\n%s", code, stderr)
	}
	for _, h := range hostileFiles {
		if h.name == "folder" {
			continue // a folder called folder.yaml is searched, not read
		}
		bad := filepath.Join(props, h.name+".yaml")
		if !strings.Contains(stderr, bad+":1:1: ") {
			t.Errorf("stderr:\n%s\nwant a line for %s", stderr, bad)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "hus-leaflet-sv.pdf")); err != nil {
		t.Errorf("the good property was not built: %v\n%s", err, stderr)
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runWatched runs huskurage (this test binary, see TestMain) with args,
// limited to 2 GB of address space and killed after a minute, and returns
// its exit status and stderr.
func runWatched(t *testing.T, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", append([]string{"-c", `ulimit -v 2000000; exec huskurage "$@"`, "huskurage"}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("huskurage %s did not end within a minute\n%s", strings.Join(args, " "), stderr.String())
	}
	out := stderr.String()
	if len(out) > 4000 {
		out = out[:4000] + "…" // a stack trace
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out
}
