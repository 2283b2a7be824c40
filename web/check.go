package web

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"huskurage/pipeline"
	"huskurage/property"
	"huskurage/sheet"
)

// checked is a form made into a property file and checked by the
// loader, as `huskurage check` checks the file.
type checked struct {
	form *form
	name string // the file's name: ID.yaml
	yaml []byte // the property file, as a download holds it
	// prop is the property, or nil when it has problems.
	prop *property.Property
	// problems and warnings are the loader's (and the layout's), each
	// placed at its input.
	problems, warnings []problem
	files              fs.FS  // the logo, by logoName
	logoName           string // "" without a logo
	// at finds the input of a value by its line and column in yaml.
	at map[[2]int]string
}

// problem is one of the loader's problems, at the input it concerns.
type problem struct {
	err   *property.Error
	input string // the input's name, as the page has it; "" for the form as a whole
}

// Text is the problem in the loader's words, in the page's language ui
// ("sv" or "en"), without its place: what is wrong (how to fix it).
func (p problem) Text(ui string) string {
	problem, hint := p.err.In(ui)
	if hint == "" {
		return problem
	}
	return problem + " (" + hint + ")"
}

// check makes f into a property file and checks it, with the server's
// defaults under it.
func (s *Server) check(f *form) *checked {
	c := &checked{form: f, at: map[[2]int]string{}}
	files := memFS{}
	if f.Logo != nil {
		c.logoName = logoFileName(f.Logo.Data)
		files[c.logoName] = f.Logo.Data
	}
	c.files = files
	if f.Logo != nil && f.Logo.Size > 0 {
		c.files = sizedFS{files, map[string]int64{c.logoName: f.Logo.Size}}
	}
	t := f.node(s.inherited, c.logoName)
	id := f.Text["id"]
	if id == "" {
		// As a spreadsheet row without an id: made from the address.
		id = sheet.MakeID(f.Text["property.address"])
		if id != "" {
			n := str(id)
			t.input[n] = "id"
			t.root.Content = append([]*yaml.Node{str("id"), n}, t.root.Content...)
		}
	}
	if id == "" || !property.SafeID(id) {
		id = "huskurage"
	}
	c.name = id + ".yaml"
	flags := docFlags(f.options(f.effective(s.inherited).Languages, "", 0), f.Docs.Sheets)
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{t.root}, HeadComment: s.header(id, flags)}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		// Our own tree of strings: a fault, shown as one.
		c.problems = append(c.problems, problem{err: &property.Error{Problem: "internal fault: " + err.Error()}})
		return c
	}
	enc.Close()
	c.yaml = buf.Bytes()
	var back yaml.Node
	if err := yaml.Unmarshal(c.yaml, &back); err == nil && len(back.Content) == 1 {
		c.place(t, t.root, back.Content[0])
	}
	opts := property.Options{Covers: pipeline.Covers, Defaults: s.defaults, Texts: s.cfg.Texts, Files: c.files}
	p, err := property.Parse(c.yaml, c.name, "", opts)
	var list property.ErrorList
	switch {
	case errors.As(err, &list):
		c.problems = c.placed(list)
	case err != nil:
		c.problems = append(c.problems, problem{err: &property.Error{Problem: err.Error()}})
	default:
		c.prop = p
		c.warnings = c.placed(p.Warnings)
	}
	return c
}

// header is the comment at the top of a property file made by the form:
// the command that makes the download's documents, with flags for the
// choices of documents (docFlags), which the file itself cannot hold.
func (s *Server) header(id string, flags []string) string {
	h := "Made with huskurage serve. Edit it there again (Upload), or build it with\n" +
		"huskurage build " + id + ".yaml -o out"
	if s.defaultsName != "" {
		h += " --defaults " + s.defaultsName
	}
	for _, fl := range flags {
		h += " " + fl
	}
	return h
}

// place records, for every value of the tree made from the form, where
// it stands in the file as written (the same tree read back).
func (c *checked) place(t *tree, made, read *yaml.Node) {
	if made == nil || read == nil {
		return
	}
	if in, ok := t.input[made]; ok {
		c.at[[2]int{read.Line, read.Column}] = in
	}
	if len(made.Content) != len(read.Content) {
		return
	}
	for i := range made.Content {
		c.place(t, made.Content[i], read.Content[i])
		// A problem with a key (a mapping's field) is the value's input.
		if made.Kind == yaml.MappingNode && i%2 == 0 && i+1 < len(made.Content) {
			if in, ok := t.input[made.Content[i+1]]; ok {
				k := read.Content[i]
				c.at[[2]int{k.Line, k.Column}] = in
			}
		}
	}
}

// placed puts each problem at its input: where its value stands in the
// file, else by its field's path.
func (c *checked) placed(list property.ErrorList) []problem {
	out := make([]problem, 0, len(list))
	for _, e := range list {
		in, ok := "", false
		if e.Pos.File == c.name {
			in, ok = c.at[[2]int{e.Pos.Line, e.Pos.Col}]
		}
		if !ok {
			in = inputOfField(e.Field)
		}
		out = append(out, problem{err: e, input: in})
	}
	return out
}

// inputOfField is the input of a field path as the loader names it,
// where a value's place does not say: "languages[1]" is the language
// choice, "property.entrances[1]" the entrances (the loader counts only
// those written), a contact its list, since the loader counts the
// inherited contacts too.
func inputOfField(field string) string {
	switch {
	case field == "language" || strings.HasPrefix(field, "languages"):
		return "language"
	case field == "landlord.logo":
		return "landlord.logo.file"
	case strings.HasPrefix(field, "contacts"):
		return "contacts"
	}
	if i := strings.IndexByte(field, '['); i >= 0 {
		return field[:i]
	}
	return field
}

// addBuildProblems adds the problems and warnings of making the
// documents: text that does not fit, a link too long for its code.
func (c *checked) addBuild(err error, warnings property.ErrorList) error {
	var list property.ErrorList
	if errors.As(err, &list) {
		c.problems = append(c.problems, c.placed(list)...)
		c.prop = nil
		err = nil
	}
	c.warnings = append(c.warnings, c.placed(warnings)...)
	return err
}

// memFS is files in memory, by name: the logo, or a batch's uploads.
type memFS map[string][]byte

func (m memFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	data, ok := m[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memFile{name: name, r: bytes.NewReader(data), size: int64(len(data))}, nil
}

type memFile struct {
	name string
	r    *bytes.Reader
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *memFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *memFile) Close() error               { return nil }
func (f *memFile) Name() string               { return f.name }
func (f *memFile) Size() int64                { return f.size }
func (f *memFile) Mode() fs.FileMode          { return 0o444 }
func (f *memFile) ModTime() time.Time         { return time.Time{} }
func (f *memFile) IsDir() bool                { return false }
func (f *memFile) Sys() any                   { return nil }

var _ io.Reader = (*memFile)(nil)
