package pipeline

// A batch prints Huskurage documents for many properties in one run: it
// finds the property files, checks that no two share an id before
// anything is written, builds the documents in parallel, writes each
// property's files together, and keeps a manifest of what was written.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"huskurage/input"
	"huskurage/output"
	"huskurage/property"
	"huskurage/render/pdf"
	"huskurage/sheet"
	"huskurage/templates"
)

// Options control a batch.
type BatchOptions struct {
	Docs Options
	// Texts are the languages; nil means the embedded ones (see
	// Builder.Texts).
	Texts *templates.Set
	// Jobs is the number of properties built at once; 0 means one per CPU.
	Jobs int
	// Out is the output folder.
	Out string
	// Defaults is a defaults file merged under every property, or "".
	Defaults string
	// Sheets, when set, adds each property's print sheets: SheetsOffice
	// or SheetsShop.
	Sheets string
	// Progress, if not nil, is called after each property, from one
	// goroutine at a time, with the count done so far.
	Progress func(done, total int, r Result)
	// Clean removes, before anything is built, the files that the
	// folder's earlier manifest lists, each only if it is unchanged.
	Clean bool
	// Spreadsheet says how to read the spreadsheets among the inputs.
	Spreadsheet sheet.Options
}

// Result is what became of one property.
type Result struct {
	Source string // the file it came from
	ID     string
	Seq    int // the property's place in its file; -1 for the file's own problems
	Row    int // the property's row, for a spreadsheet; 0 otherwise
	Files  []ManifestFile
	Err    error // an ErrorList for problems in the file
	// Order is the property on a print file's cover sheet, with Sheets.
	Order OrderProperty
}

// ManifestFile describes one written file.
type ManifestFile struct {
	Property string `json:"property"`
	Source   string `json:"source"`
	File     string `json:"file"`
	Kind     string `json:"kind"`
	Lang     string `json:"lang"`
	Size     string `json:"size"`
	Pages    int    `json:"pages"`
	Bytes    int    `json:"bytes"`
	SHA256   string `json:"sha256"`
	seq      int    // the property's place in its file
	row      int    // its row, for a property from a spreadsheet
	copies   int    // copies to print: a leaflet for each apartment; 0 unknown
}

// Report is the outcome of a batch. The manifest lists Written, then
// Kept.
type Report struct {
	Properties  int            // properties found
	Written     []ManifestFile // in property order
	Failures    []Result       // in property order
	Built       int            // properties whose files were written
	Interrupted bool           // Ctrl-C came before every property was built
	// Stopped is a failure of the output folder (a full or read-only
	// disk) after which no more properties were started.
	Stopped error
	// Kept are the rows of the folder's earlier manifest for files this
	// run did not write, still in the folder unchanged.
	Kept []ManifestFile
	// EarlierManifest, when not nil, says why the folder's earlier
	// manifest could not be read: the new one lists this run's files only.
	EarlierManifest error
	// Removed and Changed are, with Clean, the files of the earlier
	// manifest removed, and those left since they changed.
	Removed, Changed []string
	// Unlisted are the names in the folder that the manifest does not
	// list (hidden names left out).
	Unlisted []string
}

// Files returns the property files among inputs: a file as it is, a
// folder as every *.yaml and *.yml file below it, sorted by path so that
// the order never depends on the file system. A folder with no such file
// is a *NoFilesError.
func Discover(inputs []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, in := range inputs {
		fi, err := os.Stat(in)
		if err != nil || !fi.IsDir() {
			add(in) // the loader reports a missing file with its name
			continue
		}
		var found, sheets []string
		err = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p != in && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir // .git and the like
			}
			if !d.IsDir() && property.IsFile(p) {
				found = append(found, p)
			}
			if !d.IsDir() && sheet.Is(p) && len(sheets) < 3 {
				sheets = append(sheets, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read folder %s: %w", in, err)
		}
		sort.Strings(found)
		if len(found) == 0 {
			return nil, &NoFilesError{Folder: in, Sheets: sheets}
		}
		for _, p := range found {
			add(p)
		}
	}
	return out, nil
}

// NoFilesError is a folder given to Files that holds no property file.
type NoFilesError struct {
	Folder string
	Sheets []string // a few spreadsheets found there, which are read only when named
}

