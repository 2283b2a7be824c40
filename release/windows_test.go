package release

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestWindows cross-compiles the Windows amd64 binary as the release does
// and runs it under Wine on the examples, as a clerk would in PowerShell:
// Windows paths with backslashes and a drive letter. What it writes must
// be, byte for byte, what the binary for this machine writes.
//
// Wine and the binutils cost CI 15 s and 105 MB of downloads (700 MB on
// disk) to install (scripts/test.sh does it). The test takes about 20 s
// with warm build caches, most of it Wine making its prefix; the two
// cross-builds add about 1 to 3 minutes on a fresh machine.
func TestWindows(t *testing.T) {
	t.Parallel()
	c := loadConfig(t)
	const version = "0.0.0-test"
	exe := buildTarget(t, c, "windows", "amd64", version)
	checkBinary(t, exe, "windows", "amd64", version)
	host := buildTarget(t, c, runtime.GOOS, runtime.GOARCH, version)
	w := startWine(t)
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}

	runs := []struct {
		name string
		args []string // with / between folders; the Windows run gets \
	}{
		{"build", []string{"build", "examples/ale-storgatan.yaml", "-o", "OUT"}},
		{"build two languages", []string{"build", "examples/ale-storgatan.yaml", "-o", "OUT", "--poster-langs", "sv,ar", "--leaflet-langs", "sv,ti"}},
		{"batch", []string{"batch", "examples/ale-kommun/fastigheter", "--defaults", "examples/ale-kommun/ale-kommun.yaml", "-o", "OUT"}},
		{"batch from a workbook", []string{"batch", "examples/ale-kommun/fastigheter.xlsx", "--defaults", "examples/ale-kommun/ale-kommun.yaml", "-o", "OUT"}},
	}
	for _, r := range runs {
		hostOut, winOut := t.TempDir(), t.TempDir()
		var hostArgs, winArgs []string
		for _, a := range r.args {
			if a == "OUT" {
				hostArgs = append(hostArgs, hostOut)
				winArgs = append(winArgs, winPath(winOut))
				continue
			}
			hostArgs = append(hostArgs, a)
			winArgs = append(winArgs, strings.ReplaceAll(a, "/", `\`))
		}
		hostRes := runCmd(t, root, host, hostArgs...)
		if hostRes.code != 0 {
			t.Fatalf("%s: huskurage %s: exit %d\n%s", r.name, strings.Join(hostArgs, " "), hostRes.code, hostRes.stderr)
		}
		winRes := w.run(root, exe, winArgs...)
		if winRes.code != 0 {
			t.Errorf("%s: on Windows, huskurage.exe %s: exit %d\n%s", r.name, strings.Join(winArgs, " "), winRes.code, winRes.stderr)
			continue
		}
		compareOutputs(t, r.name, hostOut, winOut)
	}

	// A mistake is reported on Windows as elsewhere: with the same exit
	// code, and naming the file.
	hostRes := runCmd(t, root, host, "build", "missing.yaml", "-o", t.TempDir())
	winRes := w.run(root, exe, "build", "missing.yaml", "-o", winPath(t.TempDir()))
	if winRes.code == 0 || winRes.code != hostRes.code {
		t.Errorf("build missing.yaml: exit %d on Windows, %d here; want the same, not 0", winRes.code, hostRes.code)
	}
	if !strings.Contains(winRes.stderr, "missing.yaml") {
		t.Errorf("build missing.yaml on Windows: the message does not name the file:\n%s", winRes.stderr)
	}
}

// compareOutputs checks that two folders hold the same files with the same
// bytes. Paths the user typed may be echoed (a manifest names its property
// files), and on Windows with \ between folders: only there may the files
// differ, and PDF files not at all.
func compareOutputs(t *testing.T, name, hostDir, winDir string) {
	t.Helper()
	hostFiles, winFiles := listFiles(t, hostDir), listFiles(t, winDir)
	if !slices.ContainsFunc(hostFiles, func(f string) bool { return filepath.Ext(f) == ".pdf" }) {
		t.Fatalf("%s: no PDF written: %q", name, hostFiles)
	}
	if !slices.Equal(hostFiles, winFiles) {
		t.Errorf("%s: Windows wrote %q, want %q", name, winFiles, hostFiles)
		return
	}
	for _, f := range hostFiles {
		h, err := os.ReadFile(filepath.Join(hostDir, f))
		if err != nil {
			t.Fatal(err)
		}
		w, err := os.ReadFile(filepath.Join(winDir, f))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(h, w) {
			continue
		}
		if filepath.Ext(f) != ".pdf" && bytes.Equal(h, slashes(w)) {
			continue
		}
		t.Errorf("%s: %s differs between Windows (%d bytes) and %s (%d bytes)", name, f, len(w), runtime.GOOS, len(h))
	}
}

// slashes turns Windows' folder separators into /, as written in text
// (\) and in JSON (\\).
func slashes(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte(`\\`), []byte(`/`))
	return bytes.ReplaceAll(b, []byte(`\`), []byte(`/`))
}

// listFiles returns the names of the files under dir, sorted, with /.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		names = append(names, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	return names
}

// winPath is the Windows name Wine gives a path on this machine: its drive
// Z: is the root folder.
func winPath(path string) string {
	return `Z:` + strings.ReplaceAll(path, "/", `\`)
}

type result struct {
	code           int
	stdout, stderr string
}

// runTimeout stops a program that hangs, so that the test fails with a
// message instead of running into go test's own timeout.
const runTimeout = 2 * time.Minute

func runCmd(t *testing.T, dir, prog string, args ...string) result {
	t.Helper()
	return runEnv(t, dir, nil, prog, args...)
}

func runEnv(t *testing.T, dir string, env []string, prog string, args ...string) result {
	t.Helper()
	// Not t.Context(): that is cancelled before the test's cleanups run,
	// and one of them stops Wine's server.
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Fatalf("%s %s: still running after %v", prog, strings.Join(args, " "), runTimeout)
	case errors.As(err, &exit):
	case err != nil:
		t.Fatalf("%s %s: %v", prog, strings.Join(args, " "), err)
	}
	return result{cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()}
}

// wine runs Windows programs in a Wine prefix of their own.
type wine struct {
	t        *testing.T
	bin, srv string
	env      []string
}

// startWine makes a fresh Wine prefix (Wine's C: drive and registry) in a
// temporary folder, and stops Wine's server when the test ends.
func startWine(t *testing.T) *wine {
	t.Helper()
	w := &wine{
		t:   t,
		bin: lookFirst("wine64", "/usr/lib/wine/wine64", "wine"),
		srv: lookFirst("wineserver", "/usr/lib/wine/wineserver"),
	}
	if w.bin == "" || w.srv == "" {
		t.Fatal("Wine is not installed: install the Debian package wine64 (apt-get install --no-install-recommends wine64), as scripts/test.sh does")
	}
	prefix := t.TempDir()
	for _, kv := range os.Environ() {
		// No window: Wine would open one for its first-run dialogs.
		if !strings.HasPrefix(kv, "WINE") && !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			w.env = append(w.env, kv)
		}
	}
	w.env = append(w.env,
		"WINEPREFIX="+prefix,
		"WINEDEBUG=-all",
		// Without .NET and the HTML engine, which Wine would offer to
		// download when it makes the prefix.
		"WINEDLLOVERRIDES=mscoree,mshtml=",
	)
	t.Cleanup(func() { runEnv(t, prefix, w.env, w.srv, "-k") })
	if r := runEnv(t, prefix, w.env, w.bin, "wineboot", "--init"); r.code != 0 {
		t.Fatalf("wineboot --init: exit %d\n%s", r.code, r.stderr)
	}
	runEnv(t, prefix, w.env, w.srv, "-w")

	system32 := filepath.Join(prefix, "drive_c", "windows", "system32")
	if _, err := os.Stat(filepath.Join(system32, "bcryptprimitives.dll")); errors.Is(err, fs.ErrNotExist) {
		addProcessPrng(t, system32)
	}
	return w
}

// addProcessPrng gives Wine the bcryptprimitives.dll it lacks before Wine
// 8.13 (Debian 12 has 8.0). Go programs load it when they start, for
// ProcessPrng, and stop with "bcryptprimitives.dll not found" without it;
// Windows has had it since Windows 8. The DLL made here holds no code: its
// one export forwards ProcessPrng to advapi32's SystemFunction036
// (RtlGenRandom), which fills a buffer with random bytes in the same way
// and which Go used before 1.22. It is built with the MinGW-w64 binutils
// (Debian package binutils-mingw-w64-x86-64) and only ever lives in the
// test's Wine prefix.
func addProcessPrng(t *testing.T, system32 string) {
	t.Helper()
	dlltool := lookFirst("x86_64-w64-mingw32-dlltool")
	ld := lookFirst("x86_64-w64-mingw32-ld")
	if dlltool == "" || ld == "" {
		t.Fatal("this Wine lacks bcryptprimitives.dll, and the MinGW-w64 binutils that make one are not installed: install the Debian package binutils-mingw-w64-x86-64, as scripts/test.sh does")
	}
	dir := t.TempDir()
	def := "LIBRARY bcryptprimitives.dll\nEXPORTS\nProcessPrng = advapi32.SystemFunction036\n"
	if err := os.WriteFile(filepath.Join(dir, "bcryptprimitives.def"), []byte(def), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{dlltool, "--input-def", "bcryptprimitives.def", "--output-exp", "exports.o"},
		// No entry point: a DLL of forwards has nothing to start.
		{ld, "--shared", "--entry=0", "-o", filepath.Join(system32, "bcryptprimitives.dll"), "exports.o"},
	} {
		if r := runCmd(t, dir, args[0], args[1:]...); r.code != 0 {
			t.Fatalf("%s: exit %d\n%s%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
		}
	}
}

// run runs a Windows program under Wine, in dir (Wine's current folder is
// then Z:\ and dir's path).
func (w *wine) run(dir, exe string, args ...string) result {
	w.t.Helper()
	return runEnv(w.t, dir, w.env, w.bin, append([]string{exe}, args...)...)
}

// lookFirst returns the first of the programs that is installed, by name
// on PATH or by path, or "".
func lookFirst(progs ...string) string {
	for _, p := range progs {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	return ""
}
