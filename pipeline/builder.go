package pipeline

// The Builder runs the steps for one property: the words in each
// language and the documents of each kind (package kind: a poster for
// each entrance, a leaflet), laid out and rendered in memory, as PDF or
// in another format (package render).
// Nothing is written to disk here; the caller writes the files only when
// every document of a property is good.

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"huskurage/content"
	"huskurage/kind"
	"huskurage/layout"
	"huskurage/property"
	"huskurage/render"
	"huskurage/templates"
	"huskurage/typeset"
)

// Options choose what to make.
type Options struct {
	// Sizes are the paper sizes asked for, by kind; a kind not in it
	// gets its default size (see kind.Kind.Size).
	Sizes map[*kind.Kind]string
	// Lang overrides the property's language when not empty.
	Lang string
	// Date is written into PDF files; zero means pdf.DefaultDate.
	Date time.Time
	// Kinds limits the documents to these kinds; nil makes every kind.
	Kinds []*kind.Kind
	// Pairs, two language codes for a kind, makes that kind's documents
	// hold both (a poster with both on one page, a leaflet with one on
	// each side) instead of one document per language.
	Pairs map[*kind.Kind][]string
	// Format is the files' format, one of render.Formats; "" is PDF.
	// A format of one page to a file makes a file per page (see
	// render.Files).
	Format string
	// DPI is the resolution of pictures; 0 means render.DefaultDPI.
	DPI int
}

// kinds are the kinds of document opts make, in the order of kind.All.
func (o Options) kinds() []*kind.Kind {
	if o.Kinds == nil {
		return kind.All
	}
	var out []*kind.Kind
	for _, k := range kind.All {
		if slices.Contains(o.Kinds, k) {
			out = append(out, k)
		}
	}
	return out
}

// File is one finished document, or one page of it in a format of one
// page to a file.
type File struct {
	Name string // e.g. "storgatan-7-poster-7a-sv.pdf", "storgatan-7-leaflet-sv-2.png"
	// Kind is the kind of document; nil for a property's print sheets.
	Kind *kind.Kind
	// Entrance is the poster's entrance, as the property names it; "".
	Entrance string
	Lang     string
	Data     []byte
	Doc      *layout.Doc
}

// Builder makes documents. It keeps a text engine with its caches, so it
// must not be used by two goroutines at once; make one per goroutine.
type Builder struct {
	// Texts are the languages documents are made in, and that property
	// files may ask for: the embedded ones (nil), or those with a texts
	// file's (templates.Set.WithOverride). Set it before the first use.
	Texts *templates.Set
	// Files, when not nil, is where logos are read from instead of the
	// disk (property.Options.Files): a web server's uploads.
	Files fs.FS

	engine *typeset.Engine
	// renderers are the backends made so far, by their options: a
	// picture backend prepares its fonts once.
	renderers map[renderKey]render.Renderer
	// covers remembers the fonts' answer for the runes of the scripts
	// we print (see Covers).
	covers runeSet
}

// coverCached is where Covers stops remembering: past Latin, Greek,
// Cyrillic, Arabic, Ethiopic and the punctuation of general use, every
// rune a property of ours normally holds.
const coverCached = 0x3000

// runeSet is what Covers knows of the runes below coverCached: known
// holds a bit for each rune asked about, yes for each of those covered.
type runeSet struct {
	known, yes [coverCached / 64]uint64
}

type renderKey struct {
	format string
	opts   render.Options
}

// renderer returns the backend that opts ask for.
func (b *Builder) renderer(opts Options) (render.Renderer, error) {
	k := renderKey{opts.Format, render.Options{Date: opts.Date, DPI: opts.DPI}}
	if r, ok := b.renderers[k]; ok {
		return r, nil
	}
	r, err := render.New(k.format, b.engine.Fonts(), k.opts)
	if err != nil {
		return nil, err
	}
	if b.renderers == nil {
		b.renderers = map[renderKey]render.Renderer{}
	}
	b.renderers[k] = r
	return r, nil
}

// New returns a Builder on the embedded fonts.
func New() (*Builder, error) {
	fonts, err := typeset.Default()
	if err != nil {
		return nil, err
	}
	return &Builder{engine: typeset.NewEngine(fonts)}, nil
}

// Covers reports whether the embedded fonts can draw r; pass it to
// property.Load so that such text is refused with its position.
//
// Each answer below coverCached is remembered: a batch asks about every
// character of every property, and asking the fonts takes six glyph
// lookups in three fonts (about 0.015 ms for each property's text).
func (b *Builder) Covers(r rune) bool {
	if r < 0 || r >= coverCached {
		return b.engine.Fonts().Covers(r)
	}
	word, bit := r/64, uint64(1)<<(r%64)
	if b.covers.known[word]&bit == 0 {
		if b.engine.Fonts().Covers(r) {
			b.covers.yes[word] |= bit
		}
		b.covers.known[word] |= bit
	}
	return b.covers.yes[word]&bit != 0
}

