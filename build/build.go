// Package build runs the whole pipeline for one property: the words in
// each language, the poster for each entrance and the leaflet, laid out and
// rendered in memory, as PDF or in another format (package render).
// Nothing is written to disk here; the caller writes the files only when
// every document of a property is good.
package build

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"huskurage/content"
	"huskurage/layout"
	"huskurage/property"
	"huskurage/render"
	"huskurage/templates"
	"huskurage/typeset"
)

// Options choose what to make.
type Options struct {
	PosterSize  string // "A4" (default) or "A3"
	LeafletSize string // "A5" (default) or "A6"
	// Lang overrides the property's language when not empty.
	Lang string
	// Date is written into PDF files; zero means pdf.DefaultDate.
	Date time.Time
	// Only limits the documents to one kind, "poster" or "leaflet";
	// "" makes both.
	Only string
	// PosterLangs, two language codes, makes the posters bilingual: both
	// languages on one page, instead of one poster per language.
	PosterLangs []string
	// LeafletLangs, two language codes, makes one leaflet with a
	// language on each side, instead of one leaflet per language.
	LeafletLangs []string
	// Format is the files' format, one of render.Formats; "" is PDF.
	// A format of one page to a file makes a file per page (see
	// render.Files).
	Format string
	// DPI is the resolution of pictures; 0 means render.DefaultDPI.
	DPI int
}

// PosterSize is the size of a poster in the languages codes when none is
// asked for: A4, or A3 for a poster in two languages, the only size that
// holds them, and for an easy-to-read language, whose larger text with a
// sentence a line does not fit on A4.
func PosterSize(codes []string) string {
	if len(codes) > 1 {
		return "A3"
	}
	for _, c := range codes {
		if l, err := templates.Load(c); err == nil && l.EasyRead {
			return "A3"
		}
	}
	return "A4"
}

func (o Options) withDefaults() Options {
	if o.LeafletSize == "" {
		o.LeafletSize = "A5"
	}
	return o
}

// File is one finished document, or one page of it in a format of one
// page to a file.
type File struct {
	Name string // e.g. "storgatan-7-poster-7a-sv.pdf", "storgatan-7-leaflet-sv-2.png"
	Kind string // "poster" or "leaflet"
	// Entrance is the poster's entrance, as the property names it; "".
	Entrance string
	Lang     string
	Data     []byte
	Doc      *layout.Doc
}

