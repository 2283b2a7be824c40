package web

import (
	"encoding/base64"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"huskurage/helpline"
	"huskurage/kind"
	"huskurage/pipeline"
	"huskurage/property"
)

// form is what a landlord typed, by the field paths of the property
// file (property.Fields), and the choices of documents, which are flags
// of the command line rather than fields. It is read from a request
// (readForm) or from a property file's YAML (fromNode), and made into
// the YAML that the loader checks (node).
type form struct {
	UI string // the page's language: "sv" or "en"

	// Text holds the fields of one value by path: "landlord.name",
	// "property.postal_code", "id".
	Text map[string]string
	// Texts holds the fields given per language by path and language:
	// "qr.caption" → "sv" → text.
	Texts map[string]map[string]string
	// Lists holds the lists of short texts by path: the entrances.
	Lists map[string][]string
	// Contacts are the property's own contacts; Drop the names of
	// inherited ones to leave out.
	Contacts []contact
	Drop     []string
	// Languages, Steps and Lines are nil when the form does not give
	// them (the defaults' or the built-in value holds); Lines may be
	// given empty.
	Languages []string
	Steps     []string
	Lines     []string
	// Logo is the logo: uploaded now, or carried from an earlier post.
	Logo *logo

	Docs docs
}

// contact is one of the property's contacts, its fields by name.
type contact struct {
	Text  map[string]string            // "name", "phone"
	Texts map[string]map[string]string // "hours", "note" → language → text
}

// logo is an uploaded logo: its file name and bytes. Size, when not 0,
// is the size of a file too large to send (the page's script sends its
// size alone): the loader checks a logo's size before it reads it, so
// that it names the problem in its own words.
type logo struct {
	Name string
	Data []byte
	Size int64
}

// docs are the choices of documents: the flags --poster-size,
// --leaflet-size, --poster-langs, --leaflet-langs and --print-sheets.
type docs struct {
	Sizes  map[string]string // by kind name; "" is the kind's default
	Pairs  map[string]string // by kind name: "sv,ar", or ""
	Sheets string            // "", "office" or "shop"
}

func newForm(ui string) *form {
	return &form{UI: ui, Text: map[string]string{}, Texts: map[string]map[string]string{}, Lists: map[string][]string{},
		Docs: docs{Sizes: map[string]string{}, Pairs: map[string]string{}}}
}

// fields are the property file's fields, from the table.
var fields = property.Fields()

// fieldOf returns the field of path, or nil.
func fieldOf(path string) *property.Field {
	for i := range fields {
		if fields[i].Path == path {
			return &fields[i]
		}
	}
	return nil
}

// scalar reports whether a field of kind k holds one value that an input
// gives as text.
func scalar(k property.Kind) bool {
	switch k {
	case property.KindText, property.KindPhone, property.KindEmail, property.KindURL, property.KindPostalCode,
		property.KindID, property.KindCount, property.KindColor:
		return true
	}
	return false
}

// name is the name of a field's input: its path, with a contact's index
// ("contacts[1].phone") and a language after a text given per language
// ("qr.caption.sv"), as the loader names it in its problems.
func itemPath(path string, i int) string {
	return strings.Replace(path, "[]", "["+strconv.Itoa(i)+"]", 1)
}

