package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"

	"huskurage/pipeline"
	"huskurage/property"
	"huskurage/render/pdf"
	"huskurage/sheet"
)

// batchPage is the page for many properties at once.
type batchPage struct {
	UI, Other, Title string
	DefaultsHelp     string
	Sheets           *widget
	Encoding         *widget  // the CSV files' encoding
	Problems         []string // for the page's title
	Stopped          []string
	Failures         []failure
	Headline         string
}

// failure is a property (a row) that was not made, with the loader's
// problems as check prints them.
type failure struct {
	Where string
	Lines []string
}

func (s *Server) batchPage(ui string) *batchPage {
	p := &batchPage{UI: ui, Other: map[string]string{"sv": "en", "en": "sv"}[ui], Title: word("batch.title", ui)}
	p.DefaultsHelp = word("batch.defaults.none", ui)
	if s.defaultsName != "" {
		p.DefaultsHelp = fmt.Sprintf(word("batch.defaults.help", ui), s.defaultsName)
	}
	f := newForm(ui)
	for _, w := range s.docWidgets(f, values{Languages: []string{"sv"}}) {
		if w.Name == "doc.sheets" {
			p.Sheets = w
		}
	}
	p.Encoding = &widget{Kind: "choice", Name: "encoding", ID: idOf("encoding"), Label: word("batch.encoding", ui),
		Options: []option{{Value: "", Label: word("batch.encoding.utf8", ui), Checked: true},
			{Value: cp1252, Label: word("batch.encoding.1252", ui)}}}
	return p
}

// chosen marks the option of w that value is as the one chosen: the
// page sent back keeps the choices made.
func chosen(w *widget, value string) {
	if w == nil || !slices.ContainsFunc(w.Options, func(o option) bool { return o.Value == value }) {
		return
	}
	for i := range w.Options {
		w.Options[i].Checked = w.Options[i].Value == value
	}
}

// cp1252 is the encoding of a CSV file saved by an older Excel, as
// sheet.Options names it.
const cp1252 = "windows-1252"

// encodingHint is the label of the page's choice of Windows-1252, which the
// hint for a CSV file that is not UTF-8 names, in the language ui (the
// command line's hint names its --encoding flag).
func encodingHint(ui string) string { return word("batch.encoding", ui) }

func (s *Server) getBatch(w http.ResponseWriter, r *http.Request) {
	ui := uiLang(r.URL.Query().Get("lang"))
	s.render(w, http.StatusOK, "batch", ui, s.batchPage(ui))
}

// errTooMany stops a batch of more properties than MaxBatchProperties.
var errTooMany = fmt.Errorf("the files hold more than %d properties, the most one upload may make here; "+
	"split them, or run huskurage batch on the command line", MaxBatchProperties)