func (e *NoFilesError) Error() string {
	msg := e.Folder + ": no property files (.yaml or .yml) in this folder or below it"
	if len(e.Sheets) > 0 {
		msg += fmt.Sprintf(" (a spreadsheet is read when it is named: e.g. %s)", e.Sheets[0])
	}
	return msg
}

// Without returns files less the one that is the same file as path (a
// defaults file kept in the folder of the properties it serves).
func Without(files []string, path string) []string {
	if path == "" {
		return files
	}
	skip, err := os.Stat(path)
	if err != nil {
		return files
	}
	out := files[:0:0]
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && os.SameFile(fi, skip) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// job is one property to build: its place in the batch and its file.
type job struct {
	index  int
	source string
	// A row of a spreadsheet (table), or a spreadsheet that cannot be
	// read (sheetErr).
	table    *sheet.Table
	row      int
	sheetErr error
}

// Run builds every property in inputs. Problems with single properties
// are in the report; the error is for what stops the whole batch (the
// output folder, two properties with one id).
func Batch(ctx context.Context, inputs []string, opts BatchOptions) (*Report, error) {
	files, err := Discover(inputs)
	if err != nil {
		return nil, err
	}
	files = Without(files, opts.Defaults)
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	gc := tuneGC(jobs)
	defer gc.restore()
	// Pass 1: find every property's id, cheaply, so that two properties
	// that would write over each other stop the batch before anything is
	// written. Problems in the files are found by pass 2.
	ids := make([][]property.ID, len(files))
	srcs := &sources{data: make([][]byte, len(files))}
	tabs := newTables()
	parallel(len(files), jobs, func(i int) {
		if list, ok := tabs.read(i, files[i], opts.Spreadsheet); ok {
			ids[i] = list
			return
		}
		ids[i] = scanIDs(files[i], srcs.read(i, files[i]))
	})
	if err := tabs.duplicates(len(files)); err != nil {
		return nil, err
	}
	if err := duplicateIDs(files, ids, tabs); err != nil {
		return nil, err
	}
	rep := &Report{}
	for _, list := range ids {
		rep.Properties += max(1, len(list))
	}
	var defaults *property.Defaults
	if opts.Defaults != "" {
		b, err := opts.builder()
		if err != nil {
			return nil, err
		}
		if defaults, err = b.LoadDefaults(opts.Defaults); err != nil {
			return nil, err
		}
	}

	// Open takes the folder's lock: a second run into the same folder
	// is refused here, before it writes or removes anything.
	dir, err := output.Open(opts.Out)
	if err != nil {
		return nil, err
	}
	defer dir.Close()
	dir.NoSync = true // one Sync at the end instead of one per file
	earlier, merr := readManifest(dir)
	switch {
	case opts.Clean && merr != nil:
		return nil, fmt.Errorf("clean %s: the earlier manifest cannot be read (%v); nothing was removed (remove the old files yourself, or write into a new folder)",
			opts.Out, merr)
	case opts.Clean:
		rep.Removed, rep.Changed, err = clean(dir, earlier, jobs)
		if err != nil {
			return rep, fmt.Errorf("clean %s: %w", opts.Out, err)
		}
		earlier = nil
	case merr != nil:
		rep.EarlierManifest = fmt.Errorf("the earlier %s cannot be read (%v): the new manifest lists only this run's files", dir.Path(manifestJSON), merr)
	}
	// Room for the manifest is kept on the disk as files are written, so
	// that a disk that fills up still takes the list of what is on it.
	reserve, err := dir.Reserve(manifestBase + rowsBytes(earlier))
	if err != nil {
		return rep, err
	}
	defer reserve.Release()

	// A full or read-only disk stops the batch as Ctrl-C does, between
	// properties: every later write would fail the same way. (A context
	// derived from ctx would not do: the caller's ctx is asked itself.)
	var stopped atomic.Bool
	var stopOnce sync.Once
	stopBuilding := func() { stopped.Store(true) }
	halt := func() bool { return stopped.Load() || ctx.Err() != nil }

	// Pass 2: build on one worker per CPU; write on a few more goroutines,
	// since writing mostly waits for the disk.
	todo := make(chan job)
	built := make(chan built, jobs)
	results := make(chan Result, jobs)
	var workers, writers sync.WaitGroup
	var skipped atomic.Int64 // files or properties left unbuilt after Ctrl-C
	for w := 0; w < jobs; w++ {
		workers.Add(1)
		go func() {
			defer workers.Done()
			b, err := opts.builder()
			for j := range todo {
				if err != nil {
					results <- Result{Source: j.source, Err: err}
					continue
				}
				if halt() {
					skipped.Add(1)
					continue // Ctrl-C: finish what is being written, start nothing new
				}
				if j.table != nil || j.sheetErr != nil {
					buildRow(ctx, b, j, defaults, opts, results, built, &skipped)
					continue
				}
				var (
					props []*property.Property
					lerr  error
				)
				if src := srcs.take(j.index); src != nil {
					props, lerr = b.ParseStream(src, j.source, defaults)
				} else {
					props, lerr = b.LoadStream(j.source, defaults)
				}
				if lerr != nil {
					results <- Result{Source: j.source, Seq: -1, Err: lerr}
				}
				for seq, p := range props {
					if halt() {
						skipped.Add(1)
						break
					}
					r, set := buildOne(ctx, b, j.source, seq, p, opts.Docs, opts.Sheets)
					if ctx.Err() != nil && r.Err != nil {
						skipped.Add(1) // stopped inside the property by Ctrl-C
						break
					}
					if r.Err != nil {
						results <- r
						continue
					}
					built <- builtOf(r, set)
				}
			}
		}()
	}
	names := &nameSet{owner: map[string]string{}}
	for w := 0; w < 2*jobs; w++ {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for bt := range built {
				r := bt.result
				if err := names.claim(bt.files, r.Source); err != nil {
					r.Err, r.Files = err, nil
				} else if err := reserve.Add(rowsBytes(r.Files)); err != nil {
					r.Err, r.Files = err, nil
					stopOnce.Do(func() {
						rep.Stopped = err
						stopBuilding()
					})
				} else if err := dir.WriteAll(bt.files); err != nil {
					r.Err, r.Files = err, nil
					if output.FolderLevel(err) {
						stopOnce.Do(func() {
							rep.Stopped = err
							stopBuilding()
						})
					}
				}
				results <- r
			}
		}()
	}
	go func() {
		defer close(todo)
		for i, f := range files {
			if halt() {
				skipped.Add(int64(len(files) - i))
				return
			}
			list, ok := tabs.jobs(i, f)
			if !ok {
				list = []job{{index: i, source: f}}
			}
			for _, j := range list {
				select {
				case todo <- j:
				case <-ctx.Done():
					skipped.Add(int64(len(files) - i))
					return
				}
			}
		}
	}()
	go func() {
		workers.Wait()
		close(built)
		writers.Wait()
		close(results)
	}()

	done := 0
	byIndex := map[string]int{}
	for i, f := range files {
		byIndex[f] = i
	}
	var failures []Result
	orders := map[[2]int]OrderProperty{}
	for r := range results {
		done++
		if done%256 == 0 {
			gc.check()
		}
		if r.Err != nil {
			failures = append(failures, r)
		} else {
			rep.Written = append(rep.Written, r.Files...)
			rep.Built++
			orders[[2]int{byIndex[r.Source], r.Seq}] = r.Order
		}
		if opts.Progress != nil {
			opts.Progress(done, max(done, rep.Properties), r)
		}
	}
	rep.Interrupted = skipped.Load() > 0 && ctx.Err() != nil
	order := func(source string, seq int) [2]int { return [2]int{byIndex[source], seq} }
	less := func(a, b [2]int) bool { return a[0] < b[0] || a[0] == b[0] && a[1] < b[1] }
	sort.SliceStable(failures, func(a, b int) bool {
		return less(order(failures[a].Source, failures[a].Seq), order(failures[b].Source, failures[b].Seq))
	})
	sort.SliceStable(rep.Written, func(a, b int) bool {
		return less(order(rep.Written[a].Source, rep.Written[a].seq), order(rep.Written[b].Source, rep.Written[b].seq))
	})
	rep.Failures = failures
	tabs.sources(rep.Written, byIndex)
	// A print file that fails is reported after the manifest is
	// written: the properties' files are there and listed.
	var printErr error
	if opts.Sheets != "" && !rep.Interrupted && rep.Stopped == nil {
		keys := make([][2]int, 0, len(orders))
		for k := range orders {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(a, b int) bool { return less(keys[a], keys[b]) })
		order := PrintOrder{Mode: opts.Sheets, Lang: coverLang(defaults)}
		for _, k := range keys {
			order.Properties = append(order.Properties, orders[k])
		}
		f, err := ManifestFile{}, reserve.Add(rowsBytes([]ManifestFile{{File: "print-sheets-" + opts.Sheets + ".pdf", Kind: printKind}}))
		if err == nil {
			f, err = writePrintFile(dir, opts, rep.Written, order)
		}
		if err != nil {
			printErr = err
		} else {
			rep.Written = append(rep.Written, f)
		}
	}
	rep.Kept = keptRows(dir, earlier, rep.Written, jobs)
	all := append(rep.Written[:len(rep.Written):len(rep.Written)], rep.Kept...)
	reserve.Release()
	if err := writeManifest(dir, all, len(rep.Written)); err != nil {
		return rep, errors.Join(printErr, err)
	}
	if err := writeManifestXLSX(dir, all, len(rep.Written)); err != nil {
		return rep, errors.Join(printErr, err)
	}
	rep.Unlisted, _ = unlisted(dir, all)
	if err := dir.Sync(); err != nil {
		return rep, errors.Join(printErr, err)
	}
	return rep, printErr
}