// readForm reads a posted form. Its size is limited by the caller;
// lists longer than the property file allows keep one item too many, so
// that the loader says what the limit is.
func readForm(r *http.Request, codes []string) (*form, error) {
	f := newForm(uiLang(r.FormValue("ui")))
	v := validUTF8(r.Form)
	for i := range fields {
		fd := &fields[i]
		switch {
		case fd.InList():
		case scalar(fd.Kind):
			if s := strings.TrimSpace(v.Get(fd.Path)); s != "" {
				f.Text[fd.Path] = s
			}
		case fd.Kind == property.KindTexts:
			f.Texts[fd.Path] = readTexts(v, fd.Path, codes)
		case fd.Kind == property.KindTextList:
			for _, s := range v[fd.Path] {
				if len(f.Lists[fd.Path]) > fd.Max {
					break
				}
				f.Lists[fd.Path] = append(f.Lists[fd.Path], strings.TrimSpace(s))
			}
		case fd.Kind == property.KindLanguages:
			main := v.Get("language")
			others := v["languages"]
			if main != "" {
				f.Languages = []string{main}
			}
			for _, c := range codes { // in the order of the list
				if slices.Contains(others, c) && c != main {
					f.Languages = append(f.Languages, c)
				}
			}
		case fd.Kind == property.KindSteps:
			if s := v.Get(fd.Path); s != "" {
				f.Steps = strings.Split(s, ",")
			}
		case fd.Kind == property.KindSupportLines:
			if v.Get(fd.Path+".shown") != "" {
				f.Lines = []string{}
				for _, id := range helpline.IDs() {
					if slices.Contains(v[fd.Path], id) {
						f.Lines = append(f.Lines, id)
					}
				}
				// The order the landlord chose, when given.
				if order := v.Get(fd.Path + ".order"); order != "" {
					f.Lines = inOrder(f.Lines, strings.Split(order, ","))
				}
			}
		case fd.Kind == property.KindContacts:
			for i := 0; i <= fd.Max; i++ {
				c := contact{Text: map[string]string{}, Texts: map[string]map[string]string{}}
				any := false
				for j := range fields {
					sf := &fields[j]
					if !sf.InList() {
						continue
					}
					name := sf.Path[strings.LastIndex(sf.Path, ".")+1:]
					p := itemPath(sf.Path, i)
					switch {
					case scalar(sf.Kind):
						if s := strings.TrimSpace(v.Get(p)); s != "" {
							c.Text[name] = s
							any = true
						}
					case sf.Kind == property.KindTexts:
						c.Texts[name] = readTexts(v, p, codes)
						if len(c.Texts[name]) > 0 {
							any = true
						}
					}
				}
				if v.Get(itemPath("contacts[].shown", i)) == "" && !any {
					break
				}
				f.Contacts = append(f.Contacts, c)
			}
			f.Drop = v["contacts.drop"]
		}
	}
	// The logo: a file chosen now, else the one carried in the page.
	switch {
	case v.Get("landlord.logo.drop") != "":
	case r.MultipartForm != nil && len(r.MultipartForm.File["landlord.logo.file"]) > 0 &&
		r.MultipartForm.File["landlord.logo.file"][0].Size > 0:
		fh := r.MultipartForm.File["landlord.logo.file"][0]
		data, err := readPart(fh)
		if err != nil {
			return nil, err
		}
		f.Logo = &logo{Name: fh.Filename, Data: data}
	case v.Get("landlord.logo.size") != "":
		if n, err := strconv.ParseInt(v.Get("landlord.logo.size"), 10, 64); err == nil && n > property.MaxLogoSize && n < 1<<40 {
			f.Logo = &logo{Name: v.Get("landlord.logo.name"), Size: n}
		}
	case v.Get("landlord.logo.data") != "":
		data, err := base64.StdEncoding.DecodeString(v.Get("landlord.logo.data"))
		if err == nil {
			f.Logo = &logo{Name: v.Get("landlord.logo.name"), Data: data}
		}
	}
	for _, k := range kind.All {
		if s := strings.ToUpper(v.Get("doc." + k.Name + "-size")); slices.Contains(k.Sizes, s) {
			f.Docs.Sizes[k.Name] = s
		}
		if s := v.Get("doc." + k.Name + "-langs"); s != "" {
			f.Docs.Pairs[k.Name] = s
		}
	}
	if s := v.Get("doc.sheets"); s == pipeline.SheetsOffice || s == pipeline.SheetsShop {
		f.Docs.Sheets = s
	}
	return f, nil
}

// validUTF8 returns the form's values with each byte that is not UTF-8
// as U+FFFD, which the loader names beside its input ("contains the
// replacement character U+FFFD … (retype the text)"): text the YAML
// encoder would refuse, an internal fault rather than the user's
// problem.
func validUTF8(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for key, vals := range v {
		clean := make([]string, len(vals))
		for i, s := range vals {
			clean[i] = strings.ToValidUTF8(s, "\uFFFD")
		}
		key = strings.ToValidUTF8(key, "\uFFFD")
		out[key] = append(out[key], clean...)
	}
	return out
}

