package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"huskurage/input"
	"huskurage/output"
)

// The manifest describes the whole output folder, not one run: a run
// that rebuilt some properties (or was interrupted) keeps the rows of an
// earlier manifest for the files it did not write, as long as each is
// still in the folder unchanged, so that an interrupted run over a
// complete one never leaves a manifest of 492 rows beside 10,000 files.
const (
	manifestCSV  = "manifest.csv"
	manifestJSON = "manifest.json"
	manifestXLSX = "manifest.xlsx" // the same for Excel: tables.go
	// maxManifest bounds the earlier manifest.json read back: about
	// 330 bytes a row, so room for 200,000 rows.
	maxManifest = 64 << 20
)

// The manifest's kinds of file besides the kinds of document (kind.All):
// a property's print sheets, and the batch's print file.
const (
	sheetsKind = "sheets"
	printKind  = "print"
)

// manifestBase is the room kept for a manifest's header and brackets, and
// rowsBytes the most that rows can take in manifest.csv and manifest.json
// together: JSON may write a byte as \u00XX and CSV doubles a quote,
// and the field names and indenting add less than 256 bytes a row.
const manifestBase = 4 << 10

func rowsBytes(rows []ManifestFile) int64 {
	var n int64
	for _, f := range rows {
		n += int64(8*(len(f.Property)+len(f.Source)+len(f.File)+len(f.Kind)+len(f.Lang)+len(f.Size)+len(f.SHA256)) + 256)
	}
	return n
}

// rowSource calls f with each row of a manifest in turn, until f
// returns an error: the rows are read back from disk as they are
// written, not held in memory.
type rowSource func(f func(ManifestFile) error) error

// rowsOf is the rows held in memory as a rowSource.
func rowsOf(rows []ManifestFile) rowSource {
	return func(f func(ManifestFile) error) error {
		for _, r := range rows {
			if err := f(r); err != nil {
				return err
			}
		}
		return nil
	}
}

// encodeManifest writes manifest.csv and manifest.json to c and j: every
// file, with its property, source file, kind, language, paper, pages,
// size and SHA-256, so that a clerk can check a print order against the
// folder. The JSON is what json.MarshalIndent makes of {"files": rows}
// with an indent of two spaces, written a row at a time.
func encodeManifest(c, j io.Writer, rows rowSource) error {
	w := csv.NewWriter(c)
	w.Write([]string{"property", "source", "file", "kind", "lang", "size", "pages", "bytes", "sha256"})
	if _, err := io.WriteString(j, "{\n  \"files\": ["); err != nil {
		return err
	}
	n := 0
	var data []byte
	err := rows(func(f ManifestFile) error {
		w.Write([]string{f.Property, f.Source, f.File, f.Kind, f.Lang, f.Size,
			strconv.Itoa(f.Pages), strconv.Itoa(f.Bytes), f.SHA256})
		sep := ",\n    "
		if n == 0 {
			sep = "\n    "
		}
		n++
		data = appendManifestRow(append(data[:0], sep...), f)
		_, err := j.Write(data)
		return err
	})
	if err != nil {
		return err
	}
	end := "]\n}\n"
	if n > 0 {
		end = "\n  ]\n}\n"
	}
	if _, err := io.WriteString(j, end); err != nil {
		return err
	}
	w.Flush()
	return w.Error()
}

// appendManifestRow appends f as json.MarshalIndent(f, "    ", "  ")
// writes it, without its reflection (a batch's end wrote 10,000 rows
// so): its fields in the order of ManifestFile's tags, each string as
// encoding/json writes it (jsonString).
func appendManifestRow(b []byte, f ManifestFile) []byte {
	const field = ",\n      \""
	b = append(b, "{\n      \"property\": "...)
	b = jsonString(b, f.Property)
	b = jsonString(append(b, field+"source\": "...), f.Source)
	b = jsonString(append(b, field+"file\": "...), f.File)
	b = jsonString(append(b, field+"kind\": "...), f.Kind)
	b = jsonString(append(b, field+"lang\": "...), f.Lang)
	b = jsonString(append(b, field+"size\": "...), f.Size)
	b = strconv.AppendInt(append(b, field+"pages\": "...), int64(f.Pages), 10)
	b = strconv.AppendInt(append(b, field+"bytes\": "...), int64(f.Bytes), 10)
	b = jsonString(append(b, field+"sha256\": "...), f.SHA256)
	return append(b, "\n    }"...)
}

// jsonString appends s quoted as encoding/json quotes it: as it is when
// it holds only printable ASCII that json leaves alone (not ", \, <, >
// or &), else as json.Marshal writes it.
func jsonString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always marshals
			return append(b, q...)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}