// PropertyOptions are the options to check a property with: every
// character it gives can be drawn, it asks for languages of b.Texts, and
// defaults, when not nil, lie underneath it.
func (b *Builder) PropertyOptions(defaults *property.Defaults) property.Options {
	return property.Options{Covers: b.Covers, Defaults: defaults, Texts: b.Texts, Files: b.Files}
}

// Load reads and checks a property file, including that every character
// can be drawn. defaults, when not nil, lie underneath the property.
func (b *Builder) Load(path string, defaults *property.Defaults) (*property.Property, error) {
	return property.Load(path, b.PropertyOptions(defaults))
}

// LoadStream reads a file of one or more properties; see
// property.LoadStream.
func (b *Builder) LoadStream(path string, defaults *property.Defaults) ([]*property.Property, error) {
	return property.LoadStream(path, b.PropertyOptions(defaults))
}

// ParseStream checks properties already read from the file path; see
// property.ParseStream.
func (b *Builder) ParseStream(src []byte, path string, defaults *property.Defaults) ([]*property.Property, error) {
	return property.ParseStream(src, path, filepath.Dir(path), b.PropertyOptions(defaults))
}

// LoadDefaults reads a defaults file, checked with the same fonts.
func (b *Builder) LoadDefaults(path string) (*property.Defaults, error) {
	return property.LoadDefaults(path, b.PropertyOptions(nil))
}

// Build lays out and renders every document for p: one poster per
// entrance (one poster when none are listed) and one leaflet. A problem
// with a field comes back as a property.ErrorList with the field's
// position in the property file. ctx is checked before each document:
// when it is done, Build stops and returns an error that wraps
// ctx.Err(), so that Ctrl-C works inside a property with many entrances
// too.
func (b *Builder) Build(ctx context.Context, p *property.Property, opts Options) ([]File, error) {
	codes := p.Languages
	if opts.Lang != "" {
		codes = []string{opts.Lang}
	}
	if len(codes) == 0 {
		codes = []string{p.Language}
	}
	var (
		files []File
		errs  property.ErrorList
		fault error // a failure of huskurage, not of the file
		seen  = map[string]bool{}
	)
	entrances := func(k *kind.Kind) []string {
		if !k.PerEntrance || len(p.Building.Entrances) == 0 {
			return []string{""}
		}
		return p.Building.Entrances
	}
	var stopped error
	add := func(k *kind.Kind, entrance string, codes ...string) {
		if stopped != nil {
			return
		}
		if err := ctx.Err(); err != nil {
			stopped = fmt.Errorf("stopped before the %s of %s: %w", k.Name, p.ID, err)
			return
		}
		fs, err := b.document(p, codes, opts, k, entrance)
		var perr *property.Error
		switch {
		case errors.As(err, &perr):
			errs = append(errs, perr)
			return
		case err != nil:
			fault = cmp.Or(fault, err)
			return
		}
		for _, f := range fs {
			if seen[f.Name] {
				errs = append(errs, property.NewError(p.Pos("property.entrances"), "property.entrances",
					property.Textf("two entrances give the same file name %s", f.Name),
					property.Textf("name the entrances so that they differ in letters or digits")))
				return
			}
			seen[f.Name] = true
		}
		files = append(files, fs...)
	}
	// Each language's documents, kind by kind; then the documents in
	// two languages.
	kinds := opts.kinds()
	for _, code := range codes {
		for _, k := range kinds {
			if len(opts.Pairs[k]) == 0 {
				for _, e := range entrances(k) {
					add(k, e, code)
				}
			}
		}
	}
	for _, k := range kinds {
		if pair := opts.Pairs[k]; len(pair) > 0 {
			for _, e := range entrances(k) {
				add(k, e, pair...)
			}
		}
	}
	if stopped != nil {
		return nil, stopped
	}
	if fault != nil {
		return nil, fault
	}
	if len(errs) > 0 {
		errs = dedupe(errs)
		errs.Sort()
		return nil, errs
	}
	return files, nil
}

// Document lays out and renders one document of p of kind k; entrance
// names the poster's entrance, or is "". It is in opts.Lang or the
// property's language, or in two as opts.Pairs asks. A format of one
// page to a file is refused (Build makes its files).
func (b *Builder) Document(p *property.Property, opts Options, k *kind.Kind, entrance string) (File, error) {
	codes := []string{p.Language}
	if opts.Lang != "" {
		codes = []string{opts.Lang}
	}
	if pair := opts.Pairs[k]; len(pair) > 0 {
		codes = pair
	}
	files, err := b.document(p, codes, opts, k, entrance)
	var perr *property.Error
	if errors.As(err, &perr) {
		return File{}, property.ErrorList{perr}
	}
	if err != nil {
		return File{}, err
	}
	if len(files) != 1 {
		return File{}, fmt.Errorf("the %s of %s is %d files in the format %s: use Build", k.Name, p.ID, len(files), opts.Format)
	}
	return files[0], nil
}