// Builder makes documents. It keeps a text engine with its caches, so it
// must not be used by two goroutines at once; make one per goroutine.
type Builder struct {
	engine *typeset.Engine
	// renderers are the backends made so far, by their options: a
	// picture backend prepares its fonts once.
	renderers map[renderKey]render.Renderer
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
func (b *Builder) Covers(r rune) bool { return b.engine.Fonts().Covers(r) }

// Load reads and checks a property file, including that every character
// can be drawn. defaults, when not nil, lie underneath the property.
func (b *Builder) Load(path string, defaults *property.Defaults) (*property.Property, error) {
	return property.Load(path, property.Options{Covers: b.Covers, Defaults: defaults})
}

// LoadStream reads a file of one or more properties; see
// property.LoadStream.
func (b *Builder) LoadStream(path string, defaults *property.Defaults) ([]*property.Property, error) {
	return property.LoadStream(path, property.Options{Covers: b.Covers, Defaults: defaults})
}

// ParseStream checks properties already read from the file path; see
// property.ParseStream.
func (b *Builder) ParseStream(src []byte, path string, defaults *property.Defaults) ([]*property.Property, error) {
	return property.ParseStream(src, path, filepath.Dir(path), property.Options{Covers: b.Covers, Defaults: defaults})
}

// LoadDefaults reads a defaults file, checked with the same fonts.
func (b *Builder) LoadDefaults(path string) (*property.Defaults, error) {
	return property.LoadDefaults(path, property.Options{Covers: b.Covers})
}

// Build lays out and renders every document for p: one poster per
// entrance (one poster when none are listed) and one leaflet. A problem
// with a field comes back as a property.ErrorList with the field's
// position in the property file. ctx is checked before each document:
// when it is done, Build stops and returns an error that wraps
// ctx.Err(), so that Ctrl-C works inside a property with many entrances
// too.
func (b *Builder) Build(ctx context.Context, p *property.Property, opts Options) ([]File, error) {
	opts = opts.withDefaults()
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
	entrances := p.Building.Entrances
	if len(entrances) == 0 {
		entrances = []string{""}
	}
	var stopped error
	add := func(kind, entrance string, codes ...string) {
		if stopped != nil {
			return
		}
		if err := ctx.Err(); err != nil {
			stopped = fmt.Errorf("stopped before the %s of %s: %w", kind, p.ID, err)
			return
		}
		fs, err := b.document(p, codes, opts, kind, entrance)
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
				errs = append(errs, &property.Error{Pos: p.Pos("property.entrances"), Field: "property.entrances",
					Problem: fmt.Sprintf("two entrances give the same file name %s", f.Name),
					Hint:    "name the entrances so that they differ in letters or digits"})
				return
			}
			seen[f.Name] = true
		}
		files = append(files, fs...)
	}
	posters := opts.Only != "leaflet"
	leaflets := opts.Only != "poster"
	for _, code := range codes {
		if posters && len(opts.PosterLangs) == 0 {
			for _, e := range entrances {
				add("poster", e, code)
			}
		}
		if leaflets && len(opts.LeafletLangs) == 0 {
			add("leaflet", "", code)
		}
	}
	if posters && len(opts.PosterLangs) > 0 {
		for _, e := range entrances {
			add("poster", e, opts.PosterLangs...)
		}
	}
	if leaflets && len(opts.LeafletLangs) > 0 {
		add("leaflet", "", opts.LeafletLangs...)
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

// Document lays out and renders one document of p: kind is "poster" or
// "leaflet"; entrance names the poster's entrance, or is "". It is in
// opts.Lang or the property's language, or bilingual as opts asks. A
// format of one page to a file is refused (Build makes its files).
func (b *Builder) Document(p *property.Property, opts Options, kind, entrance string) (File, error) {
	opts = opts.withDefaults()
	codes := []string{p.Language}
	if opts.Lang != "" {
		codes = []string{opts.Lang}
	}
	if kind == "poster" && len(opts.PosterLangs) > 0 {
		codes = opts.PosterLangs
	}
	if kind == "leaflet" && len(opts.LeafletLangs) > 0 {
		codes = opts.LeafletLangs
	}
	files, err := b.document(p, codes, opts, kind, entrance)
	var perr *property.Error
	if errors.As(err, &perr) {
		return File{}, property.ErrorList{perr}
	}
	if err != nil {
		return File{}, err
	}
	if len(files) != 1 {
		return File{}, fmt.Errorf("the %s of %s is %d files in the format %s: use Build", kind, p.ID, len(files), opts.Format)
	}
	return files[0], nil
}

// document makes one document in the language codes: one, or two for a
// bilingual poster or a leaflet with a language on each side; its file,
// or a file per page in a format of one page to a file. A problem with
// the property is a *property.Error; any other error is a fault of
// huskurage or of its caller.
func (b *Builder) document(p *property.Property, codes []string, opts Options, kind, entrance string) ([]File, error) {
	if len(codes) < 1 || len(codes) > 2 {
		return nil, fault(p, kind, fmt.Errorf("a %s has one or two languages, not %d", kind, len(codes)))
	}
	docs := make([]content.Document, len(codes))
	for i, code := range codes {
		lang, err := templates.Load(code)
		if err != nil {
			return nil, fault(p, kind, err)
		}
		docs[i] = content.Build(p, lang, entrance)
	}
	var (
		ld   *layout.Doc
		err  error
		size = opts.PosterSize
	)
	if size == "" {
		size = PosterSize(codes)
	}
	switch {
	case kind == "poster" && len(docs) == 2:
		ld, err = layout.BilingualPoster([2]content.Document(docs), size, b.engine)
	case kind == "poster":
		ld, err = layout.Poster(docs[0], size, b.engine)
	case len(docs) == 2:
		size = opts.LeafletSize
		ld, err = layout.LeafletSides([2]content.Document(docs), size, b.engine)
	default:
		size = opts.LeafletSize
		ld, err = layout.Leaflet(docs[0], size, b.engine)
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
			return nil, fault(p, kind, err)
		}
		out, err = render.Files(r, ld, baseName(p.ID, kind, entrance, strings.Join(codes, "-")))
	}
	if err != nil {
		return nil, fieldError(p, size+" "+kind, err)
	}
	code := strings.Join(codes, "+")
	files := make([]File, len(out))
	for i, f := range out {
		files[i] = File{Name: f.Name, Kind: kind, Entrance: entrance, Lang: code, Data: f.Data, Doc: ld}
	}
	return files, nil
}

// fieldError turns a layout problem into an error at the field's
// position; any other error is a fault.
func fieldError(p *property.Property, what string, err error) error {
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
		return &property.Error{Pos: p.Pos(field), Field: field, Problem: fe.Problem + " on the " + what, Hint: fe.Hint}
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
// the kind, the entrance (made safe) and the language code.
func FileName(id, kind, entrance, lang string) string {
	return baseName(id, kind, entrance, lang) + ".pdf"
}

// baseName is a document's file name without its extension (or page
// number: see render.Files).
func baseName(id, kind, entrance, lang string) string {
	parts := []string{id, kind}
	if e := strings.Trim(unsafeChars.ReplaceAllString(strings.ToLower(entrance), "-"), "-"); e != "" {
		parts = append(parts, e)
	} else if entrance != "" {
		parts = append(parts, fmt.Sprintf("entrance-%x", entrance))
	}
	parts = append(parts, lang)
	return strings.Join(parts, "-")
}