// writeManifest writes the manifest of rows. When it cannot, and an
// earlier manifest is in the folder, the earlier one no longer describes
// the folder: it is removed (which also frees its space) and the write
// tried once more. The error says what happened to both.
func writeManifest(dir *output.Dir, rows rowSource, thisRun int) error {
	write := func() error {
		return dir.StreamAll([]string{manifestCSV, manifestJSON}, func(ws []io.Writer) error {
			return encodeManifest(ws[0], ws[1], rows)
		})
	}
	err := write()
	if err == nil {
		return nil
	}
	earlier := ""
	if _, lerr := dir.Lstat(manifestJSON); lerr == nil || !errors.Is(lerr, fs.ErrNotExist) {
		rm1, rm2 := dir.Remove(manifestCSV), dir.Remove(manifestJSON)
		if (rm1 == nil || errors.Is(rm1, fs.ErrNotExist)) && (rm2 == nil || errors.Is(rm2, fs.ErrNotExist)) {
			if write() == nil {
				return nil
			}
			earlier = "; the earlier manifest was removed, since it no longer describes the folder"
		} else {
			earlier = "; the earlier manifest could not be removed and is out of date: do not check a print order against it"
		}
	}
	return &ManifestError{Folder: dir.Path(""), Files: thisRun, Err: err, Earlier: earlier}
}

// ManifestError is a manifest that could not be written.
type ManifestError struct {
	Folder  string
	Files   int    // files this run wrote, which no manifest lists
	Earlier string // what became of an earlier manifest
	Err     error
}

func (e *ManifestError) Error() string {
	return fmt.Sprintf("the manifest was not written: %v%s; %d files this run wrote are in %s but in no manifest: run the batch again once the problem is fixed",
		e.Err, e.Earlier, e.Files, e.Folder)
}

func (e *ManifestError) Unwrap() error { return e.Err }

// readManifest reads the rows of the manifest.json in the folder, if any.
// Rows that name anything but a plain file of the folder are dropped:
// those are not files we wrote.
func readManifest(dir *output.Dir) ([]ManifestFile, error) {
	data, err := dir.ReadAtMost(manifestJSON, maxManifest)
	var ie *input.Error
	if errors.As(err, &ie) && ie.Problem == input.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m struct {
		Files []ManifestFile `json:"files"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("not a manifest of ours: %v", err)
	}
	rows := m.Files[:0]
	for _, f := range m.Files {
		if ourFile(f.File) {
			rows = append(rows, f)
		}
	}
	return rows, nil
}

// ourFile reports whether name could be a file a batch wrote: a plain
// name in the folder, not hidden, not the manifest itself.
func ourFile(name string) bool {
	return name != "" && !strings.ContainsAny(name, `/\`) && !strings.HasPrefix(name, ".") &&
		name != manifestCSV && name != manifestJSON && name != manifestXLSX && name != ".." && name != "."
}

// unchanged reports whether the file row describes is in the folder as
// a regular file (not a link) with the size and SHA-256 the row gives.
func unchanged(dir *output.Dir, row ManifestFile) bool {
	fi, err := dir.Lstat(row.File)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(row.Bytes) {
		return false
	}
	data, err := dir.ReadAtMost(row.File, fi.Size())
	if err != nil {
		return false
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]) == row.SHA256
}

// keptRows returns the rows of the earlier manifest to keep: files this
// run did not write that are still in the folder, unchanged.
func keptRows(dir *output.Dir, earlier []ManifestFile, written map[string]bool, jobs int) []ManifestFile {
	wrote := map[string]bool{}
	var candidates []ManifestFile
	for _, f := range earlier {
		if !wrote[f.File] && !written[f.File] {
			wrote[f.File] = true // a name listed twice is kept once
			candidates = append(candidates, f)
		}
	}
	keep := make([]bool, len(candidates))
	parallel(len(candidates), jobs, func(i int) { keep[i] = unchanged(dir, candidates[i]) })
	var out []ManifestFile
	for i, f := range candidates {
		if keep[i] {
			out = append(out, f)
		}
	}
	return out
}

// clean removes the files the earlier manifest lists, each only when it
// is still the file the manifest describes (same size and SHA-256): never
// a file of another name, nor one changed since. It returns the files
// removed and those left because they changed.
func clean(dir *output.Dir, earlier []ManifestFile, jobs int) (removed, changed []string, err error) {
	same := make([]bool, len(earlier))
	parallel(len(earlier), jobs, func(i int) { same[i] = unchanged(dir, earlier[i]) })
	for i, f := range earlier {
		if !same[i] {
			if _, lerr := dir.Lstat(f.File); lerr == nil {
				changed = append(changed, f.File)
			}
			continue
		}
		if err := dir.Remove(f.File); err != nil {
			return removed, changed, err
		}
		removed = append(removed, f.File)
	}
	for _, name := range []string{manifestCSV, manifestJSON, manifestXLSX} {
		if err := dir.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, changed, err
		}
	}
	return removed, changed, nil
}

// unlisted returns the names in the folder that the manifest does not
// list: files from elsewhere, or from a run whose manifest was lost.
// Hidden names (ours: the lock file; and the user's own) are left out.
func unlisted(dir *output.Dir, listed map[string]bool) ([]string, error) {
	names, err := dir.Names() // names only: an lstat each is not needed
	if err != nil {
		return nil, err
	}
	var out []string
	for _, name := range names {
		if !listed[name] && name != manifestCSV && name != manifestJSON && name != manifestXLSX && !strings.HasPrefix(name, ".") {
			out = append(out, name)
		}
	}
	return out, nil
}
