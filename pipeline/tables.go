package pipeline

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"huskurage/kind"
	"huskurage/output"
	"huskurage/property"
	"huskurage/sheet"
)

// Spreadsheets among a batch's inputs (.xlsx, .csv, .tsv, when named:
// folders give only property files, so that a folder of YAML files and
// the spreadsheet they were made from, or an old manifest.csv, are never
// read twice) are read whole in pass 1, for their ids, and each row is a
// property of its own in pass 2, so that the rows of one large sheet are
// built in parallel.

// tables holds the spreadsheets of a batch, by file index.
type tables struct {
	mu   sync.Mutex
	tabs map[int]*sheet.Table
	errs map[int]error // a file that cannot be read as a whole
}

func newTables() *tables {
	return &tables{tabs: map[int]*sheet.Table{}, errs: map[int]error{}}
}

// read reads file i if it is a spreadsheet and returns its rows' ids,
// each placed at its cell; ok is false for a property file.
func (t *tables) read(i int, path string, opts sheet.Options) (ids []property.ID, ok bool) {
	if !sheet.Is(path) {
		return nil, false
	}
	tab, err := sheet.Read(path, opts)
	t.mu.Lock()
	defer t.mu.Unlock()
	if err != nil {
		t.errs[i] = err
		return nil, true
	}
	t.tabs[i] = tab
	for k, id := range tab.IDs() {
		ids = append(ids, property.ID{ID: id, Pos: tab.IDPos(k)})
	}
	return ids, true
}

// duplicates returns the rows of a sheet that give an id an earlier row
// gives, which stops the batch before anything is written.
func (t *tables) duplicates(n int) error {
	var errs property.ErrorList
	for i := 0; i < n; i++ {
		if tab := t.tabs[i]; tab != nil {
			errs = append(errs, tab.Duplicates...)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("nothing was written: %w", errs)
	}
	return nil
}

// jobs returns the jobs of file i when it is a spreadsheet: one a row,
// or one that reports why the file cannot be read.
func (t *tables) jobs(i int, source string) ([]job, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err, ok := t.errs[i]; ok {
		return []job{{index: i, source: source, sheetErr: err}}, true
	}
	tab, ok := t.tabs[i]
	if !ok {
		return nil, false
	}
	out := make([]job, len(tab.Rows))
	for r := range tab.Rows {
		out[r] = job{index: i, source: source, table: tab, row: r}
	}
	return out, true
}

// rowName names row k of file i when it is a spreadsheet:
// "fastigheter.xlsx:14".
func (t *tables) rowName(i, k int) (string, bool) {
	if t == nil {
		return "", false
	}
	tab := t.tabs[i]
	if tab == nil || k >= len(tab.Rows) {
		return "", false
	}
	return tab.Source(k), true
}

// sources names each written file's row for the manifest:
// "fastigheter.xlsx:14".
func (t *tables) sources(files []ManifestFile, index map[string]int) {
	for k := range files {
		f := &files[k]
		if tab := t.tabs[index[f.Source]]; tab != nil && f.Source == tab.File && f.seq >= 0 && f.seq < len(tab.Rows) {
			f.Source, f.row = tab.Source(f.seq), tab.Row(f.seq)
		}
	}
}

// buildRow checks and builds one row of a spreadsheet, as work does for a
// property of a file.
func (b *batch) buildRow(ctx context.Context, bl *Builder, j job, made chan<- built, results chan<- Result) {
	if j.sheetErr != nil {
		results <- Result{Source: j.source, Seq: -1, Err: j.sheetErr}
		return
	}
	row := j.table.Row(j.row)
	p, err := j.table.Property(j.row, bl.PropertyOptions(b.defaults))
	if err != nil {
		results <- Result{Source: j.source, Seq: j.row, Row: row, Err: err}
		return
	}
	r, set := b.makeOne(ctx, bl, j.source, j.row, p)
	r.Row = row
	switch {
	case ctx.Err() != nil && r.Err != nil:
		b.skipped.Add(1) // stopped inside the property by Ctrl-C
	case r.Err != nil:
		results <- r
	default:
		made <- built{r, set}
	}
}

// writeManifestXLSX writes manifest.xlsx, the manifest as a workbook that
// Excel opens without an import dialog, with the copies to print. The
// first thisRun files were written by this run; the rest are an earlier
// run's, kept, whose copies are left blank (the earlier manifest does not
// say them).
func writeManifestXLSX(dir *output.Dir, files rowSource, thisRun int) error {
	return dir.Stream(manifestXLSX, func(w io.Writer) error { return encodeManifestXLSX(w, files, thisRun) })
}

// encodeManifestXLSX writes manifest.xlsx to w, row by row (see
// writeManifestXLSX).
func encodeManifestXLSX(w io.Writer, files rowSource, thisRun int) error {
	i := -1
	return sheet.WriteManifest(w, func(yield func(sheet.ManifestRow) error) error {
		return files(func(f ManifestFile) error {
			i++
			return yield(manifestRow(f, i >= thisRun))
		})
	})
}

// manifestRow is a manifest's row in the workbook; earlier is set for a
// row kept from an earlier manifest.
func manifestRow(f ManifestFile, earlier bool) sheet.ManifestRow {
	source, row := f.Source, f.row
	if earlier {
		// "fastigheter.xlsx:14" in an earlier manifest
		if k := strings.LastIndexByte(source, ':'); k > 0 && sheet.Is(source[:k]) {
			if n, err := strconv.Atoi(source[k+1:]); err == nil && n > 0 {
				row = n
			}
		}
	}
	if row > 0 {
		source = strings.TrimSuffix(source, ":"+strconv.Itoa(row))
	}
	// With / between folders on every system, so that the workbook
	// is the same wherever it was made (Windows reads / too).
	r := sheet.ManifestRow{Property: f.Property, Source: filepath.ToSlash(source), Row: row, File: f.File, Kind: f.Kind,
		Lang: f.Lang, Size: f.Size, Pages: f.Pages, Copies: f.copies}
	switch {
	case earlier || kind.Named(f.Kind) == nil:
		r.Copies = 0 // the cover sheet says what to print
	case f.copies == 0:
		r.Unknown = true // a leaflet of a property that does not say its apartments
	}
	return r
}