// document makes one document of kind k in the language codes: one, or
// two for a document in two languages (kind.Kind.Pair); its file, or a
// file per page in a format of one page to a file. A problem with the
// property is a *property.Error; any other error is a fault of huskurage
// or of its caller.
func (b *Builder) document(p *property.Property, codes []string, opts Options, k *kind.Kind, entrance string) ([]File, error) {
	if len(codes) < 1 || len(codes) > 2 || len(codes) == 2 && k.Pair == nil {
		return nil, fault(p, k.Name, fmt.Errorf("a %s cannot be made in %d languages", k.Name, len(codes)))
	}
	docs := make([]content.Document, len(codes))
	langs := make([]*templates.Language, len(codes))
	for i, code := range codes {
		lang, err := b.Texts.Load(code)
		if err != nil {
			return nil, fault(p, k.Name, err)
		}
		langs[i] = lang
		docs[i] = content.Build(p, lang, entrance)
	}
	var (
		ld   *layout.Doc
		err  error
		size = k.Size(opts.Sizes[k], langs)
	)
	if len(docs) == 2 {
		ld, err = k.Pair([2]content.Document(docs), size, b.engine)
	} else {
		ld, err = k.Layout(docs[0], size, b.engine)
	}
	if err == nil {
		// A last guard: a page with overlapping or clipped text is never
		// printed.
		if cerr := ld.Check(); cerr != nil {
			err = fmt.Errorf("layout fault, please report it: %w", cerr)
		}
	}
	var out []render.File
	if err == nil {
		var r render.Renderer
		if r, err = b.renderer(opts); err != nil {
			return nil, fault(p, k.Name, err)
		}
		out, err = render.Files(r, ld, baseName(p.ID, k, entrance, strings.Join(codes, "-")))
	}
	if err != nil {
		return nil, fieldError(p, size, k, err)
	}
	code := strings.Join(codes, "+")
	files := make([]File, len(out))
	for i, f := range out {
		files[i] = File{Name: f.Name, Kind: k, Entrance: entrance, Lang: code, Data: f.Data, Doc: ld}
	}
	return files, nil
}

// fieldError turns a layout problem into an error at the field's
// position; any other error is a fault.
func fieldError(p *property.Property, size string, k *kind.Kind, err error) error {
	what := size + " " + k.Name
	var fe *layout.FieldError
	if errors.As(err, &fe) {
		field := fe.Field
		// A built-in value (the default support line) has no place in the
		// file: blame the contacts, the list a landlord can shorten.
		if field != "" && !p.Has(field) {
			field = ""
			if p.Has("contacts") {
				field = "contacts"
			}
		}
		problem, hint := fe.Texts()
		if problem.IsZero() {
			// English alone: a renderer's problem the layout did not
			// foresee.
			return &property.Error{Pos: p.Pos(field), Field: field, Problem: fe.Problem + " on the " + what, Hint: fe.Hint}
		}
		switch k {
		case kind.Poster:
			problem = property.Textf("%v on the %s poster", problem, size)
		case kind.Leaflet:
			problem = property.Textf("%v on the %s leaflet", problem, size)
		default:
			problem = property.Textf("%v on the %s %s", problem, size, k.Name)
		}
		return property.NewError(p.Pos(field), field, problem, hint)
	}
	return fault(p, what, err)
}

// fault is a failure of huskurage itself while it made what for p. It
// names the property but gives no place in its file, where there is
// nothing to fix.
func fault(p *property.Property, what string, err error) error {
	return fmt.Errorf("internal fault while making the %s of %s (from %s): %w (the property file is not the cause; please report this)",
		what, p.ID, p.Source, err)
}

// dedupe drops errors that say the same thing at the same place: the same
// field can fail on every entrance's poster.
func dedupe(errs property.ErrorList) property.ErrorList {
	seen := map[string]bool{}
	var out property.ErrorList
	for _, e := range errs {
		if k := e.Error(); !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out
}

var unsafeChars = regexp.MustCompile(`[^a-z0-9]+`)

// FileName returns the name of a document's PDF file: the property id,
// the kind's name, the entrance (made safe) and the language code.
func FileName(id string, k *kind.Kind, entrance, lang string) string {
	return baseName(id, k, entrance, lang) + ".pdf"
}

// baseName is a document's file name without its extension (or page
// number: see render.Files).
func baseName(id string, k *kind.Kind, entrance, lang string) string {
	parts := []string{id, k.Name}
	if e := strings.Trim(unsafeChars.ReplaceAllString(strings.ToLower(entrance), "-"), "-"); e != "" {
		parts = append(parts, e)
	} else if entrance != "" {
		parts = append(parts, fmt.Sprintf("entrance-%x", entrance))
	}
	parts = append(parts, lang)
	return strings.Join(parts, "-")
}