// inOrder returns items in the order of order, then those order does
// not name.
func inOrder(items, order []string) []string {
	var out []string
	for _, o := range order {
		if slices.Contains(items, o) && !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	for _, it := range items {
		if !slices.Contains(out, it) {
			out = append(out, it)
		}
	}
	return out
}

func readTexts(v map[string][]string, path string, codes []string) map[string]string {
	out := map[string]string{}
	for _, c := range codes {
		if vs := v[path+"."+c]; len(vs) > 0 {
			if s := strings.TrimSpace(vs[0]); s != "" {
				out[c] = s
			}
		}
	}
	return out
}

// sizedFS is files in memory, some with a size of their own: a logo too
// large to send, whose size alone came (logo.Size).
type sizedFS struct {
	memFS
	sizes map[string]int64
}

func (s sizedFS) Open(name string) (fs.File, error) {
	f, err := s.memFS.Open(name)
	if mf, ok := f.(*memFile); ok && s.sizes[name] > 0 {
		mf.size = s.sizes[name]
	}
	return f, err
}

// readPart reads an uploaded file, whose size the request's limit
// bounds.
func readPart(fh *multipart.FileHeader) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// values are the choices that hold when a form does not give them: the
// defaults' values, else the built-in ones.
type values struct {
	Languages []string
	Steps     []string
	Lines     []string
}

// effective returns the languages, steps and support lines that f
// prints: its own, else those of inherited.
func (f *form) effective(inherited values) values {
	v := inherited
	if f.Languages != nil {
		v.Languages = f.Languages
	}
	if f.Steps != nil {
		v.Steps = f.Steps
	}
	if f.Lines != nil {
		v.Lines = f.Lines
	}
	return v
}

// builtin are the values a property has when neither it nor its
// defaults give them.
var builtin = values{Languages: []string{"sv"}, Steps: property.PolicySteps, Lines: helpline.Default}

// tree is a property file made from a form: its YAML tree, and the
// input each value came from, by node, so that a problem the loader
// places at a value is shown at its input.
type tree struct {
	root  *yaml.Node
	input map[*yaml.Node]string // node → the input's name
}

// node makes the property file of f, as a YAML tree in the order of the
// field table. A value the defaults (or the built-in values) would give
// anyway is left out, so that the file says only what the landlord
// chose, and so are empty rows of lists. logoName is the logo's name in
// the file, when there is one.
func (f *form) node(inherited values, logoName string) *tree {
	t := &tree{root: &yaml.Node{Kind: yaml.MappingNode}, input: map[*yaml.Node]string{}}
	sections := map[string]*yaml.Node{}
	val := func(name string, n *yaml.Node) *yaml.Node {
		t.input[n] = name
		return n
	}
	top := map[string]*yaml.Node{} // a top-level field's value
	put := func(path string, v *yaml.Node) {
		sec, field, ok := strings.Cut(path, ".")
		if !ok {
			top[path] = v
			return
		}
		m := sections[sec]
		if m == nil {
			m = &yaml.Node{Kind: yaml.MappingNode}
			sections[sec] = m
		}
		m.Content = append(m.Content, str(field), v)
	}
	main := f.effective(inherited).Languages[0]
	for i := range fields {
		fd := &fields[i]
		switch {
		case fd.InList():
		case fd.Kind == property.KindCount:
			if s := f.Text[fd.Path]; s != "" {
				n := val(fd.Path, str(s))
				if _, err := strconv.Atoi(s); err == nil {
					n.Tag = "!!int"
				}
				put(fd.Path, n)
			}
		case scalar(fd.Kind):
			if s := f.Text[fd.Path]; s != "" {
				put(fd.Path, val(fd.Path, str(s)))
			}
		case fd.Kind == property.KindLogo:
			if logoName != "" {
				put(fd.Path, val(fd.Path+".file", str(logoName)))
			}
		case fd.Kind == property.KindTexts:
			if n := t.texts(f.Texts[fd.Path], main, fd.Path); n != nil {
				put(fd.Path, n)
			}
		case fd.Kind == property.KindTextList:
			list := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
			for k, s := range f.Lists[fd.Path] {
				if s != "" {
					list.Content = append(list.Content, val(itemName(fd.Path, k), str(s)))
				}
			}
			if len(list.Content) > 0 {
				put(fd.Path, val(fd.Path, list))
			}
		case fd.Kind == property.KindLanguage:
			if len(f.Languages) == 1 && !slices.Equal(f.Languages, inherited.Languages) {
				put(fd.Path, val("language", str(f.Languages[0])))
			}
		case fd.Kind == property.KindLanguages:
			if len(f.Languages) > 1 && !slices.Equal(f.Languages, inherited.Languages) {
				put(fd.Path, val("language", seq(f.Languages)))
			}
		case fd.Kind == property.KindSteps:
			if f.Steps != nil && !slices.Equal(f.Steps, inherited.Steps) {
				put(fd.Path, val(fd.Path, seq(f.Steps)))
			}
		case fd.Kind == property.KindSupportLines:
			if f.Lines != nil && !slices.Equal(f.Lines, inherited.Lines) {
				put(fd.Path, val(fd.Path, seq(f.Lines)))
			}
		case fd.Kind == property.KindContacts:
			if n := t.contacts(f, main); n != nil {
				put(fd.Path, n)
			}
		}
	}
	// In the order of the table; a section with nothing in it is left
	// out, and the loader says which required one is missing.
	for i := range fields {
		fd := &fields[i]
		if strings.ContainsAny(fd.Path, ".[") {
			continue
		}
		if fd.Kind == property.KindSection {
			if m := sections[fd.Path]; m != nil {
				t.root.Content = append(t.root.Content, str(fd.Path), m)
			}
		} else if v := top[fd.Path]; v != nil {
			t.root.Content = append(t.root.Content, str(fd.Path), v)
		}
	}
	return t
}

// itemName is the input of item k of a list: "property.entrances[2]".
func itemName(path string, k int) string { return path + "[" + strconv.Itoa(k) + "]" }

// contacts is the property's list of contacts: first the inherited ones
// it leaves out, then its own, less those left empty.
func (t *tree) contacts(f *form, main string) *yaml.Node {
	list := &yaml.Node{Kind: yaml.SequenceNode}
	for _, name := range f.Drop {
		list.Content = append(list.Content, &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
			str("name"), str(name), str("remove"), {Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}}})
	}
	for k, c := range f.Contacts {
		m := &yaml.Node{Kind: yaml.MappingNode}
		t.input[m] = "contacts[" + strconv.Itoa(k) + "]"
		for i := range fields {
			sf := &fields[i]
			if !sf.InList() {
				continue
			}
			name := sf.Path[strings.LastIndex(sf.Path, ".")+1:]
			in := itemPath(sf.Path, k)
			switch {
			case scalar(sf.Kind):
				if s := c.Text[name]; s != "" {
					n := str(s)
					t.input[n] = in
					m.Content = append(m.Content, str(name), n)
				}
			case sf.Kind == property.KindTexts:
				if n := t.texts(c.Texts[name], main, in); n != nil {
					m.Content = append(m.Content, str(name), n)
				}
			}
		}
		if len(m.Content) > 0 {
			list.Content = append(list.Content, m)
		}
	}
	if len(list.Content) == 0 {
		return nil
	}
	return list
}

