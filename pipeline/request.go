package pipeline

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"huskurage/layout"
	"huskurage/property"
	"huskurage/sheet"
	"huskurage/templates"
	"huskurage/typeset"
)

// Request is what a command asks of the pipeline besides its inputs:
// which documents, in which languages, over which shared values, and for
// the commands that write, where and how. Check reads only what it needs
// (it writes nothing); Write and Batch use the output fields too.
type Request struct {
	// Docs choose the documents.
	Docs Options
	// Texts are the languages; nil means the embedded ones (see
	// Builder.Texts).
	Texts *templates.Set
	// Defaults is a defaults file merged under every property, or "".
	Defaults string
	// Sheets, when set, adds each property's print sheets: SheetsOffice
	// or SheetsShop.
	Sheets string
	// Spreadsheet says how to read the spreadsheets among the inputs.
	Spreadsheet sheet.Options
	// Entrance, when set, keeps only the entrance of each property that
	// it names, in any case (Write).
	Entrance string
	// ReadOnly reads and checks the properties but makes no documents
	// (Check).
	ReadOnly bool

	// Out is the output folder (Write, Batch).
	Out string
	// Jobs is the number of properties built at once (Batch); 0 means
	// one per CPU.
	Jobs int
	// Clean removes, before anything is built, the files that the
	// folder's earlier manifest lists, each only if it is unchanged
	// (Batch).
	Clean bool

	// Progress, if not nil, is called after each property with what
	// became of it, from one goroutine at a time, with the count done so
	// far and the count known by then.
	Progress func(done, total int, r Result)

	// build, when set, stands in for Builder.Build, the step that makes
	// a property's documents: tests make it fail in ways no property
	// can.
	build func(ctx context.Context, b *Builder, p *property.Property, opts Options) ([]File, error)
}

// Result is what became of one property, or of an input that gave none.
type Result struct {
	Source string // the file it came from
	ID     string
	Seq    int // the property's place in its file; -1 for the file's own problems
	Of     int // how many properties its file gave (Check)
	Row    int // the property's row, for a spreadsheet; 0 otherwise
	// Property is the property as read, or nil when it could not be.
	Property *property.Property
	// Docs are the documents made, in memory (Check, Write).
	Docs []File
	// Paths are the files written (Write).
	Paths []string
	// Files are the files written, as the manifest lists them (Batch).
	Files []ManifestFile
	// Warnings are the property's and its documents': they print, but a
	// person should look at them first.
	Warnings property.ErrorList
	Err      error // an ErrorList for problems in the file
	// Order is the property on a print file's cover sheet (Batch, with
	// Sheets).
	Order OrderProperty
}

// Interrupted is a request stopped by its context (Ctrl-C) between
// properties: nothing was written for At, nor for the Rest inputs after
// it.
type Interrupted struct {
	At   string
	Rest int
}

func (e *Interrupted) Error() string {
	return fmt.Sprintf("interrupted at %s, %d more not started", e.At, e.Rest)
}

// EntranceError is an entrance that Request.Entrance names and the
// property does not have: the request is wrong, not the file, though the
// problem is placed at the file's list of entrances.
type EntranceError struct{ property.ErrorList }

func (e *EntranceError) Unwrap() error { return e.ErrorList }

// Covers reports whether the embedded fonts can draw r: pass it to
// templates.Set.WithOverride, so that a texts file is checked as the
// properties are.
func Covers(r rune) bool {
	fonts, err := typeset.Default()
	return err == nil && fonts.Covers(r)
}

// builder returns a Builder in the request's languages. A Builder must
// not be shared between goroutines: each worker makes its own.
func (r Request) builder() (*Builder, error) {
	b, err := New()
	if err != nil {
		return nil, err
	}
	b.Texts = r.Texts
	return b, nil
}

// defaults reads the request's defaults file, if any.
func (r Request) defaults(b *Builder) (*property.Defaults, error) {
	if r.Defaults == "" {
		return nil, nil
	}
	return b.LoadDefaults(r.Defaults)
}

// Discover returns the property files among inputs: a file as it is, a
// folder as every property file below it (property.IsFile), sorted by
// path so that the order never depends on the file system, less the
// file skip (a defaults file kept among the properties it serves). A
// folder with no property file is a *NoFilesError.
func Discover(inputs []string, skip string) ([]string, error) {
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
	return without(out, skip), nil
}

// NoFilesError is a folder given to Discover that holds no property
// file.
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

