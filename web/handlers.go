package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"image"
	_ "image/png" // the previews' sizes
	"io"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"huskurage/kind"
	"huskurage/pipeline"
	"huskurage/property"
	"huskurage/render"
	"huskurage/render/pdf"
	"huskurage/sheet"
)

// getForm is the empty form, with the defaults' values shown as
// inherited.
func (s *Server) getForm(w http.ResponseWriter, r *http.Request) {
	f := newForm(uiLang(r.URL.Query().Get("lang")))
	s.render(w, http.StatusOK, "form", f.UI, s.pageOf(f, nil))
}

// parse reads a posted form into memory: every part, files too, stays in
// memory (the body is limited below what ParseMultipartForm keeps there),
// so that nothing a user sends is written to disk.
func parse(w http.ResponseWriter, r *http.Request, max int64) bool {
	err := r.ParseMultipartForm(max)
	if errors.Is(err, http.ErrNotMultipart) {
		err = r.ParseForm()
	}
	if err == nil {
		return true
	}
	if !tooLarge(w, err) && !tooSlow(w, err) {
		http.Error(w, "the form could not be read: "+err.Error(), http.StatusBadRequest)
	}
	return false
}

// postedForm reads the form of r, or answers r with why it cannot be
// read and returns false.
func (s *Server) postedForm(w http.ResponseWriter, r *http.Request) (*form, bool) {
	if !parse(w, r, MaxFormBytes) {
		return nil, false
	}
	f, err := readForm(r, s.cfg.Texts.Codes())
	if err != nil {
		if !tooLarge(w, err) {
			http.Error(w, "the form could not be read: "+err.Error(), http.StatusBadRequest)
		}
		return nil, false
	}
	return f, true
}

// postForm is the form sent without a script: a list's item added or
// removed, the page's language switched, the form checked (with its
// pages as pictures), or the documents downloaded.
func (s *Server) postForm(w http.ResponseWriter, r *http.Request) {
	f, ok := s.postedForm(w, r)
	if !ok {
		return
	}
	if sw := r.FormValue("switch"); sw != "" {
		f.UI = uiLang(sw)
	}
	do := r.FormValue("do")
	focus := ""
	switch {
	case strings.HasPrefix(do, "add:"):
		focus = f.add(strings.TrimPrefix(do, "add:"))
	case strings.HasPrefix(do, "remove:"):
		f.remove(strings.TrimPrefix(do, "remove:"))
	case do == "check" || do == "download":
		s.checkAndAnswer(w, r, f, do == "download", nil, nil)
		return
	}
	p := s.pageOf(f, nil)
	p.focus(focus)
	s.render(w, http.StatusOK, "form", f.UI, p)
}

// add adds an empty item to a list and returns its input's name.
func (f *form) add(path string) string {
	if path == "contacts" {
		f.Contacts = append(f.Contacts, contact{Text: map[string]string{}, Texts: map[string]map[string]string{}})
		return itemPath("contacts[].name", len(f.Contacts)-1)
	}
	if fd := fieldOf(path); fd != nil && fd.Kind == property.KindTextList {
		if len(f.Lists[path]) == 0 {
			f.Lists[path] = []string{""} // the page shows one empty input
		}
		f.Lists[path] = append(f.Lists[path], "")
		return itemName(path, len(f.Lists[path])-1)
	}
	return ""
}

// remove removes item "path:k" of a list.
func (f *form) remove(what string) {
	path, ks, _ := strings.Cut(what, ":")
	k, err := strconv.Atoi(ks)
	if err != nil || k < 0 {
		return
	}
	if path == "contacts" && k < len(f.Contacts) {
		f.Contacts = slices.Delete(f.Contacts, k, k+1)
	} else if items := f.Lists[path]; k < len(items) {
		f.Lists[path] = slices.Delete(items, k, k+1)
	}
}

// focus puts the keyboard's focus on the input name when the page loads
// (a new item of a list).
func (p *page) focus(name string) {
	if name == "" {
		return
	}
	var walk func(ws []*widget)
	walk = func(ws []*widget) {
		for _, w := range ws {
			if w.Name == name {
				w.Focus = true
			}
			walk(w.Children)
		}
	}
	walk(p.Fields)
}