// builder returns a Builder in the batch's languages. A Builder must not
// be shared between goroutines: each worker makes its own.
func (o BatchOptions) builder() (*Builder, error) {
	b, err := New()
	if err != nil {
		return nil, err
	}
	b.Texts = o.Texts
	return b, nil
}

// coverLang is the language of a print file's cover sheet: the defaults
// file's, else Swedish.
func coverLang(d *property.Defaults) string {
	if d != nil && d.Values.Language != "" {
		return d.Values.Language
	}
	return "sv"
}

// buildOne builds one property and describes its files for the manifest.
func buildOne(ctx context.Context, b *Builder, source string, seq int, p *property.Property, opts Options, sheets string) (Result, []output.File) {
	r := Result{Source: source, Seq: seq, ID: p.ID}
	files, err := b.Build(ctx, p, opts)
	if err == nil && sheets != "" {
		r.Order, err = OrderOf(p, files, sheets)
	}
	if err == nil && sheets != "" {
		var f File
		if f, err = b.PrintSheets(p.ID, files, sheets, opts); err == nil {
			files = append(files, f)
		}
	}
	if err != nil {
		r.Err = err
		return r, nil
	}
	set := make([]output.File, len(files))
	for i, f := range files {
		set[i] = output.File{Name: f.Name, Data: f.Data}
		sum := sha256.Sum256(f.Data)
		row := ManifestFile{
			Property: p.ID, Source: source, File: f.Name, Kind: sheetsKind, Lang: f.Lang,
			Size: f.Doc.Size, Pages: len(f.Doc.Pages), Bytes: len(f.Data), SHA256: hex.EncodeToString(sum[:]), seq: seq,
		}
		if f.Kind != nil {
			row.Kind, row.copies = f.Kind.Name, f.Kind.Copies(p)
		}
		r.Files = append(r.Files, row)
	}
	return r, set
}

