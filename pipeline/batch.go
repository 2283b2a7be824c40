package pipeline

// A batch prints Huskurage documents for many properties in one run, in
// steps: plan finds the inputs and their ids, so that two properties of
// one id stop the batch before anything is written; open takes the
// output folder and reads its earlier manifest; prepare cleans it and
// keeps room for the manifest; build makes and writes the properties in
// parallel; printFile joins their print sheets; finish writes the
// manifest. Once the folder is open, finish runs whatever happened
// before it: the manifest always lists what the folder holds.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
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
)

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

// Report is the outcome of a batch. The manifest lists the files
// written, then those kept.
type Report struct {
	Properties  int      // properties found
	Written     int      // files written, the manifest's first rows
	Failures    []Result // in property order
	Built       int      // properties whose files were written
	Interrupted bool     // Ctrl-C came before every property was built
	// Stopped is a failure of the output folder (a full or read-only
	// disk) after which no more properties were started.
	Stopped error
	// Kept is the number of rows of the folder's earlier manifest kept,
	// for files this run did not write, still in the folder unchanged.
	Kept int
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

// batch is one run of Batch, step by step.
type batch struct {
	req      Request
	jobs     int
	files    []string       // the inputs, in order
	index    map[string]int // each input's place in files
	srcs     *sources       // property files read by plan, for build
	tabs     *tables        // the spreadsheets among the inputs
	defaults *property.Defaults
	rep      *Report

	dir     *output.Dir
	earlier []ManifestFile  // the rows of the folder's earlier manifest
	reserve *output.Reserve // room kept for the manifest
	rows    *rowLog         // the rows of the files written, on disk
	print   []ManifestFile  // the print file's row, after them

	// While building: a failure of the folder (stopped) stops the
	// batch between properties as Ctrl-C does; skipped counts the files
	// or properties left unbuilt then; names guards against two
	// properties writing one file; orders are the built properties on a
	// print order's cover, by input and place in it.
	stopped  atomic.Bool
	stopOnce sync.Once
	skipped  atomic.Int64
	names    *nameSet
	orders   map[[2]int]OrderProperty
}

// Batch builds every property in inputs and writes their files into
// req.Out. Problems with single properties are in the report; the error
// is for what stops the whole batch (two properties with one id, the
// output folder) or fails after it (the print file, the manifest): the
// report is nil only when nothing was written or removed.
func Batch(ctx context.Context, inputs []string, req Request) (*Report, error) {
	b, err := plan(inputs, req)
	if err != nil {
		return nil, err
	}
	if err := b.open(); err != nil {
		return nil, err
	}
	defer b.dir.Close()
	// From here on the folder is this run's: whatever happens, finish
	// writes the manifest of what it holds.
	err = b.prepare()
	if err == nil {
		b.build(ctx)
		err = b.printFile()
	}
	return b.rep, errors.Join(err, b.finish())
}

// plan finds the inputs and every property's id, cheaply, so that two
// properties that would write over each other stop the batch before
// anything is written, and reads the defaults file. Problems in the
// files themselves are found when they are built.
func plan(inputs []string, req Request) (*batch, error) {
	files, err := Discover(inputs, req.Defaults)
	if err != nil {
		return nil, err
	}
	b := &batch{req: req, jobs: req.Jobs, files: files, index: map[string]int{},
		srcs: &sources{data: make([][]byte, len(files)), limit: keptSources}, tabs: newTables(), rep: &Report{},
		names: &nameSet{owner: map[string]string{}}, orders: map[[2]int]OrderProperty{}}
	if b.jobs <= 0 {
		b.jobs = runtime.NumCPU()
	}
	for i, f := range files {
		b.index[f] = i
	}
	ids := make([][]property.ID, len(files))
	quick := make([]bool, len(files)) // ids read by property.QuickIDs
	parallel(len(files), b.jobs, func(i int) {
		if list, ok := b.tabs.read(i, files[i], req.Spreadsheet); ok {
			ids[i] = list
			return
		}
		ids[i], quick[i] = scanIDs(files[i], b.srcs.read(i, files[i]))
	})
	if err := b.tabs.duplicates(len(files)); err != nil {
		return nil, err
	}
	if err := duplicateIDs(files, ids, b.tabs); err != nil {
		// An id read quickly may be in a file that is broken further
		// down, which gives no id: ask the parser before reporting.
		for i, q := range quick {
			if q {
				ids[i] = property.ScanIDs(b.srcs.peek(i, files[i]), files[i])
			}
		}
		if err := duplicateIDs(files, ids, b.tabs); err != nil {
			return nil, err
		}
	}
	for _, list := range ids {
		b.rep.Properties += max(1, len(list))
	}
	if req.Defaults != "" {
		bl, err := req.builder()
		if err != nil {
			return nil, err
		}
		if b.defaults, err = req.defaults(bl); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// open takes the output folder's lock, so that a second run into the
// same folder is refused before it writes or removes anything, and reads
// the folder's earlier manifest.
func (b *batch) open() error {
	dir, err := output.Open(b.req.Out)
	if err != nil {
		return err
	}
	b.dir = dir
	dir.NoSync = true // one Sync at the end instead of one per file
	earlier, err := readManifest(dir)
	switch {
	case b.req.Clean && err != nil:
		dir.Close()
		return fmt.Errorf("clean %s: the earlier manifest cannot be read (%v); nothing was removed (remove the old files yourself, or write into a new folder)",
			b.req.Out, err)
	case err != nil:
		b.rep.EarlierManifest = fmt.Errorf("the earlier %s cannot be read (%v): the new manifest lists only this run's files", dir.Path(manifestJSON), err)
	}
	b.earlier = earlier
	return nil
}

// prepare removes, with Clean, the files of the earlier manifest, and
// keeps room on the disk for the manifest, which grows as files are
// written, so that a disk that fills up still takes the list of what is
// on it.
func (b *batch) prepare() error {
	if b.req.Clean {
		removed, changed, err := clean(b.dir, b.earlier, b.jobs)
		b.rep.Removed, b.rep.Changed = removed, changed
		if err != nil {
			return fmt.Errorf("clean %s: %w", b.req.Out, err)
		}
		b.earlier = nil
	}
	reserve, err := b.dir.Reserve(manifestBase + rowsBytes(b.earlier))
	if err != nil {
		return err
	}
	b.reserve = reserve
	b.rows, err = newRowLog(b.dir)
	return err
}

// halt reports whether to start nothing more: Ctrl-C, or a folder that
// failed.
func (b *batch) halt(ctx context.Context) bool { return b.stopped.Load() || ctx.Err() != nil }

// stop stops the batch after the folder failed with err: every later
// write would fail the same way. (A context derived from ctx would not
// do: the caller's ctx is asked itself.)
func (b *batch) stop(err error) {
	b.stopOnce.Do(func() {
		b.rep.Stopped = err
		b.stopped.Store(true)
	})
}

// build makes the properties on one worker per CPU and writes them on a
// few more goroutines, since writing mostly waits for the disk; it
// gathers what became of each into the report, in the order of the
// inputs.
func (b *batch) build(ctx context.Context) {
	todo := make(chan job)
	made := make(chan built, b.jobs)
	results := make(chan Result, b.jobs)
	var workers, writers sync.WaitGroup
	for range b.jobs {
		workers.Add(1)
		go func() {
			defer workers.Done()
			b.work(ctx, todo, made, results)
		}()
	}
	for range 2 * b.jobs {
		writers.Add(1)
		go func() {
			defer writers.Done()
			b.write(made, results)
		}()
	}
	go b.feed(ctx, todo)
	go func() {
		workers.Wait()
		close(made)
		writers.Wait()
		close(results)
	}()
	b.gather(ctx, results)
}

// feed hands the inputs to the workers, a spreadsheet row by row, until
// they are all handed out or the batch halts.
func (b *batch) feed(ctx context.Context, todo chan<- job) {
	defer close(todo)
	for i, f := range b.files {
		if b.halt(ctx) {
			b.skipped.Add(int64(len(b.files) - i))
			return
		}
		list, ok := b.tabs.jobs(i, f)
		if !ok {
			list = []job{{index: i, source: f}}
		}
		for _, j := range list {
			select {
			case todo <- j:
			case <-ctx.Done():
				b.skipped.Add(int64(len(b.files) - i))
				return
			}
		}
	}
}

// work reads and makes the properties of the jobs it is handed, with a
// Builder of its own.
func (b *batch) work(ctx context.Context, todo <-chan job, made chan<- built, results chan<- Result) {
	bl, err := b.req.builder()
	for j := range todo {
		if err != nil {
			results <- Result{Source: j.source, Err: err}
			continue
		}
		if b.halt(ctx) {
			b.skipped.Add(1)
			continue // Ctrl-C: finish what is being written, start nothing new
		}
		if j.table != nil || j.sheetErr != nil {
			b.buildRow(ctx, bl, j, made, results)
			continue
		}
		var (
			props []*property.Property
			lerr  error
		)
		if src := b.srcs.take(j.index); src != nil {
			props, lerr = bl.ParseStream(src, j.source, b.defaults)
		} else {
			props, lerr = bl.LoadStream(j.source, b.defaults)
		}
		if lerr != nil {
			results <- Result{Source: j.source, Seq: -1, Err: lerr}
		}
		for seq, p := range props {
			if b.halt(ctx) {
				b.skipped.Add(1)
				break
			}
			r, set := b.makeOne(ctx, bl, j.source, seq, p)
			if ctx.Err() != nil && r.Err != nil {
				b.skipped.Add(1) // stopped inside the property by Ctrl-C
				break
			}
			if r.Err != nil {
				results <- r
				continue
			}
			made <- built{r, set}
		}
	}
}

// makeOne makes one property's files and describes them for the
// manifest.
func (b *batch) makeOne(ctx context.Context, bl *Builder, source string, seq int, p *property.Property) (Result, []output.File) {
	r := Result{Source: source, Seq: seq, ID: p.ID, Property: p, Warnings: p.Warnings}
	files, order, err := b.req.makeDocs(ctx, bl, p)
	if err != nil {
		r.Err = err
		return r, nil
	}
	r.Order = order
	r.Warnings = append(r.Warnings, DocWarnings(p, files)...)
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

// write writes each property's files together, after room for their
// rows in the manifest is kept; a failure of the folder stops the batch.
func (b *batch) write(made <-chan built, results chan<- Result) {
	for bt := range made {
		r := bt.result
		b.tabs.sources(r.Files, b.index)
		var refs []rowRef
		if err := b.names.claim(bt.files, r.Source); err != nil {
			r.Err, r.Files = err, nil
		} else if err := b.reserve.Add(rowsBytes(r.Files)); err != nil {
			r.Err, r.Files = err, nil
			b.stop(err)
		} else if refs, err = b.rows.add(b.place(r.Source, r.Seq), r.Files); err != nil {
			r.Err, r.Files = err, nil
			b.stop(err)
		} else if err := b.dir.WriteAll(bt.files); err != nil {
			r.Err, r.Files = err, nil
			if output.FolderLevel(err) {
				b.stop(err)
			}
		} else {
			b.rows.keep(refs)
		}
		results <- r
	}
}

// gather puts what became of each property into the report, in the
// order of the inputs, and tells req.Progress as it comes.
func (b *batch) gather(ctx context.Context, results <-chan Result) {
	rep := b.rep
	done := 0
	for r := range results {
		done++
		if r.Err != nil {
			rep.Failures = append(rep.Failures, r)
		} else {
			rep.Written += len(r.Files)
			rep.Built++
			if b.req.Sheets != "" {
				b.orders[b.place(r.Source, r.Seq)] = r.Order
			}
		}
		if b.req.Progress != nil {
			b.req.Progress(done, max(done, rep.Properties), r)
		}
	}
	rep.Interrupted = b.skipped.Load() > 0 && ctx.Err() != nil
	sort.SliceStable(rep.Failures, func(i, j int) bool {
		return less(b.place(rep.Failures[i].Source, rep.Failures[i].Seq), b.place(rep.Failures[j].Source, rep.Failures[j].Seq))
	})
}

// place is a property's place in the batch: its input's, then its own
// in the input.
func (b *batch) place(source string, seq int) [2]int { return [2]int{b.index[source], seq} }

func less(a, b [2]int) bool { return a[0] < b[0] || a[0] == b[0] && a[1] < b[1] }

// printFile writes, with Sheets, the batch's print file of every built
// property's print sheets behind a cover sheet; not after Ctrl-C or a
// failed folder, when the properties are not all there.
func (b *batch) printFile() error {
	if b.req.Sheets == "" || b.rep.Interrupted || b.rep.Stopped != nil {
		return nil
	}
	keys := make([][2]int, 0, len(b.orders))
	for k := range b.orders {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return less(keys[i], keys[j]) })
	order := PrintOrder{Mode: b.req.Sheets, Lang: coverLang(b.defaults)}
	for _, k := range keys {
		order.Properties = append(order.Properties, b.orders[k])
	}
	f, err := ManifestFile{}, b.reserve.Add(rowsBytes([]ManifestFile{{File: "print-sheets-" + b.req.Sheets + ".pdf", Kind: printKind}}))
	if err == nil {
		f, err = writePrintFile(b.dir, b.req, b.rows.each, order)
	}
	if err != nil {
		return err
	}
	b.print = append(b.print, f)
	b.rep.Written++
	return nil
}

// finish writes the manifest: this run's files, then the earlier
// manifest's rows for files still in the folder unchanged; then names
// the folder's files it does not list, and syncs the folder.
func (b *batch) finish() error {
	rep := b.rep
	if b.rows != nil {
		defer b.rows.close()
	}
	// The names of the files written, to tell which earlier rows to
	// keep and which files in the folder no row lists.
	listed := map[string]bool{}
	written := func(f func(ManifestFile) error) error {
		if b.rows != nil {
			if err := b.rows.each(f); err != nil {
				return err
			}
		}
		return rowsOf(b.print)(f)
	}
	if err := written(func(f ManifestFile) error { listed[f.File] = true; return nil }); err != nil {
		return fmt.Errorf("the manifest was not written: its rows could not be read back: %w", err)
	}
	kept := keptRows(b.dir, b.earlier, listed, b.jobs)
	rep.Kept = len(kept)
	all := func(f func(ManifestFile) error) error {
		if err := written(f); err != nil {
			return err
		}
		return rowsOf(kept)(f)
	}
	if b.reserve != nil {
		b.reserve.Release()
	}
	if err := writeManifest(b.dir, all, rep.Written); err != nil {
		return err
	}
	if err := writeManifestXLSX(b.dir, all, rep.Written); err != nil {
		return err
	}
	// This run's files and the manifest are flushed to the disk, and no
	// other program's.
	ours := []string{manifestCSV, manifestJSON, manifestXLSX}
	for name := range listed {
		ours = append(ours, name)
	}
	sort.Strings(ours)
	for _, row := range kept {
		listed[row.File] = true
	}
	rep.Unlisted, _ = unlisted(b.dir, listed)
	return b.dir.SyncFiles(ours)
}

// coverLang is the language of a print file's cover sheet: the defaults
// file's, else Swedish.
func coverLang(d *property.Defaults) string {
	if d != nil && d.Values.Language != "" {
		return d.Values.Language
	}
	return "sv"
}

// built is a property whose files wait to be written.
type built struct {
	result Result
	files  []output.File
}

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
// them, from data when pass 1 read it: by reading its lines where it is
// written plainly (quick), else by parsing it (property.ScanIDs). A file
// it cannot read yields none: pass 2 reports the problem.
func scanIDs(path string, data []byte) (ids []property.ID, quick bool) {
	if data == nil {
		var err error
		// Only a small regular file: a named pipe would block here, and
		// /dev/zero would be read until memory ran out.
		data, err = input.Read(path, property.MaxFileSize)
		if err != nil {
			return nil, false
		}
	}
	if ids, ok := property.QuickIDs(data, path); ok {
		return ids, true
	}
	return property.ScanIDs(data, path), false
}

// sources keeps the bytes of the property files that pass 1 read, for
// pass 2 to parse without reading them again, up to a total of
// keptSources bytes; a file not kept is read again.
type sources struct {
	mu    sync.Mutex
	data  [][]byte
	kept  int
	limit int // the most kept: keptSources
}

// keptSources is 8 MB: the files of about 18,000 generated properties,
// a batch's first; more would be held from the pre-scan until each is
// built, a fixed part of a batch's peak memory (which must stay under
// 150 MB however many properties), to save a read of a file already in
// the page cache (about 10 µs).
const keptSources = 8 << 20

// read returns the contents of the regular file path of at most
// property.MaxFileSize bytes, or nil when it cannot be read (pass 2
// reads it again and reports what is wrong with it); they are kept for
// take(i) while the total kept stays within the limit. Only input.Read
// looks at the file first: a look of our own, for its size, cost a
// call for every property of a batch.
func (s *sources) read(i int, path string) []byte {
	data, err := input.Read(path, property.MaxFileSize)
	if err != nil {
		return nil
	}
	s.mu.Lock()
	if s.kept+len(data) <= s.limit {
		s.kept += len(data)
		s.data[i] = data
	}
	s.mu.Unlock()
	return data
}

// peek returns what read kept for file i, or else the file read again
// (nil when it cannot be).
func (s *sources) peek(i int, path string) []byte {
	s.mu.Lock()
	data := s.data[i]
	s.mu.Unlock()
	if data == nil {
		data, _ = input.Read(path, property.MaxFileSize)
	}
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
func writePrintFile(dir *output.Dir, opts Request, written rowSource, order PrintOrder) (ManifestFile, error) {
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
		err := written(func(f ManifestFile) error {
			if f.Kind != sheetsKind {
				return nil
			}
			data, err := dir.Read(f.File)
			if err != nil {
				return err
			}
			if err := j.Add(data); err != nil {
				return fmt.Errorf("%s: %w", f.File, err)
			}
			pages += f.Pages
			return nil
		})
		if err != nil {
			return err
		}
		err = j.Close()
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