// without returns files less the one that is the same file as path.
func without(files []string, path string) []string {
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

// read reads the properties of one input: a file of one or more
// properties, or the rows of a spreadsheet. Each property that cannot be
// read is one error, so that it counts once.
func (b *Builder) read(path string, defaults *property.Defaults, opts sheet.Options) ([]*property.Property, []error) {
	if !sheet.Is(path) {
		props, err := b.LoadStream(path, defaults)
		if err != nil {
			return props, []error{err}
		}
		return props, nil
	}
	t, err := sheet.Read(path, opts)
	if err != nil {
		return nil, []error{err}
	}
	var errs []error
	if len(t.Duplicates) > 0 {
		errs = append(errs, t.Duplicates)
	}
	var props []*property.Property
	for i := range t.Rows {
		p, err := t.Property(i, b.PropertyOptions(defaults))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		props = append(props, p)
	}
	return props, errs
}

// makeDocs makes the documents of p that the request asks for: Build,
// then its print sheets when asked; order describes them for a print
// order's cover. A panic while making them is a fault of huskurage,
// reported for this property and no other.
func (r Request) makeDocs(ctx context.Context, b *Builder, p *property.Property) (files []File, order OrderProperty, err error) {
	defer func() {
		if v := recover(); v != nil {
			files, err = nil, fault(p, "documents", fmt.Errorf("panic: %v%s", v, panicPlace()))
		}
	}()
	if r.build != nil {
		files, err = r.build(ctx, b, p, r.Docs)
	} else {
		files, err = b.Build(ctx, p, r.Docs)
	}
	if err != nil || r.Sheets == "" {
		return files, order, err
	}
	if order, err = OrderOf(p, files, r.Sheets); err != nil {
		return files, order, err
	}
	f, err := b.PrintSheets(p.ID, files, r.Sheets, r.Docs)
	if err != nil {
		return files, order, err // the documents, for their warnings
	}
	return append(files, f), order, nil
}

// panicPlace names where in huskurage a recovered panic happened: " at
// layout/builder.go:120", or "".
func panicPlace() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if strings.Contains(f.Function, "huskurage/") && !strings.HasPrefix(f.Function, "runtime.") {
			return fmt.Sprintf(" at %s:%d", filepath.Base(filepath.Dir(f.File))+"/"+filepath.Base(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}

// chooseEntrance keeps only the entrance of p that name names, compared
// without regard to case. An entrance the property does not have is an
// *EntranceError placed at its list of entrances.
func chooseEntrance(p *property.Property, name string) error {
	for _, e := range p.Building.Entrances {
		if strings.EqualFold(strings.TrimSpace(name), e) {
			p.Building.Entrances = []string{e}
			return nil
		}
	}
	e := &property.Error{Pos: p.Pos("property.entrances"), Field: "property.entrances",
		Problem: fmt.Sprintf("no entrance %q", name),
		Hint:    fmt.Sprintf("this property has %s; give one of them to --entrance", strings.Join(p.Building.Entrances, ", "))}
	if len(p.Building.Entrances) == 0 {
		e.Pos, e.Field = p.Pos("property"), "property"
		e.Hint = "this property lists no entrances: leave out --entrance"
	}
	return &EntranceError{property.ErrorList{e}}
}

// DocWarnings are the warnings about the documents made of p (print
// sheets left out: they reuse the documents' pages): those that left out
// their introduction so that the rest fits, and a logo that prints
// blurred.
func DocWarnings(p *property.Property, files []File) property.ErrorList {
	var docs []File
	for _, f := range files {
		if f.Kind != nil {
			docs = append(docs, f)
		}
	}
	return append(shortened(p, docs), lowLogo(p, docs)...)
}

// shortened are warnings for the documents that left out their
// introduction so that the rest fits.
func shortened(p *property.Property, files []File) property.ErrorList {
	var out property.ErrorList
	for i, f := range files {
		if i > 0 && f.Doc == files[i-1].Doc {
			continue // the next page's picture of the same document
		}
		if f.Doc != nil && f.Doc.WithoutIntro {
			out.AddText(p.Pos(""), "", property.Textf("%s: the introduction is left out so that the rest fits at a readable size", f.Name),
				property.Textf("a larger paper size, fewer contacts or shorter notes keep it"))
		}
	}
	return out
}

// lowLogo warns, once for a property, when its logo prints below
// layout.MinLogoPPI where it is placed largest.
func lowLogo(p *property.Property, files []File) property.ErrorList {
	var worst layout.LogoPlacement
	var where string
	for _, f := range files {
		if f.Doc == nil {
			continue
		}
		if l, ok := f.Doc.LogoPPI(); ok && (where == "" || l.PPI < worst.PPI) {
			worst, where = l, f.Name
		}
	}
	var out property.ErrorList
	if where != "" && worst.PPI < layout.MinLogoPPI {
		out.AddText(p.Pos("landlord.logo"), "landlord.logo",
			property.Textf("the logo (%d × %d pixels) prints at %.0f ppi on %s (%.0f × %.0f mm), under the %d ppi a print shop needs for a sharp print",
				p.Landlord.Logo.Width, p.Landlord.Logo.Height, worst.PPI, where, worst.W, worst.H, layout.MinLogoPPI),
			property.Textf("use an image of at least %d × %d pixels", worst.NeedW, worst.NeedH))
	}
	return out
}