// options are the pipeline's options for the form's choices of
// documents, for a property printed in langs (the checked property's
// languages). A pair of languages is taken only when both are among
// them, as the form offers it: a request may name any language, even
// one we have no texts for.
func (f *form) options(langs []string, format string, dpi int) pipeline.Options {
	o := pipeline.Options{Format: format, DPI: dpi, Sizes: map[*kind.Kind]string{}, Pairs: map[*kind.Kind][]string{}}
	for _, k := range kind.All {
		if pair := strings.Split(f.Docs.Pairs[k.Name], ","); len(pair) == 2 && k.Pair != nil &&
			slices.Contains(langs, pair[0]) && slices.Contains(langs, pair[1]) && pair[0] != pair[1] {
			o.Pairs[k] = pair // made on the kind's size for two languages
			continue
		}
		if size := f.Docs.Sizes[k.Name]; size != "" {
			o.Sizes[k] = size
		}
	}
	return o
}

// build makes the documents of p, the checked form's property or its
// preview (previewOf), on one of the server's renders; ok is false when
// the server was too busy (it answered).
func (s *Server) build(ctx context.Context, c *checked, p *property.Property, opts pipeline.Options, sheets string) (files []pipeline.File, err error, ok bool) {
	b, ok := s.acquire(ctx)
	if !ok {
		return nil, nil, false
	}
	defer s.release(b)
	b.Files = c.files
	files, err = b.Build(ctx, p, opts)
	if err == nil && sheets != "" {
		var f pipeline.File
		if f, err = b.PrintSheets(p.ID, files, sheets, opts); err == nil {
			files = append(files, f)
		}
	}
	var warnings property.ErrorList
	if err == nil {
		warnings = pipeline.DocWarnings(p, files)
	}
	return files, c.addBuild(err, warnings), true
}

// previewOf is p as the preview shows it: the posters of its first
// PreviewEntrances entrances in its first PreviewLanguages languages,
// and the note that says what it leaves out ("" when nothing).
func previewOf(p *property.Property, ui string) (*property.Property, string) {
	q := *p
	entr, langs := len(p.Building.Entrances), len(p.Languages)
	if entr > PreviewEntrances {
		q.Building.Entrances = p.Building.Entrances[:PreviewEntrances]
	}
	if langs > PreviewLanguages {
		q.Languages = p.Languages[:PreviewLanguages]
	}
	switch {
	case entr > PreviewEntrances && langs > PreviewLanguages:
		return &q, fmt.Sprintf(word("preview.some", ui), PreviewEntrances, entr, PreviewLanguages, langs)
	case entr > PreviewEntrances:
		return &q, fmt.Sprintf(word("preview.entrances", ui), PreviewEntrances, entr)
	case langs > PreviewLanguages:
		return &q, fmt.Sprintf(word("preview.languages", ui), PreviewLanguages, langs)
	}
	return p, ""
}

// checkAndAnswer checks the form and answers: the documents as a ZIP
// file when download is asked for and nothing is wrong, else the form
// with its problems (and without a script, the pages as pictures).
// notices and uploadErrs are shown above the form (an upload's).
func (s *Server) checkAndAnswer(w http.ResponseWriter, r *http.Request, f *form, download bool, notices, uploadErrs []string) {
	c := s.check(f)
	var previews []preview
	var note string
	if c.prop != nil && download {
		files, err, ok := s.build(r.Context(), c, c.prop, f.options(c.prop.Languages, render.PDF, 0), f.Docs.Sheets)
		if !ok {
			s.busyForm(w, f)
			return
		}
		if err != nil {
			s.fault(w, err)
			return
		}
		if c.prop != nil {
			s.sendZip(w, c, files)
			return
		}
	}
	if c.prop != nil && !download {
		var p *property.Property
		p, note = previewOf(c.prop, f.UI)
		files, err, ok := s.build(r.Context(), c, p, f.options(c.prop.Languages, render.PNG, PreviewDPI), "")
		if !ok {
			s.busyForm(w, f)
			return
		}
		if err != nil {
			s.fault(w, err)
			return
		}
		previews = s.previews(f.UI, files)
	}
	p := s.pageOf(f, c)
	p.Previews, p.PreviewNote, p.Notices, p.UploadErrs = previews, note, notices, uploadErrs
	status := http.StatusOK
	if len(c.problems) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, status, "form", f.UI, p)
}

