package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"huskurage/property"
)

const example = "../../examples/ale-storgatan.yaml"

// TestStdoutFails checks that a command whose output cannot be printed
// (stdout on a full disk: /dev/full) ends with exit status 3 and says
// why, where it used to end with 0.
func TestStdoutFails(t *testing.T) {
	t.Parallel()
	cases := [][]string{
		{"build", example, "-o", "OUT"},
		{"check", example},
		{"batch", example, "-o", "OUT", "-j", "1"},
		{"languages"},
		{"version"},
		{"--help"},
		{"build", "--help"},
		{"check", "--defaults", "../../examples/ale-kommun/ale-kommun.yaml", "--show", "brf-aspen",
			"../../examples/ale-kommun/fastigheter"},
	}
	for _, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer full.Close()
			out := t.TempDir()
			args := append([]string(nil), args...)
			for i, a := range args {
				if a == "OUT" {
					args[i] = out
				}
			}
			var stderr bytes.Buffer
			if got := run(args, full, &stderr); got != exitFault {
				t.Errorf("exit status %d; want %d (stderr: %s)", got, exitFault, stderr.String())
			}
			want := "huskurage: could not print to standard output: no space left on device (check where the output goes"
			if !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr %q; want it to contain %q", stderr.String(), want)
			}
		})
	}
}

// failingWriter fails every write, as a closed pipe does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestStdoutFailsQuietly checks that a quiet batch, which prints nothing
// on stdout, does not fail because of it.
func TestStdoutFailsQuietly(t *testing.T) {
	t.Parallel()
	var stderr bytes.Buffer
	got := run([]string{"batch", example, "-o", t.TempDir(), "-q", "-j", "1"}, failingWriter{}, &stderr)
	if got != exitOK || stderr.Len() > 0 {
		t.Errorf("exit status %d, stderr %q; want 0 and nothing", got, stderr.String())
	}
}

func TestVersionLine(t *testing.T) {
	t.Parallel()
	info := &debug.BuildInfo{Main: debug.Module{Path: "huskurage", Version: "v0.3.0"}}
	clone := &debug.BuildInfo{Main: debug.Module{Path: "huskurage", Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "3f2a9c1d4e5b6a7b8c9d0e1f2a3b4c5d6e7f8a9b"},
		{Key: "vcs.time", Value: "2026-11-02T10:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	for _, c := range []struct {
		stamped string
		info    *debug.BuildInfo
		want    string
	}{
		{"", info, "huskurage v0.3.0"},
		{"1.2.3", info, "huskurage 1.2.3"},
		{"", clone, "huskurage (devel) 3f2a9c1d4e5b 2026-11-02T10:00:00Z modified"},
		{"1.2.3", clone, "huskurage 1.2.3 3f2a9c1d4e5b 2026-11-02T10:00:00Z modified"},
		{"", nil, "huskurage (devel)"},
		{"", &debug.BuildInfo{}, "huskurage (devel)"},
	} {
		if got := versionLine(c.stamped, c.info); got != c.want {
			t.Errorf("versionLine(%q, %v) = %q; want %q", c.stamped, c.info, got, c.want)
		}
	}
}

// TestVersionStamp builds the command as a release does, with
// -ldflags "-X main.version=...", the name the release configuration
// uses, and checks that both ways to ask print it.
func TestVersionStamp(t *testing.T) {
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "huskurage")
	build := exec.Command("go", "build", "-ldflags", "-X main.version=9.8.7-test", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, arg := range []string{"--version", "version"} {
		out, err := exec.Command(bin, arg).Output()
		if err != nil {
			t.Fatalf("%s: %v", arg, err)
		}
		if line := strings.TrimSpace(string(out)); !strings.HasPrefix(line, "huskurage 9.8.7-test") {
			t.Errorf("huskurage %s printed %q; want it to start with %q", arg, line, "huskurage 9.8.7-test")
		}
	}
}

// TestCheckJSONWarnings checks that a property's warnings come out in
// check --json with severity "warning", beside its errors.
func TestCheckJSONWarnings(t *testing.T) {
	t.Parallel()
	r := &checkReport{}
	r.addList("warning", property.ErrorList{{Pos: property.Position{File: "a.yaml", Line: 7, Col: 3},
		Field: "property.apartments", Problem: "not given", Hint: "give the number of apartments"}})
	r.add(property.ErrorList{{Pos: property.Position{File: "a.yaml", Line: 9, Col: 8}, Field: "qr.url", Problem: "must start with https://"}})
	var buf bytes.Buffer
	if err := r.writeJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Problems []map[string]any `json:"problems"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := []map[string]any{
		{"severity": "warning", "file": "a.yaml", "line": 7.0, "column": 3.0, "field": "property.apartments", "message": "not given", "hint": "give the number of apartments"},
		{"severity": "error", "file": "a.yaml", "line": 9.0, "column": 8.0, "field": "qr.url", "message": "must start with https://", "hint": ""},
	}
	if len(got.Problems) != len(want) {
		t.Fatalf("got %d problems; want %d:\n%s", len(got.Problems), len(want), buf.String())
	}
	for i := range want {
		for k, v := range want[i] {
			if got.Problems[i][k] != v {
				t.Errorf("problem %d: %s = %v; want %v", i, k, got.Problems[i][k], v)
			}
		}
	}
}

func TestExitStatus(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		err  error
		want int
	}{
		{nil, exitOK},
		{property.ErrorList{{Problem: "x"}}, exitInput},
		{&property.Error{Problem: "x"}, exitInput},
		{usageError("x"), exitUsage},
		{reported(exitInput), exitInput},
		{errors.New("renderer broke"), exitFault},
		{&os.PathError{Op: "write", Path: "x", Err: errors.New("no space")}, exitFault},
	} {
		if got := exitStatus(c.err); got != c.want {
			t.Errorf("exitStatus(%v) = %d; want %d", c.err, got, c.want)
		}
	}
}

// TestInterruptedStatus checks that a batch stopped before every property
// was built ends with 130, as shells report Ctrl-C, not with the status of
// bad input.
func TestInterruptedStatus(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	got := runContext(ctx, []string{"batch", example, "-o", t.TempDir(), "-j", "1"}, &stdout, &stderr)
	if got != exitInterrupted {
		t.Errorf("exit status %d; want %d (stderr: %s)", got, exitInterrupted, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr %q does not say it was interrupted", stderr.String())
	}
}

func TestCheckSummary(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		r    checkReport
		want string
	}{
		{checkReport{OK: 300, Documents: 1196}, "300 properties ok, 1,196 documents"},
		{checkReport{OK: 298, WithProblems: 2, Documents: 1190}, "298 properties ok, 2 with problems"},
		{checkReport{OK: 12345, WithProblems: 1234}, "12,345 properties ok, 1,234 with problems"},
		{checkReport{OK: 1, Documents: 1}, "1 property ok, 1 document"},
		{checkReport{OK: 0, WithProblems: 1}, "0 properties ok, 1 with problems"},
	} {
		if got := c.r.summary(); got != c.want {
			t.Errorf("summary of %+v = %q; want %q", c.r, got, c.want)
		}
	}
}