// texts is a text given per language: a plain text when it is given in
// the main language only, else a mapping by language, the main language
// first. in is the field's input, which per language ends in ".CODE".
func (t *tree) texts(text map[string]string, main, in string) *yaml.Node {
	if len(text) == 0 {
		return nil
	}
	if len(text) == 1 && text[main] != "" {
		n := str(text[main])
		t.input[n] = in + "." + main
		return n
	}
	m := &yaml.Node{Kind: yaml.MappingNode}
	t.input[m] = in + "." + main
	var codes []string
	for c := range text {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	if i := slices.Index(codes, main); i > 0 {
		codes = append([]string{main}, slices.Delete(codes, i, i+1)...)
	}
	for _, c := range codes {
		n := str(text[c])
		t.input[n] = in + "." + c
		m.Content = append(m.Content, str(c), n)
	}
	return m
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func seq(items []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, s := range items {
		n.Content = append(n.Content, str(s))
	}
	return n
}

// fromNode reads the values of a property (or defaults) file's tree into
// a form, as far as they are what the form holds: the loader reports
// the rest. codes are the known languages; files are the logo's bytes by
// name.
func fromNode(root *yaml.Node, ui string, inherited values, files map[string][]byte) *form {
	f := newForm(ui)
	if root == nil || root.Kind != yaml.MappingNode {
		return f
	}
	get := func(m *yaml.Node, key string) *yaml.Node {
		if m == nil || m.Kind != yaml.MappingNode {
			return nil
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				return m.Content[i+1]
			}
		}
		return nil
	}
	at := func(path string) *yaml.Node {
		n := root
		for _, part := range strings.Split(path, ".") {
			n = get(n, part)
		}
		return n
	}
	text := func(n *yaml.Node) (string, bool) {
		if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			return "", false
		}
		return strings.TrimSpace(n.Value), true
	}
	items := func(n *yaml.Node) []string {
		if n == nil || n.Kind != yaml.SequenceNode {
			return nil
		}
		out := []string{}
		for _, it := range n.Content {
			if s, ok := text(it); ok {
				out = append(out, s)
			}
		}
		return out
	}
	// The languages first: a plain text is in the first.
	if s, ok := text(at("language")); ok {
		f.Languages = []string{s}
	}
	if l := items(at("languages")); len(l) > 0 {
		f.Languages = l
	}
	main := f.effective(inherited).Languages[0]
	texts := func(n *yaml.Node) map[string]string {
		out := map[string]string{}
		if s, ok := text(n); ok && s != "" {
			out[main] = s
		} else if n != nil && n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if s, ok := text(n.Content[i+1]); ok && s != "" {
					out[n.Content[i].Value] = s
				}
			}
		}
		return out
	}
	for i := range fields {
		fd := &fields[i]
		n := at(fd.Path)
		switch {
		case fd.InList() || n == nil:
		case scalar(fd.Kind):
			if s, ok := text(n); ok && s != "" {
				f.Text[fd.Path] = s
			}
		case fd.Kind == property.KindTexts:
			f.Texts[fd.Path] = texts(n)
		case fd.Kind == property.KindTextList:
			f.Lists[fd.Path] = items(n)
		case fd.Kind == property.KindSteps:
			f.Steps = items(n)
		case fd.Kind == property.KindSupportLines:
			f.Lines = items(n)
		case fd.Kind == property.KindLogo:
			if s, ok := text(n); ok && files[s] != nil {
				f.Logo = &logo{Name: s, Data: files[s]}
			}
		case fd.Kind == property.KindContacts:
			if n.Kind != yaml.SequenceNode {
				continue
			}
			for _, it := range n.Content {
				if r, _ := text(get(it, "remove")); strings.EqualFold(r, "true") {
					if s, ok := text(get(it, "name")); ok {
						f.Drop = append(f.Drop, s)
					}
					continue
				}
				c := contact{Text: map[string]string{}, Texts: map[string]map[string]string{}}
				for j := range fields {
					sf := &fields[j]
					if !sf.InList() {
						continue
					}
					name := sf.Path[strings.LastIndex(sf.Path, ".")+1:]
					switch {
					case scalar(sf.Kind):
						if s, ok := text(get(it, name)); ok && s != "" {
							c.Text[name] = s
						}
					case sf.Kind == property.KindTexts:
						c.Texts[name] = texts(get(it, name))
					}
				}
				f.Contacts = append(f.Contacts, c)
			}
		}
	}
	return f
}

// logoFileName is the logo's name in the property file and beside it in
// a download: logo.png or logo.jpg, by what the file is (never a name
// the user sent).
func logoFileName(data []byte) string {
	if len(data) >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF {
		return "logo.jpg"
	}
	return "logo.png"
}

// uiLang is the page's language: English when asked for, else Swedish.
func uiLang(s string) string {
	if s == "en" {
		return "en"
	}
	return "sv"
}