// built is a property whose files wait to be written.
type built struct {
	result Result
	files  []output.File
}

func builtOf(r Result, files []output.File) built { return built{r, files} }

// nameSet remembers which property each file name of the batch belongs to:
// a last guard, after the id check, against two properties writing the
// same file.
type nameSet struct {
	mu    sync.Mutex
	owner map[string]string
}

func (n *nameSet) claim(files []output.File, source string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, f := range files {
		if other, ok := n.owner[f.Name]; ok && other != source {
			return fmt.Errorf("%s: %s would overwrite the file of %s (give each property its own id)", source, f.Name, other)
		}
	}
	for _, f := range files {
		n.owner[f.Name] = source
	}
	return nil
}

// scanIDs finds the ids of the properties in a file as the loader gives
// them (property.ScanIDs), from data when pass 1 kept it. A file it
// cannot read yields none: pass 2 reports the problem.
func scanIDs(path string, data []byte) []property.ID {
	if data == nil {
		var err error
		// Only a small regular file: a named pipe would block here, and
		// /dev/zero would be read until memory ran out.
		data, err = input.Read(path, property.MaxFileSize)
		if err != nil {
			return nil
		}
	}
	return property.ScanIDs(data, path)
}

// sources keeps the bytes of the property files that pass 1 read, for
// pass 2 to parse without reading them again, up to a total of
// keptSources bytes; a file not kept is read again.
type sources struct {
	mu   sync.Mutex
	data [][]byte
	kept int
}

