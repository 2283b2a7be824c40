package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"huskurage/internal/gctuning"
	"huskurage/kind"
	"huskurage/pipeline"
	"huskurage/property"
	"huskurage/render"
	"huskurage/render/png"
	"huskurage/templates"
)

type buildOptions struct {
	files       []string
	out         string
	sizes       map[*kind.Kind]*string   // --NAME-size for each kind
	pairs       map[*kind.Kind]*[]string // --NAME-langs for each kind that has them
	lang        string
	quiet       bool
	sheets      string
	defaults    string
	show        string
	texts       string         // --texts
	textSet     *templates.Set // the languages, with the --texts file's
	only        string         // a kind's name, or "" for every kind
	entrance    string         // build: one entrance's posters
	format      string         // build: "pdf" (or "") or "png"
	dpi         int            // build: the resolution of --format png
	spreadsheet spreadsheetFlags
}

// docOptions returns the build options the flags choose.
func (o *buildOptions) docOptions(date time.Time) pipeline.Options {
	opts := pipeline.Options{Lang: o.lang, Date: date, Format: o.format, DPI: o.dpi,
		Sizes: map[*kind.Kind]string{}, Pairs: map[*kind.Kind][]string{}}
	for k, size := range o.sizes {
		if *size != "" {
			opts.Sizes[k] = *size
		}
	}
	for k, pair := range o.pairs {
		if len(*pair) > 0 {
			opts.Pairs[k] = *pair
		}
	}
	switch {
	case o.only != "":
		opts.Kinds = []*kind.Kind{kind.Named(o.only)}
	case o.entrance != "":
		opts.Kinds = perEntrance() // the leaflet belongs to no entrance
	}
	return opts
}

// perEntrance are the kinds made for each entrance: those --entrance
// chooses among.
func perEntrance() []*kind.Kind {
	var out []*kind.Kind
	for _, k := range kind.All {
		if k.PerEntrance {
			out = append(out, k)
		}
	}
	return out
}

// addDocFlags adds the flags that shape the documents: for each kind its
// paper size, --NAME-size, and its pair of languages, --NAME-langs.
func addDocFlags(cmd *cobra.Command, o *buildOptions) {
	f := cmd.Flags()
	o.sizes, o.pairs = map[*kind.Kind]*string{}, map[*kind.Kind]*[]string{}
	for _, k := range kind.All {
		size, help, def := new(string), k.Name+" paper size: "+strings.Join(k.Sizes, " or "), ""
		if k.SizeNote != "" {
			help += " (" + k.SizeNote + ")"
		}
		if k.DefaultSize == nil {
			def = k.Sizes[0]
		}
		o.sizes[k] = size
		f.StringVar(size, k.Name+"-size", def, help)
		_ = cmd.RegisterFlagCompletionFunc(k.Name+"-size", cobra.FixedCompletions(k.Sizes, cobra.ShellCompDirectiveNoFileComp))
	}
	f.StringVar(&o.lang, "lang", "", "language of the documents ("+strings.Join(templates.Codes(), ", ")+"); default: the property's own")
	for _, k := range kind.All {
		if k.Pair != nil {
			o.pairs[k] = new([]string)
			f.StringSliceVar(o.pairs[k], k.Name+"-langs", nil, k.PairHelp)
		}
	}
	f.StringVar(&o.texts, "texts", "", "a texts file that replaces or fixes a language's texts (same format as templates/*.yaml)")
	_ = cmd.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions(templates.Codes(), cobra.ShellCompDirectiveNoFileComp))
}

func addOnlyFlag(cmd *cobra.Command, o *buildOptions) {
	var plurals []string
	for _, k := range kind.All {
		plurals = append(plurals, "only "+k.Name+"s")
	}
	cmd.Flags().StringVar(&o.only, "only", "", "build "+strings.Join(plurals, " or ")+": "+strings.Join(kind.Names(), " or "))
	_ = cmd.RegisterFlagCompletionFunc("only", cobra.FixedCompletions(kind.Names(), cobra.ShellCompDirectiveNoFileComp))
}

func newBuildCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &buildOptions{}
	cmd := &cobra.Command{
		Use:   "build PROPERTY.yaml... [-o FOLDER]",
		Short: "Write the posters and the leaflet for each property file",
		Long: `build writes, for each property file, one poster per entrance (one poster if
the file lists no entrances) and one door leaflet, as PDF files in the output
folder. File names start with the property id and say poster or leaflet.
With --format png it writes a picture of each page instead, NAME-1.png,
NAME-2.png and so on, at --dpi pixels to the inch. With --format html it
writes a web page of the leaflet's texts for each language instead,
ID-leaflet-LANG.html: one file with nothing to fetch, to publish where
the QR code's link (qr.url) points.

A property with any problem gets no files at all; the others are still
built. Every problem is listed at the end and the exit status is 1 (3 if a
write failed; see 'huskurage --help').`,
		Example: `  huskurage build examples/ale-storgatan.yaml -o out
  huskurage build a.yaml b.yaml -o print --poster-size A3 --leaflet-size A6 --lang en
  huskurage build a.yaml -o out --poster-langs sv,ar --leaflet-langs sv,so
  huskurage build a.yaml -o out --entrance 3B
  huskurage build a.yaml -o out --defaults ale-kommun.yaml
  huskurage build a.yaml -o pictures --format png --dpi 150
  huskurage build a.yaml -o web --format html`,
		Args: needFiles("property file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.files = args
			return runBuild(cmd.Context(), o, stdout, stderr)
		},
	}
	addDocFlags(cmd, o)
	cmd.Flags().StringVarP(&o.out, "out", "o", ".", "output folder (created if missing)")
	cmd.Flags().BoolVarP(&o.quiet, "quiet", "q", false, "print only problems")
	addSheetsFlag(cmd, o)
	addDefaultsFlag(cmd, o)
	addOnlyFlag(cmd, o)
	cmd.Flags().StringVar(&o.entrance, "entrance", "", "build only this entrance's posters (e.g. 3B, in any case)")
	cmd.Flags().StringVar(&o.format, "format", render.PDF, "file format: pdf, png for a picture of each page (NAME-1.png, NAME-2.png …), or html for a web page per language")
	cmd.Flags().IntVar(&o.dpi, "dpi", render.DefaultDPI, fmt.Sprintf("resolution of --format png, in pixels to the inch (1 to %d)", png.MaxDPI))
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(render.Formats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func addDefaultsFlag(cmd *cobra.Command, o *buildOptions) {
	cmd.Flags().StringVar(&o.defaults, "defaults", "", "a property file of shared values that lie under every property (see the README)")
}

// prepare checks the options and reads the --texts file, if any. A
// problem in that file is returned as it is, for the caller to print.
func (o *buildOptions) prepare() error {
	if err := o.checkFiles(); err != nil {
		return err
	}
	if err := o.loadTexts(pipeline.Covers); err != nil {
		return err
	}
	return o.check()
}

// request is what the flags ask of the pipeline.
func (o *buildOptions) request(date time.Time) pipeline.Request {
	return pipeline.Request{Docs: o.docOptions(date), Texts: o.textSet, Defaults: o.defaults, Sheets: o.sheets,
		Spreadsheet: o.spreadsheet.opts, Entrance: o.entrance, Out: o.out}
}

// checkFiles checks that the files the flags name are there, so that a
// wrong path is told as the flag's problem.
func (o *buildOptions) checkFiles() error {
	for _, f := range []struct{ flag, path string }{{"--texts", o.texts}, {"--defaults", o.defaults}} {
		if f.path == "" {
			continue
		}
		fi, err := os.Stat(f.path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return usageError("%s %s: no such file (check the path)", f.flag, f.path)
		case err != nil:
			return usageError("%s %s: cannot read it: %s", f.flag, f.path, systemText(err))
		case fi.IsDir():
			return usageError("%s %s: is a folder, not a file (name the file)", f.flag, f.path)
		}
	}
	return nil
}

func addSheetsFlag(cmd *cobra.Command, o *buildOptions) {
	cmd.Flags().StringVar(&o.sheets, "print-sheets", "", "also write ID-print-MODE.pdf: office (leaflets 2 or 4 to an A4 sheet, cut marks) or shop (3 mm bleed, crop marks)")
	_ = cmd.RegisterFlagCompletionFunc("print-sheets", cobra.FixedCompletions([]string{pipeline.SheetsOffice, pipeline.SheetsShop}, cobra.ShellCompDirectiveNoFileComp))
}

// loadTexts reads the --texts file, if any, into the set of languages
// that everything after it is checked against and made in.
func (o *buildOptions) loadTexts(covers func(rune) bool) error {
	o.textSet = templates.Embedded()
	if o.texts == "" {
		return nil
	}
	set, _, err := o.textSet.WithOverride(o.texts, covers)
	if err != nil {
		return err
	}
	o.textSet = set
	return nil
}

// check checks the flags' values; a wrong one is a usage error.
func (o *buildOptions) check() error {
	if err := o.checkValues(); err != nil {
		return &failure{status: exitUsage, err: err}
	}
	return nil
}

func (o *buildOptions) checkValues() error {
	for _, k := range kind.All {
		// Paper sizes are names, A4 or a4 alike. Without the flag, a
		// kind's documents get its default size (kind.Kind.Size).
		size := o.sizes[k]
		*size = strings.ToUpper(*size)
		if *size != "" || k.DefaultSize == nil {
			if err := oneOf("--"+k.Name+"-size", *size, k.Sizes); err != nil {
				return err
			}
		}
	}
	if o.lang != "" {
		if err := oneOf("--lang", o.lang, o.textSet.Codes()); err != nil {
			return err
		}
	}
	for _, k := range kind.All {
		if o.pairs[k] == nil {
			continue
		}
		if err := o.twoLangs("--"+k.Name+"-langs", *o.pairs[k]); err != nil {
			return err
		}
	}
	for _, k := range kind.All {
		size := *o.sizes[k]
		if o.pairs[k] != nil && len(*o.pairs[k]) > 0 && size != "" && size != k.PairSize {
			return fmt.Errorf("--%s-langs makes %s %ss only (%s); leave out --%s-size %s",
				k.Name, k.PairSize, k.Name, fmt.Sprintf(k.PairWhy, size), k.Name, size)
		}
	}
	if o.only != "" {
		if err := oneOf("--only", o.only, kind.Names()); err != nil {
			return err
		}
	}
	if o.entrance != "" && o.only != "" && !kind.Named(o.only).PerEntrance {
		var names []string
		for _, k := range perEntrance() {
			names = append(names, k.Name+"s")
		}
		return fmt.Errorf("--entrance makes %s only; leave out --only %s", strings.Join(names, " and "), o.only)
	}
	if err := o.checkFormat(); err != nil {
		return err
	}
	if o.sheets != "" {
		return oneOf("--print-sheets", o.sheets, []string{pipeline.SheetsOffice, pipeline.SheetsShop})
	}
	return nil
}

// checkFormat checks --format and --dpi, which only build has.
func (o *buildOptions) checkFormat() error {
	o.format = strings.ToLower(o.format)
	if o.format == "" || o.format == render.PDF || o.format == render.HTML {
		if o.dpi != 0 && o.dpi != render.DefaultDPI {
			return fmt.Errorf("--dpi %d: the resolution is for pictures; add --format png", o.dpi)
		}
	}
	if o.format == "" || o.format == render.PDF {
		return nil
	}
	if err := oneOf("--format", o.format, render.Formats); err != nil {
		return err
	}
	if o.dpi < 1 || o.dpi > png.MaxDPI {
		return fmt.Errorf("--dpi %d: choose 1 to %d (96 is a screen's, 300 a printer's)", o.dpi, png.MaxDPI)
	}
	if o.sheets != "" {
		return fmt.Errorf("--print-sheets makes PDF files for printing; leave it out with --format %s", o.format)
	}
	if o.format == render.HTML {
		return o.webPages()
	}
	return nil
}

// webPages makes --format html write one web page per language: the
// leaflet's, whose texts are the fullest (every contact and support
// line, the landlord's details), and which is one per property. The
// flags that choose posters are refused.
func (o *buildOptions) webPages() error {
	const what = "--format html makes one web page per language from the leaflet's texts"
	if o.entrance != "" {
		return errors.New(what + "; leave out --entrance")
	}
	if o.only != "" && o.only != kind.Leaflet.Name {
		return errors.New(what + "; leave out --only " + o.only)
	}
	for _, k := range kind.All {
		if k != kind.Leaflet && o.pairs[k] != nil && len(*o.pairs[k]) > 0 {
			return fmt.Errorf("%s; for a page in two languages, use --%s-langs instead of --%s-langs", what, kind.Leaflet.Name, k.Name)
		}
	}
	o.only = kind.Leaflet.Name
	return nil
}

// twoLangs checks a flag that names two different languages.
func (o *buildOptions) twoLangs(flag string, codes []string) error {
	if codes == nil {
		return nil
	}
	for i, c := range codes {
		codes[i] = strings.TrimSpace(c) // "sv, ar"
	}
	if len(codes) != 2 || codes[0] == "" || codes[1] == "" {
		return fmt.Errorf("%s %s: give two languages separated by a comma, e.g. %s sv,ar", flag, strings.Join(codes, ","), flag)
	}
	if codes[0] == codes[1] {
		return fmt.Errorf("%s %s: give two different languages", flag, strings.Join(codes, ","))
	}
	for _, c := range codes {
		if err := oneOf(flag, c, o.textSet.Codes()); err != nil {
			return err
		}
	}
	return nil
}

func oneOf(flag, v string, allowed []string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return fmt.Errorf("%s %q: choose one of %s", flag, v, strings.Join(allowed, ", "))
}

func runBuild(ctx context.Context, o *buildOptions, stdout, stderr io.Writer) error {
	if o.out == "" {
		return usageError(`-o "": name the output folder, e.g. -o print`)
	}
	date, err := sourceDate()
	if err != nil {
		return err
	}
	ctx, stop := interruptible(ctx)
	defer stop()
	gc := gctuning.StartOne()
	defer gc.Restore()
	if err := refuseSpreadsheets(o.files); err != nil {
		return err
	}
	if err := o.prepare(); err != nil {
		return err
	}
	req := o.request(date)
	failed, status := 0, exitOK
	req.Progress = func(_, _ int, r pipeline.Result) {
		warn(stderr, r.Warnings)
		if r.Err != nil {
			failed++
			status = worst(status, exitStatus(r.Err))
			report(stderr, r.Err)
			return
		}
		if !o.quiet {
			for _, path := range r.Paths {
				fmt.Fprintln(stdout, path)
			}
		}
	}
	err = pipeline.Write(ctx, o.files, req)
	var stopped *pipeline.Interrupted
	if errors.As(err, &stopped) {
		// Ctrl-C: what was written is whole; say what was not.
		rest := ""
		if stopped.Rest > 0 {
			rest = fmt.Sprintf(" and the %d property files after it", stopped.Rest)
		}
		fmt.Fprintf(stderr, "interrupted: nothing was written for %s%s\n", stopped.At, rest)
		return reported(exitInterrupted)
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "%d of %d property files failed; nothing was written for them\n", failed, len(o.files))
		return reported(status)
	}
	return nil
}

// interruptible returns a context that is cancelled by Ctrl-C or
// SIGTERM, for a command that should stop between documents.
func interruptible(ctx context.Context) (context.Context, context.CancelFunc) {
	if ctx == nil {
		ctx = context.Background()
	}
	return signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
}

// warn prints warnings, one per line.
func warn(w io.Writer, warnings property.ErrorList) {
	for _, e := range warnings {
		fmt.Fprintln(w, e.Warning())
	}
}

// isInputError reports whether err is a problem in a file the user gave:
// a property, defaults or texts file.
func isInputError(err error) bool {
	var list property.ErrorList
	var one *property.Error
	var problems templates.Problems
	return errors.As(err, &list) || errors.As(err, &one) || errors.As(err, &problems)
}

// report prints an error; a property.ErrorList one problem per line.
func report(w io.Writer, err error) {
	var list property.ErrorList
	var problems templates.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Fprintln(w, p.Error())
		}
		return
	}
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintln(w, e.Error())
		}
		return
	}
	fmt.Fprintln(w, err.Error())
}
