package main

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary stand in for the huskurage command: when
// a script runs "huskurage ...", testscript starts this binary under that
// name and it runs the CLI exactly as main does.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"huskurage": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI behaviour scripts in testdata/script. Each
// script is a txtar archive: the commands to run, then the files they
// work on.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                "testdata/script",
		RequireUniqueNames: true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mkpng":    cmdMkpng,
			"unescape": cmdUnescape,
			"grow":     cmdGrow,
			"lsdir":    cmdLsdir,
			"empty":    cmdEmpty,
			"status":   cmdStatus,
			"pngsize":  cmdPngsize,
			"mkxlsx":   cmdMkxlsx,
		},
		Condition: scriptCondition,
	})
}

// scriptCondition answers the conditions of our own that scripts use:
// [root] when the tests run as root (who may write into a read-only
// folder), [userns] when "unshare -rm" can give a script its own mounts,
// for a small tmpfs (a full disk) or a read-only bind mount.
func scriptCondition(cond string) (bool, error) {
	switch cond {
	case "root":
		return os.Geteuid() == 0, nil
	case "userns":
		return exec.Command("unshare", "-rm", "true").Run() == nil, nil
	}
	return false, fmt.Errorf("unknown condition %q", cond)
}

// cmdMkpng writes a PNG of the given size: mkpng FILE WIDTH HEIGHT [16bit].
// The picture is a dark square on white; with 16bit it has 16 bits per
// channel, which the loader converts to 8 bits.
func cmdMkpng(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! mkpng")
	}
	if len(args) != 3 && !(len(args) == 4 && args[3] == "16bit") {
		ts.Fatalf("usage: mkpng FILE WIDTH HEIGHT [16bit]")
	}
	w, err := strconv.Atoi(args[1])
	ts.Check(err)
	h, err := strconv.Atoi(args[2])
	ts.Check(err)
	r := image.Rect(0, 0, w, h)
	inside := func(x, y int) bool { return x > w/4 && x < 3*w/4 && y > h/4 && y < 3*h/4 }

	var img image.Image
	switch {
	case len(args) == 4:
		g := image.NewGray16(r)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				v := uint16(0xFFFF)
				if inside(x, y) {
					v = 0x1234
				}
				g.SetGray16(x, y, color.Gray16{Y: v})
			}
		}
		img = g
	case w*h > 1<<20:
		// Large pictures are grey and plain, so that they are quick to
		// make; the loader refuses them by their header alone.
		g := image.NewGray(r)
		for i := range g.Pix {
			g.Pix[i] = 0xFF
		}
		img = g
	default:
		c := image.NewNRGBA(r)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				v := color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}
				if inside(x, y) {
					v = color.NRGBA{R: 0x1D, G: 0x4E, B: 0x63, A: 0xFF}
				}
				c.SetNRGBA(x, y, v)
			}
		}
		img = c
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	ts.Check(enc.Encode(&buf, img))
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), buf.Bytes(), 0o666))
}

var hexEscape = regexp.MustCompile(`\\x[0-9A-Fa-f]{2}`)

// cmdUnescape replaces each \xHH in a file by the byte it names, so that
// a script can hold bytes a txtar file cannot show: unescape FILE...
func cmdUnescape(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! unescape")
	}
	if len(args) == 0 {
		ts.Fatalf("usage: unescape FILE...")
	}
	for _, name := range args {
		path := ts.MkAbs(name)
		data, err := os.ReadFile(path)
		ts.Check(err)
		data = hexEscape.ReplaceAllFunc(data, func(m []byte) []byte {
			b, _ := strconv.ParseUint(string(m[2:]), 16, 8)
			return []byte{byte(b)}
		})
		ts.Check(os.WriteFile(path, data, 0o666))
	}
}

// cmdGrow appends YAML comment lines to a file until it holds at least
// SIZE bytes: grow FILE SIZE.
func cmdGrow(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! grow")
	}
	if len(args) != 2 {
		ts.Fatalf("usage: grow FILE SIZE")
	}
	size, err := strconv.Atoi(args[1])
	ts.Check(err)
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	line := []byte("# This line only makes the file bigger; huskurage must refuse it.\n")
	for len(data) < size {
		data = append(data, line...)
	}
	ts.Check(os.WriteFile(path, data, 0o666))
}

// cmdPngsize checks that a file is a PNG picture of the given size in
// pixels: pngsize FILE WIDTH HEIGHT.
func cmdPngsize(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! pngsize")
	}
	if len(args) != 3 {
		ts.Fatalf("usage: pngsize FILE WIDTH HEIGHT")
	}
	f, err := os.Open(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		ts.Fatalf("%s: not a PNG picture: %v", args[0], err)
	}
	if got, want := fmt.Sprintf("%d %d", cfg.Width, cfg.Height), args[1]+" "+args[2]; got != want {
		ts.Fatalf("%s is %s pixels, want %s", args[0], got, want)
	}
}

// cmdLsdir prints the names in a folder, hidden ones too, one a line in
// sorted order, for cmp or stdout to check: lsdir DIR.
func cmdLsdir(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! lsdir")
	}
	if len(args) != 1 {
		ts.Fatalf("usage: lsdir DIR")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintln(ts.Stdout(), n)
	}
}

// cmdEmpty checks that a folder is missing or holds nothing; with ! that
// it holds something: empty DIR.
func cmdEmpty(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: empty DIR")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	if err != nil && !os.IsNotExist(err) {
		ts.Fatalf("%v", err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	switch {
	case neg && len(names) == 0:
		ts.Fatalf("%s is missing or empty", args[0])
	case !neg && len(names) > 0:
		ts.Fatalf("%s holds %q; want nothing", args[0], names)
	}
}

// cmdStatus runs a program and checks its exit status, which the builtin
// "!" cannot tell apart: status N PROGRAM [ARG...]. Its output is then
// there for stdout and stderr to check.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! status")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: status N PROGRAM [ARG...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("%v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d; want %d", args[1], got, want)
	}
}