// postBatch makes a municipality's batch: its spreadsheet or property
// files, with a defaults file and the logos they name, into one ZIP file
// with every document, the print file and the manifest (pipeline.Archive,
// in memory). A page that asks for application/x-ndjson (the page's
// script) gets a line of JSON for each property as it is made, then the
// ZIP file; without a script the answer is the ZIP file, or the page with
// the problems listed by row.
func (s *Server) postBatch(w http.ResponseWriter, r *http.Request) {
	if !parse(w, r, MaxBatchBytes) {
		return
	}
	ui := uiLang(r.FormValue("ui"))
	page := s.batchPage(ui)
	chosen(page.Sheets, r.FormValue("doc.sheets"))
	chosen(page.Encoding, r.FormValue("encoding"))
	stream := strings.Contains(r.Header.Get("Accept"), "application/x-ndjson")
	stop := func(lines ...string) {
		if stream {
			// The page's script lists the problems from a line of its
			// own format; the page as HTML would be shown as its source.
			w.Header().Set("Content-Type", "application/x-ndjson")
			w.WriteHeader(http.StatusUnprocessableEntity)
			json.NewEncoder(w).Encode(map[string]any{"stopped": lines})
			return
		}
		page.Stopped, page.Problems = lines, lines
		s.render(w, http.StatusUnprocessableEntity, "batch", ui, page)
	}
	files, order, err := uploads(r, "files", MaxBatchBytes)
	if err != nil {
		if !tooLarge(w, err) {
			stop(err.Error())
		}
		return
	}
	if len(order) > MaxBatchFiles {
		stop(fmt.Sprintf("%d files were sent; at most %d are taken at once", len(order), MaxBatchFiles))
		return
	}
	images := memFS{}
	var inputs []pipeline.Input
	for _, name := range order {
		if isYAML(name) || sheet.Is(name) {
			inputs = append(inputs, pipeline.Input{Name: name, Data: files[name]})
		}
	}
	for name, data := range files { // by their names, and paths in a ZIP file
		if !isYAML(name) && !sheet.Is(name) {
			images[name] = data
		}
	}
	// Very many YAML documents are refused before they are read: the
	// pipeline counts the properties only once it has read them all
	// (500,000 in 5 MB took 14 s and 2.2 GB, answered with 92 MB of
	// problems).
	docs := 0
	for _, in := range inputs {
		if isYAML(in.Name) {
			at, _ := docMarkers(in.Data)
			docs += len(at)
		}
	}
	if docs > MaxBatchProperties {
		stop(errTooMany.Error())
		return
	}
	if len(inputs) == 0 {
		var wrong []string
		for _, name := range order {
			if !isImage(name) {
				wrong = append(wrong, fmt.Sprintf(word("batch.notinput", ui), name))
			}
		}
		if len(wrong) == 0 {
			wrong = []string{word("batch.nofiles", ui)}
		}
		stop(wrong...)
		return
	}
	defaults := s.defaults
	if d, dorder, err := uploads(r, "defaults", MaxBatchBytes); err == nil && len(dorder) > 0 {
		opts := property.Options{Covers: pipeline.Covers, Texts: s.cfg.Texts, Files: images}
		name := dorder[0]
		if defaults, err = property.ParseDefaults(d[name], name, "", opts); err != nil {
			stop(lines(err, ui)...)
			return
		}
	}
	sheets := r.FormValue("doc.sheets")
	if sheets != pipeline.SheetsOffice && sheets != pipeline.SheetsShop {
		sheets = ""
	}
	anyway := r.FormValue("anyway") != ""

	// A batch takes one render for the whole run (Archive makes its
	// documents one after another, with a builder of its own), so that
	// forms are still answered while it runs.
	b, ok := s.acquire(r.Context())
	if !ok {
		busy(w)
		return
	}
	defer s.release(b)

	ctx, cancel := context.WithCancelCause(r.Context())
	defer cancel(nil)
	var enc *json.Encoder
	flush := func() {}
	if stream {
		w.Header().Set("Content-Type", "application/x-ndjson")
		w.Header().Set("X-Accel-Buffering", "no")
		enc = json.NewEncoder(w)
		if fl, ok := w.(http.Flusher); ok {
			flush = fl.Flush
		}
	}
	var failures []failure
	req := pipeline.Request{Sheets: sheets, Texts: s.cfg.Texts, Spreadsheet: sheet.Options{EncodingChoice: encodingHint(ui), UnzipLimit: MaxBatchBytes}}
	if r.FormValue("encoding") == cp1252 {
		req.Spreadsheet.Encoding = cp1252
	}
	req.Progress = func(done, total int, res pipeline.Result) {
		if total > MaxBatchProperties {
			cancel(errTooMany)
			return
		}
		line := map[string]any{"done": done, "total": total}
		if res.Err != nil {
			f := failure{Where: where(res), Lines: lines(res.Err, ui)}
			failures = append(failures, f)
			line["where"], line["problems"] = f.Where, f.Lines
		}
		if enc != nil {
			enc.Encode(line)
			flush()
		}
	}
	buf := cappedBuffer{max: s.cfg.BatchOutput}
	rep, err := pipeline.Archive(ctx, inputs, defaults, images, req, &buf)
	if cause := context.Cause(ctx); errors.Is(cause, errTooMany) {
		err = cause
	}
	if errors.Is(err, errTooBig) {
		err = fmt.Errorf("the documents of these files come to more than %d MiB, the most made here at once; "+
			"send fewer properties, entrances or languages at a time, or run huskurage batch on the command line", s.cfg.BatchOutput>>20)
	}
	if err != nil {
		if r.Context().Err() != nil {
			return // the user left
		}
		if enc != nil {
			enc.Encode(map[string]any{"stopped": lines(err, ui)})
			return
		}
		stop(lines(err, ui)...)
		return
	}
	if len(failures) > 0 && !anyway {
		if enc != nil {
			return // the script has listed them
		}
		page.Failures, page.Problems = failures, []string{""}
		page.Headline = fmt.Sprintf(word("batch.problems", ui), len(failures), rep.Properties)
		s.render(w, http.StatusUnprocessableEntity, "batch", ui, page)
		return
	}
	data := buf.Bytes()
	if len(failures) > 0 {
		if data, err = withProblems(data, failures); err != nil {
			s.fault(w, err)
			return
		}
	}
	if enc != nil {
		enc.Encode(map[string]any{"zip": len(data)})
		w.Write(data)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="huskurage.zip"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// isImage reports whether name is a logo's file, by its extension.
func isImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg":
		return true
	}
	return false
}

// where names the property a result is about: its file, and its row in a
// spreadsheet.
func where(r pipeline.Result) string {
	if r.Row > 0 {
		return fmt.Sprintf("%s:%d", r.Source, r.Row)
	}
	if r.ID != "" {
		return r.Source + " (" + r.ID + ")"
	}
	return r.Source
}

// lines are an error's problems, each as check prints it, said in the
// page's language ui.
func lines(err error, ui string) []string {
	var list property.ErrorList
	if errors.As(err, &list) {
		out := make([]string, len(list))
		for i, e := range list {
			out[i] = e.ErrorIn(ui)
		}
		return out
	}
	var one *property.Error
	if errors.As(err, &one) {
		return []string{one.ErrorIn(ui)}
	}
	return strings.Split(err.Error(), "\n")
}

// errTooBig stops a batch whose ZIP file would pass Config.BatchOutput.
var errTooBig = errors.New("the batch's documents are too large")

// cappedBuffer is a buffer that takes at most max bytes: the batch's ZIP
// file, held in memory.
type cappedBuffer struct {
	bytes.Buffer
	max int
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if c.Len()+len(p) > c.max {
		return 0, errTooBig
	}
	return c.Buffer.Write(p)
}

// withProblems adds problems.txt, the properties that were not made, to
// a batch's ZIP file.
func withProblems(data []byte, failures []failure) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			return nil, err
		}
	}
	var text strings.Builder
	for _, f := range failures {
		for _, l := range f.Lines {
			text.WriteString(l + "\n")
		}
	}
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: "problems.txt", Method: zip.Deflate, Modified: pdf.DefaultDate})
	if err != nil {
		return nil, err
	}
	if _, err := fw.Write([]byte(text.String())); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