const keptSources = 32 << 20

// read returns the contents of the regular file path of at most
// property.MaxFileSize bytes, kept for take(i); or nil, and then pass 2
// reads the file itself and reports what is wrong with it.
func (s *sources) read(i int, path string) []byte {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > property.MaxFileSize {
		return nil
	}
	s.mu.Lock()
	full := s.kept+int(fi.Size()) > keptSources
	if !full {
		s.kept += int(fi.Size())
	}
	s.mu.Unlock()
	if full {
		return nil
	}
	data, err := input.Read(path, fi.Size())
	if err != nil {
		s.mu.Lock()
		s.kept -= int(fi.Size())
		s.mu.Unlock()
		return nil
	}
	s.mu.Lock()
	s.kept += len(data) - int(fi.Size())
	s.data[i] = data
	s.mu.Unlock()
	return data
}

// take returns and forgets what read kept for file i.
func (s *sources) take(i int) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	data := s.data[i]
	s.data[i] = nil
	s.kept -= len(data)
	return data
}

// parallel calls f(0) … f(n-1) on up to jobs goroutines.
func parallel(n, jobs int, f func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// writePrintFile joins the cover sheet and every property's print sheets,
// in property order, into print-sheets-MODE.pdf, one file at a time.
func writePrintFile(dir *output.Dir, opts BatchOptions, written []ManifestFile, order PrintOrder) (ManifestFile, error) {
	name := "print-sheets-" + opts.Sheets + ".pdf"
	fail := func(err error) (ManifestFile, error) {
		return ManifestFile{}, fmt.Errorf("%s: %w", name, err)
	}
	b, err := opts.builder()
	if err != nil {
		return fail(err)
	}
	cover, err := b.CoverSheet(order, opts.Docs)
	if err != nil {
		return fail(err)
	}
	pages := len(cover.Doc.Pages)
	h := sha256.New()
	size := 0
	err = dir.Stream(name, func(w io.Writer) error {
		cw := &countWriter{w: io.MultiWriter(w, h)}
		j := pdf.NewJoiner(cw, cover.Doc.Title)
		if opts.Sheets == SheetsShop {
			j = pdf.NewPDFXJoiner(cw, pdf.PDFX{Title: cover.Doc.Title, Lang: cover.Lang, Date: opts.Docs.Date})
		}
		if err := j.Add(cover.Data); err != nil {
			return err
		}
		for _, f := range written {
			if f.Kind != sheetsKind {
				continue
			}
			data, err := dir.Read(f.File)
			if err != nil {
				return err
			}
			if err := j.Add(data); err != nil {
				return fmt.Errorf("%s: %w", f.File, err)
			}
			pages += f.Pages
		}
		err := j.Close()
		size = cw.n
		return err
	})
	if err != nil {
		return fail(err)
	}
	return ManifestFile{Property: "", Source: "", File: name, Kind: printKind, Size: "", Pages: pages,
		Bytes: size, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

type countWriter struct {
	w io.Writer
	n int
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

// duplicateIDs reports properties that would write over each other's
// files: the same id, compared without regard to case, each placed where
// its id is given. A spreadsheet's row is named by its cell.
func duplicateIDs(files []string, ids [][]property.ID, tabs *tables) error {
	type place struct{ file, k int }
	first := map[string]place{}
	var errs property.ErrorList
	for i := range files {
		for k, id := range ids[i] {
			key := strings.ToLower(id.ID)
			if key == "" {
				continue
			}
			if j, ok := first[key]; ok {
				where := files[j.file]
				if name, ok := tabs.rowName(j.file, j.k); ok {
					where = name
				} else if j.file == i {
					where = "another property in the same file"
				}
				errs.Add(id.Pos, "id",
					fmt.Sprintf("%q is also the id of %s; their files would overwrite each other", id.ID, where),
					"give each property its own id")
				continue
			}
			first[key] = place{i, k}
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return fmt.Errorf("nothing was written: %w", errs)
	}
	return nil
}
