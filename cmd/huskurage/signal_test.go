package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// startBatch starts huskurage batch on n small properties with its stderr
// on a pipe that holds only 4 KiB, and returns once the batch has
// reported its first property: from then on it stops when the pipe is
// full, so it cannot finish before the test lets it.
func startBatch(t *testing.T, n int) (cmd *exec.Cmd, stderr *os.File, out string, done <-chan error) {
	t.Helper()
	dir := t.TempDir()
	props := filepath.Join(dir, "props")
	if err := os.Mkdir(props, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		writeFile(t, filepath.Join(props, fmt.Sprintf("p%03d.yaml", i)),
			strings.Replace(hostileProperty, "id: hus", fmt.Sprintf("id: hus-%03d", i), 1))
	}
	out = filepath.Join(dir, "out")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := unix.FcntlInt(w.Fd(), unix.F_SETPIPE_SZ, 4096); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command("huskurage", "batch", props, "-o", out, "-j", "1", "--only", "leaflet")
	cmd.Stderr = w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
		r.Close()
	})
	result := make(chan error, 1)
	go func() { <-exited; result <- waitErr }()
	done = result
	line := make([]byte, 0, 200)
	for b := make([]byte, 1); ; {
		if _, err := r.Read(b); err != nil {
			t.Fatalf("no progress line from batch: %v (%q)", err, line)
		}
		if b[0] == '\n' {
			break
		}
		line = append(line, b[0])
	}
	if !strings.HasPrefix(string(line), fmt.Sprintf("[1/%d] ", n)) {
		t.Fatalf("first line %q; want progress", line)
	}
	return cmd, r, out, done
}

// SIGTERM stops a batch: it finishes the property being written, starts
// no other, lists what was written in the manifest, and exits 130.
func TestBatchStopsOnSIGTERM(t *testing.T) {
	t.Parallel()
	const n = 200
	cmd, stderr, out, done := startBatch(t, n)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(stderr)
	var err error
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		t.Fatalf("batch did not stop within a minute of SIGTERM\n%s", rest)
	}
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitInterrupted {
		t.Fatalf("batch ended with %v; want exit status %d\n%s", err, exitInterrupted, rest)
	}
	if !bytes.Contains(rest, []byte("interrupted")) {
		t.Errorf("stderr does not say the batch was interrupted:\n%s", rest)
	}
	rows := manifestRows(t, filepath.Join(out, "manifest.csv"))
	if len(rows) == 0 || len(rows) >= n {
		t.Errorf("manifest lists %d files; want some but not all %d", len(rows), n)
	}
	for _, row := range rows {
		data, err := os.ReadFile(filepath.Join(out, row["file"]))
		sum := sha256.Sum256(data)
		if err != nil || hex.EncodeToString(sum[:]) != row["sha256"] {
			t.Errorf("%s: %v, or not the file the manifest describes", row["file"], err)
		}
	}
	pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	if len(pdfs) != len(rows) {
		t.Errorf("out holds %d PDFs, the manifest lists %d", len(pdfs), len(rows))
	}
}

// manifestRows reads a manifest.csv as maps from column name to value.
func manifestRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(records) == 0 {
		t.Fatalf("%s: %v", path, err)
	}
	var rows []map[string]string
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, name := range records[0] {
			row[name] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// While a batch writes into a folder, a second batch and a build into it
// are refused with a message that names the folder and the process, exit
// with the status of a write that failed, and write nothing; the first
// batch's files and manifest are whole.
func TestSecondRunIntoAFolderIsRefused(t *testing.T) {
	t.Parallel()
	const n = 200 // progress lines for more than the 4 KiB pipe holds
	cmd, stderr, out, done := startBatch(t, n)
	props := filepath.Join(filepath.Dir(out), "props")
	want := fmt.Sprintf("output folder %s: is in use by another huskurage run (process %d) (wait until it has finished, or choose another folder with -o)",
		out, cmd.Process.Pid)
	for _, args := range [][]string{
		{"batch", props, "-o", out, "--lang", "en"},
		{"batch", props, "-o", out, "--lang", "en", "--clean"},
		{"build", filepath.Join(props, "p000.yaml"), "-o", out, "--lang", "en"},
	} {
		second := exec.Command("huskurage", args...)
		msg, err := second.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitFault || !strings.Contains(string(msg), want) {
			t.Errorf("huskurage %s: %v\n%s\nwant it refused: %s", strings.Join(args, " "), err, msg, want)
		}
	}
	rest, _ := io.ReadAll(stderr)
	if err := <-done; err != nil {
		t.Fatalf("first batch: %v\n%s", err, rest)
	}
	rows := manifestRows(t, filepath.Join(out, "manifest.csv"))
	pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	if len(rows) != n || len(pdfs) != n {
		t.Errorf("manifest lists %d files, the folder holds %d PDFs; want %d of each", len(rows), len(pdfs), n)
	}
	for _, row := range rows {
		data, err := os.ReadFile(filepath.Join(out, row["file"]))
		sum := sha256.Sum256(data)
		if err != nil || hex.EncodeToString(sum[:]) != row["sha256"] || strings.Contains(row["file"], "-en") {
			t.Errorf("%s: %v, or not the file the manifest describes", row["file"], err)
		}
	}
}