// busyForm answers a form sent without a script when every render is
// busy: 503 with Retry-After, and the form as it was sent, saying so, so
// that nothing typed is lost.
func (s *Server) busyForm(w http.ResponseWriter, f *form) {
	w.Header().Set("Retry-After", "2")
	p := s.pageOf(f, nil)
	p.Notices = []string{word("busy", f.UI)}
	s.render(w, http.StatusServiceUnavailable, "form", f.UI, p)
}

// fault answers a failure of huskurage itself: never the user's input.
func (s *Server) fault(w http.ResponseWriter, err error) {
	if errors.Is(err, context.Canceled) {
		s.log.Info("the client left before its answer", "err", err)
		return
	}
	s.log.Error("fault", "err", err)
	http.Error(w, "internal fault, please report it: "+err.Error(), http.StatusInternalServerError)
}

// sendZip answers with the documents and the property file, as a ZIP
// file named after the property.
func (s *Server) sendZip(w http.ResponseWriter, c *checked, files []pipeline.File) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, data []byte, method uint16) error {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: pdf.DefaultDate})
		if err == nil {
			_, err = fw.Write(data)
		}
		return err
	}
	err := add(c.name, c.yaml, zip.Deflate)
	if err == nil && c.logoName != "" {
		err = add(c.logoName, c.form.Logo.Data, zip.Store)
	}
	for _, f := range files {
		if err == nil {
			err = add(f.Name, f.Data, zip.Store)
		}
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		s.fault(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="`+strings.TrimSuffix(c.name, ".yaml")+`.zip"`)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}

// previews are the pictures of files (one a page), with their titles.
func (s *Server) previews(ui string, files []pipeline.File) []preview {
	out := make([]preview, 0, len(files))
	for _, f := range files {
		p := preview{Title: s.pageTitle(ui, f), Src: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(f.Data))}
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(f.Data)); err == nil {
			p.W, p.H = cfg.Width, cfg.Height
		}
		out = append(out, p)
	}
	return out
}

// pageTitle says which page a picture is: "Affisch 7A · svenska · A4 ·
// sida 1 av 1".
func (s *Server) pageTitle(ui string, f pipeline.File) string {
	parts := []string{word("kind."+f.Kind.Name, ui)}
	if f.Entrance != "" {
		parts[0] += " " + f.Entrance
	}
	var langs []string
	for _, code := range strings.Split(f.Lang, "+") {
		langs = append(langs, s.langName(code))
	}
	parts = append(parts, strings.Join(langs, " + "))
	if f.Doc != nil {
		parts = append(parts, f.Doc.Size)
		base := strings.TrimSuffix(f.Name, path.Ext(f.Name))
		if i := strings.LastIndexByte(base, '-'); i >= 0 {
			if n, err := strconv.Atoi(base[i+1:]); err == nil {
				parts = append(parts, fmt.Sprintf(word("page", ui), n, len(f.Doc.Pages)))
			}
		}
	}
	return strings.Join(parts, " · ")
}

// previewAnswer is what the page's script gets for a preview.
type previewAnswer struct {
	OK       bool      `json:"ok"`
	Problems []summary `json:"problems"`
	Warnings []summary `json:"warnings"`
	Pages    []preview `json:"pages"`
	// Note says what the preview leaves out, or is "".
	Note string `json:"note"`
}

// postPreview checks the form and answers with its problems and
// warnings, each with its input's id, and the pages as pictures: the
// live preview, asked for by the page's script as the user types.
func (s *Server) postPreview(w http.ResponseWriter, r *http.Request) {
	if s.full() {
		// Before the form is read: a busy server does no work for it.
		// The connection closes after the answer, else net/http would
		// read up to 256 KiB of the unread form before answering.
		w.Header().Set("Connection", "close")
		busy(w)
		return
	}
	f, ok := s.postedForm(w, r)
	if !ok {
		return
	}
	c := s.check(f)
	var pages []preview
	var note string
	if c.prop != nil {
		var p *property.Property
		p, note = previewOf(c.prop, f.UI)
		files, err, ok := s.build(r.Context(), c, p, f.options(c.prop.Languages, render.PNG, PreviewDPI), "")
		if !ok {
			busy(w)
			return
		}
		if err != nil {
			s.fault(w, err)
			return
		}
		pages = s.previews(f.UI, files)
	}
	p := s.pageOf(f, c)
	ans := previewAnswer{OK: len(c.problems) == 0, Problems: p.Problems, Warnings: p.Warnings, Pages: pages, Note: note}
	if ans.Problems == nil {
		ans.Problems = []summary{}
	}
	if ans.Warnings == nil {
		ans.Warnings = []summary{}
	}
	if ans.Pages == nil {
		ans.Pages = []preview{}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(ans)
}

// postUpload reads a property file sent to continue with it (with its
// logo, or the ZIP file a download gave), checks it as `huskurage check`
// does, and answers with the form filled in from it.
func (s *Server) postUpload(w http.ResponseWriter, r *http.Request) {
	if !parse(w, r, MaxFormBytes) {
		return
	}
	ui := uiLang(r.FormValue("ui"))
	files, order, err := uploads(r, "files", MaxFormBytes)
	if err != nil {
		if !tooLarge(w, err) {
			// A damaged ZIP file: the form, with the problem above it.
			p := s.pageOf(newForm(ui), nil)
			p.Notices = []string{err.Error()}
			s.render(w, http.StatusUnprocessableEntity, "form", ui, p)
		}
		return
	}
	var name string
	for _, n := range order {
		if isYAML(n) {
			name = n
			break
		}
	}
	if name == "" {
		f := newForm(ui)
		p := s.pageOf(f, nil)
		p.Notices = []string{word("upload.none", ui)}
		s.render(w, http.StatusUnprocessableEntity, "form", ui, p)
		return
	}
	// The form shows the first property; the file is checked whole, as
	// check does, unless it holds more properties than a municipality's
	// upload takes: then only the first is read (500,000 documents took
	// 12 s to read whole).
	src := files[name]
	first, docs := firstDocument(src)
	if docs > MaxBatchProperties {
		src = first
	}
	images := memFS{}
	for n, data := range files {
		if !isYAML(n) {
			images[n] = data
		}
	}
	var notices, uploadErrs []string
	opts := property.Options{Covers: pipeline.Covers, Defaults: s.defaults, Texts: s.cfg.Texts, Files: images}
	_, err = property.ParseStream(src, name, "", opts)
	var list property.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			uploadErrs = append(uploadErrs, e.Error())
		}
	} else if err != nil {
		uploadErrs = append(uploadErrs, err.Error())
	}
	if docs > 1 {
		notices = append(notices, fmt.Sprintf(word("upload.many", ui), name, docs))
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	var root *yaml.Node
	if dec.Decode(&doc) == nil && len(doc.Content) == 1 {
		root = doc.Content[0]
	}
	f := fromNode(root, ui, s.inherited, images)
	f.Docs = docsOfHeader(doc.HeadComment)
	if root != nil {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value != "landlord" {
				continue
			}
			l := root.Content[i+1]
			for j := 0; j+1 < len(l.Content); j += 2 {
				if l.Content[j].Value == "logo" && f.Logo == nil {
					notices = append(notices, fmt.Sprintf(word("upload.logo", ui), l.Content[j+1].Value))
				}
			}
		}
	}
	if len(uploadErrs) > 0 {
		notices = append([]string{fmt.Sprintf(word("upload.problems", ui), name)}, notices...)
	}
	s.checkAndAnswer(w, r, f, false, notices, uploadErrs)
}

// docMarkers returns where the lines that start a YAML document begin
// ("---" at the start of a line, then a space, a tab or the line's end,
// which ends even a block scalar), and whether anything but comments,
// directives and blank lines comes before the first: a document without
// a marker. A file holds at least as many documents as markers.
func docMarkers(src []byte) (at []int, unmarked bool) {
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		line := bytes.TrimRight(src[off:off+end], "\r")
		rest, marker := bytes.CutPrefix(line, []byte("---"))
		switch {
		case marker && (len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t'):
			at = append(at, off)
		case len(at) == 0 && len(bytes.TrimSpace(line)) > 0 && line[0] != '#' && line[0] != '%':
			unmarked = true
		}
		off += end + 1
	}
	return at, unmarked
}

// firstDocument returns the first YAML document of src, and how many
// documents src holds.
func firstDocument(src []byte) ([]byte, int) {
	at, unmarked := docMarkers(src)
	n := len(at)
	if unmarked {
		n++
		at = append([]int{0}, at...)
	}
	if len(at) > 1 {
		return src[:at[1]], n
	}
	return src, max(n, 1)
}

// zipTop is the folder every file of a ZIP file is in ("fastigheter/",
// a folder zipped as it is), or "".
func zipTop(zr *zip.Reader) string {
	top := ""
	for i, zf := range zr.File {
		dir, _, ok := strings.Cut(zf.Name, "/")
		if !ok || i > 0 && dir+"/" != top {
			return ""
		}
		top = dir + "/"
	}
	return top
}

func isYAML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// uploads returns the files sent in the form field, by their base name
// (never a path: a name only finds a file among those sent), and their
// names in the order sent. A ZIP file's files are taken out of it, each
// read up to the limit, never unpacked to disk.
func uploads(r *http.Request, field string, max int64) (map[string][]byte, []string, error) {
	files := map[string][]byte{}
	var order []string
	var clash error // two different files of the same name
	add := func(name string, data []byte) {
		// A name that is not UTF-8 is named with U+FFFD, as a form's
		// text is (validUTF8): it goes into messages and manifests.
		full := strings.ReplaceAll(strings.ToValidUTF8(name, "\uFFFD"), `\`, "/")
		name = path.Base(full)
		if name == "." || name == "/" || name == "" || strings.HasPrefix(name, ".") ||
			strings.EqualFold(path.Ext(name), ".pdf") { // a download's documents: made again
			return
		}
		if old, seen := files[name]; !seen {
			order = append(order, name)
		} else if !bytes.Equal(old, data) && clash == nil && (isYAML(name) || sheet.Is(name)) {
			// Property files are read by their names: one would silently
			// stand for the other. (Logos of one name in different
			// folders are found by their paths.)
			clash = fmt.Errorf("two different files are named %s (the second is %s): give them different names and send them again", name, full)
		}
		files[name] = data
	}
	if r.MultipartForm == nil {
		return files, order, nil
	}
	// A ZIP bomb stops at the request's limit: what every part holds,
	// unpacked, counts against it together.
	var total int64
	for _, fh := range r.MultipartForm.File[field] {
		data, err := readPart(fh)
		if err != nil {
			return nil, nil, err
		}
		if strings.EqualFold(path.Ext(fh.Filename), ".zip") {
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				return nil, nil, fmt.Errorf("%s is not a ZIP file: %v", path.Base(fh.Filename), err)
			}
			top := zipTop(zr)
			for _, zf := range zr.File {
				if zf.FileInfo().IsDir() {
					continue
				}
				rc, err := zf.Open()
				if err != nil {
					return nil, nil, fmt.Errorf("%s: %s: %v", path.Base(fh.Filename), zf.Name, err)
				}
				// A ZIP bomb stops at the request's limit.
				b, err := io.ReadAll(io.LimitReader(rc, max-total+1))
				rc.Close()
				total += int64(len(b))
				if err != nil {
					return nil, nil, err
				}
				if total > max {
					return nil, nil, &http.MaxBytesError{Limit: max}
				}
				add(zf.Name, b)
				// A logo in a folder of the ZIP file ("logo:
				// logos/a.png", as the command line finds it beside the
				// property file) is found by its path too: relative to
				// the folder the whole ZIP file is in, if it is in one;
				// never a path out of it (fs.ValidPath).
				if rel := strings.TrimPrefix(zf.Name, top); rel != path.Base(rel) && fs.ValidPath(rel) &&
					!isYAML(rel) && !sheet.Is(rel) {
					files[rel] = b
				}
			}
			continue
		}
		if total += int64(len(data)); total > max {
			return nil, nil, &http.MaxBytesError{Limit: max}
		}
		add(fh.Filename, data)
	}
	if clash != nil {
		return nil, nil, clash
	}
	return files, order, nil
}
