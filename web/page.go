package web

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"huskurage/helpline"
	"huskurage/kind"
	"huskurage/pipeline"
	"huskurage/property"
)

// The form page is made from the field table: each field of a property
// file is an input, in the order of the file, with the table's label,
// help, limits and required mark, and the loader's problems beside it.

// page is what the form page shows.
type page struct {
	UI, Other  string // the page's language, and the other one
	Title      string
	Defaults   string // the defaults file's name, or ""
	Fields     []*widget
	Docs       []*widget // the choices of documents
	Problems   []summary
	Warnings   []summary
	Notices    []string
	UploadErrs []string
	OK         bool
	Previews   []preview
	// PreviewNote says what the preview leaves out, or is "".
	PreviewNote string
	Checked     bool // the form was checked: show the outcome
}

// summary is one line of the summary at the top: a link to the input.
type summary struct {
	ID, Label, Text string
}

// preview is a picture of one page.
type preview struct {
	Title string
	// Src is the picture as a data: URI, our own PNG: a template.URL,
	// which html/template writes as it is (a string would become
	// "#ZgotmplZ").
	Src  template.URL
	W, H int
}

// widget is one field of the form (or a section of fields).
type widget struct {
	Kind     string // section, input, texts, list, contacts, languages, steps, lines, logo, choice
	Name, ID string
	Label    string
	Help     string
	HelpID   string
	Required bool
	Type     string // the input's type: text, tel, email, url, number
	Mode     string // inputmode
	Auto     string // autocomplete
	Value    string
	Min, Max int
	Note     string // what is inherited
	Problems []string
	Warnings []string
	Children []*widget // a section's fields; a list's items; a contact's fields
	Options  []option
	Button   *button // add an item
	Remove   *button // remove this item
	Hidden   []hidden
	// Img is the logo as a data: URI, of a type of our choosing (PNG or
	// JPEG, by its first bytes) and base64: html/template would replace
	// a data: URI given as a string with "#ZgotmplZ".
	Img     template.URL
	Lang    string // the language of a text input
	Dir     string // its direction
	Legend  string // a group's legend
	Checked bool   // a check box
	Focus   bool   // the keyboard's focus starts here (an item just added)
	// Item names the item of a list the input belongs to ("Kontakt
	// 2"), for the summary, where the label alone ("Namn") does not say.
	Item string
	// Post, when set, is the name the input is sent under, where Name
	// says which item it is: a list's items are sent under one name.
	Post string
}

type option struct {
	Value, Label, Note string
	Checked            bool
	ID                 string
}

type button struct{ Name, Value, Label string }

type hidden struct{ Name, Value string }

var unsafeID = regexp.MustCompile(`[^a-zA-Z0-9_-]+`)

// idOf is the element id of an input's name: "f-contacts-1-phone".
func idOf(name string) string { return "f-" + strings.Trim(unsafeID.ReplaceAllString(name, "-"), "-") }

// pageOf builds the form page for f, with c's outcome when it was
// checked (c may be nil).
func (s *Server) pageOf(f *form, c *checked) *page {
	ui := f.UI
	p := &page{UI: ui, Other: map[string]string{"sv": "en", "en": "sv"}[ui], Title: word("title", ui), Defaults: s.defaultsName}
	eff := f.effective(s.inherited)
	for i := range fields {
		fd := &fields[i]
		if strings.ContainsAny(fd.Path, ".[") || fd.Kind == property.KindVersion || fd.Kind == property.KindLanguage {
			continue
		}
		p.Fields = append(p.Fields, s.widgetOf(fd, f, eff))
	}
	p.Docs = s.docWidgets(f, eff)
	if c == nil {
		return p
	}
	p.Checked = true
	names := map[string]*widget{}
	var walk func(ws []*widget)
	walk = func(ws []*widget) {
		for _, w := range ws {
			if w.Name != "" {
				names[w.Name] = w
			}
			walk(w.Children)
		}
	}
	walk(p.Fields)
	attach := func(list []problem, warn bool) []summary {
		var out []summary
		for _, pr := range list {
			w := findWidget(names, pr.input)
			sum := summary{Text: pr.Text(ui), Label: pr.err.Field}
			if w != nil {
				sum.ID, sum.Label = w.ID, w.Label
				if w.Item != "" {
					sum.Label = w.Item + ": " + w.Label
				}
				if warn {
					w.Warnings = append(w.Warnings, pr.Text(ui))
				} else {
					w.Problems = append(w.Problems, pr.Text(ui))
				}
			}
			out = append(out, sum)
		}
		return out
	}
	p.Problems = attach(c.problems, false)
	p.Warnings = attach(c.warnings, true)
	p.OK = len(c.problems) == 0
	return p
}

// findWidget finds the input of name, or of the nearest field that
// holds it: "contacts[1].hours.sv", "contacts[1].hours", "contacts[1]",
// "contacts".
func findWidget(names map[string]*widget, name string) *widget {
	for name != "" {
		if w, ok := names[name]; ok {
			return w
		}
		i := strings.LastIndexAny(name, ".[")
		if i < 0 {
			break
		}
		name = name[:i]
	}
	return nil
}

func (s *Server) label(fd *property.Field, ui string) string { return fd.Label.In(ui) }

// widgetOf is the widget of a top-level field or section.
func (s *Server) widgetOf(fd *property.Field, f *form, eff values) *widget {
	ui := f.UI
	w := &widget{Name: fd.Path, ID: idOf(fd.Path), Label: fd.Label.In(ui), Help: fd.Help.In(ui), Required: fd.Required}
	w.HelpID = w.ID + "-help"
	inherited := func(path string) {
		if v := s.inheritedForm.Text[path]; v != "" {
			w.Note = fmt.Sprintf(word("inherited", ui), fmt.Sprintf(word("inherited.from", ui), s.defaultsName), v)
			w.Required = false
		}
	}
	switch {
	case fd.Kind == property.KindSection:
		w.Kind = "section"
		if s.inheritedGives(fd.Path) {
			w.Required = false
		}
		for i := range fields {
			sf := &fields[i]
			if strings.HasPrefix(sf.Path, fd.Path+".") {
				w.Children = append(w.Children, s.widgetOf(sf, f, eff))
			}
		}
	case scalar(fd.Kind):
		w.Kind, w.Type, w.Value = "input", "text", f.Text[fd.Path]
		switch fd.Kind {
		case property.KindPhone:
			w.Type, w.Auto = "tel", "tel"
		case property.KindEmail:
			w.Type, w.Auto = "email", "email"
		case property.KindURL:
			w.Type, w.Auto = "url", "url"
		case property.KindPostalCode:
			w.Mode, w.Auto = "numeric", "postal-code"
		case property.KindCount:
			w.Mode = "numeric"
		}
		if fd.Path == "property.address" {
			w.Auto = "street-address"
		}
		if fd.Kind != property.KindCount && fd.Max > 0 {
			w.Help = strings.TrimSpace(w.Help + " " + fmt.Sprintf(word("max", ui), fd.Max))
		}
		inherited(fd.Path)
	case fd.Kind == property.KindTexts:
		w.Kind = "texts"
		s.textInputs(w, fd.Path, fd, f.Texts[fd.Path], s.inheritedForm.Texts[fd.Path], eff, ui)
	case fd.Kind == property.KindTextList:
		w.Kind = "list"
		items := f.Lists[fd.Path]
		if len(items) == 0 {
			items = []string{""}
		}
		for k, v := range items {
			name := itemName(fd.Path, k)
			it := &widget{Kind: "input", Type: "text", Name: name, Post: fd.Path, ID: idOf(name), Value: v,
				Label: fmt.Sprintf(word("entrance", ui), k+1)}
			it.Remove = &button{Name: "do", Value: "remove:" + fd.Path + ":" + strconv.Itoa(k), Label: fmt.Sprintf(word("remove.entr", ui), k+1)}
			w.Children = append(w.Children, it)
		}
		if len(items) < fd.Max {
			w.Button = &button{Name: "do", Value: "add:" + fd.Path, Label: word("add.entrance", ui)}
		}
	case fd.Kind == property.KindLanguages:
		w.Kind, w.Name, w.ID = "languages", "language", idOf("language")
		w.HelpID = w.ID + "-help"
		for _, l := range s.langs {
			note := word("not.reviewed", ui)
			if l.Reviewed {
				note = word("reviewed", ui)
			}
			label := l.Name
			if l.EnglishName != "" && l.EnglishName != l.Name {
				label += " (" + l.EnglishName + ")"
			}
			w.Options = append(w.Options, option{Value: l.Code, Label: label, Note: note,
				Checked: len(eff.Languages) > 0 && eff.Languages[0] == l.Code})
			w.Children = append(w.Children, &widget{Kind: "check", Name: "languages", ID: idOf("languages-" + l.Code), Value: l.Code,
				Label: label, Note: note, Lang: l.Code, Dir: l.Direction,
				Checked: slices.Contains(eff.Languages[1:], l.Code)})
		}
	case fd.Kind == property.KindSteps:
		w.Kind = "steps"
		orders := [][]string{property.PolicySteps, {"knock", "others", "police"}}
		labels := []string{word("steps.police", ui), word("steps.knock", ui)}
		if !slices.ContainsFunc(orders, func(o []string) bool { return slices.Equal(o, eff.Steps) }) && len(eff.Steps) > 0 {
			orders = append(orders, eff.Steps)
			labels = append(labels, fmt.Sprintf(word("steps.other", ui), strings.Join(eff.Steps, ", ")))
		}
		for k, o := range orders {
			w.Options = append(w.Options, option{Value: strings.Join(o, ","), Label: labels[k], ID: w.ID + "-" + strconv.Itoa(k),
				Checked: slices.Equal(o, eff.Steps)})
		}
	case fd.Kind == property.KindSupportLines:
		w.Kind = "lines"
		ids := inOrder(helpline.IDs(), eff.Lines)
		for _, id := range ids {
			l, _ := helpline.Lookup(id)
			w.Options = append(w.Options, option{Value: id, Label: l.Name + " " + l.Number, ID: w.ID + "-" + id,
				Checked: slices.Contains(eff.Lines, id)})
		}
		w.Hidden = []hidden{{fd.Path + ".shown", "1"}, {fd.Path + ".order", strings.Join(ids, ",")}}
	case fd.Kind == property.KindLogo:
		w.Kind, w.Name, w.ID = "logo", fd.Path+".file", idOf(fd.Path+".file")
		w.HelpID = w.ID + "-help"
		w.Max = property.MaxLogoSize // the script sends a larger file's size alone
		if f.Logo != nil && f.Logo.Size > 0 {
			// Too large to send: its size is carried, so that the
			// problem stays until another logo is chosen or it is left
			// out.
			w.Hidden = []hidden{{fd.Path + ".size", strconv.FormatInt(f.Logo.Size, 10)}, {fd.Path + ".name", f.Logo.Name}}
		} else if f.Logo != nil {
			mime := "image/png"
			if logoFileName(f.Logo.Data) == "logo.jpg" {
				mime = "image/jpeg"
			}
			enc := base64.StdEncoding.EncodeToString(f.Logo.Data)
			w.Img = template.URL("data:" + mime + ";base64," + enc)
			w.Hidden = []hidden{{fd.Path + ".data", enc}, {fd.Path + ".name", f.Logo.Name}}
		}
		if s.defaults != nil && s.defaults.Values.Landlord.Logo != nil {
			w.Note = fmt.Sprintf(word("logo.inherited", ui), s.defaultsName)
		}
	case fd.Kind == property.KindContacts:
		w.Kind = "contacts"
		for _, c := range s.inheritedForm.Contacts {
			name := c.Text["name"]
			w.Options = append(w.Options, option{Value: name, Label: fmt.Sprintf(word("drop", ui), name),
				Note: c.Text["phone"], Checked: slices.Contains(f.Drop, name), ID: idOf("contacts-drop-" + name)})
		}
		if len(w.Options) > 0 {
			w.Legend = fmt.Sprintf(word("inherited.contacts", ui), s.defaultsName)
		}
		for k, c := range f.Contacts {
			cw := &widget{Kind: "contact", Name: "contacts[" + strconv.Itoa(k) + "]", Legend: fmt.Sprintf(word("contact", ui), k+1)}
			cw.ID = idOf(cw.Name)
			cw.Hidden = []hidden{{itemPath("contacts[].shown", k), "1"}}
			cw.Remove = &button{Name: "do", Value: "remove:contacts:" + strconv.Itoa(k), Label: fmt.Sprintf(word("remove.contact", ui), k+1)}
			for i := range fields {
				sf := &fields[i]
				if !sf.InList() || sf.Kind == property.KindRemove {
					continue
				}
				field := sf.Path[strings.LastIndex(sf.Path, ".")+1:]
				name := itemPath(sf.Path, k)
				sw := &widget{Name: name, ID: idOf(name), Label: sf.Label.In(ui), Help: sf.Help.In(ui), Required: sf.Required, Item: cw.Legend}
				sw.HelpID = sw.ID + "-help"
				if scalar(sf.Kind) {
					sw.Kind, sw.Type, sw.Value = "input", "text", c.Text[field]
					if sf.Kind == property.KindPhone {
						sw.Type, sw.Auto = "tel", "off"
					}
				} else {
					sw.Kind = "texts"
					s.textInputs(sw, name, sf, c.Texts[field], nil, eff, ui)
					for _, in := range sw.Children {
						in.Item = cw.Legend
					}
				}
				cw.Children = append(cw.Children, sw)
			}
			w.Children = append(w.Children, cw)
		}
		if len(f.Contacts)+len(s.inheritedForm.Contacts) < fd.Max {
			w.Button = &button{Name: "do", Value: "add:contacts", Label: word("add.contact", ui)}
		}
	}
	return w
}

// inheritedGives reports whether the defaults give any value in section.
func (s *Server) inheritedGives(section string) bool {
	for path := range s.inheritedForm.Text {
		if strings.HasPrefix(path, section+".") {
			return true
		}
	}
	return false
}

// textInputs makes a text given per language an input for each language
// the documents are printed in (and for any other the text is given in).
func (s *Server) textInputs(w *widget, name string, fd *property.Field, text, inherited map[string]string, eff values, ui string) {
	langs := slices.Clone(eff.Languages)
	for c := range text {
		if !slices.Contains(langs, c) {
			langs = append(langs, c)
		}
	}
	if fd.Max > 0 {
		w.Help = strings.TrimSpace(w.Help + " " + fmt.Sprintf(word("max", ui), fd.Max))
	}
	for _, code := range langs {
		in := name + "." + code
		it := &widget{Kind: "input", Type: "text", Name: in, ID: idOf(in), Value: text[code], Lang: code, Label: w.Label}
		if l, err := s.cfg.Texts.Load(code); err == nil {
			it.Dir = l.Direction
			if len(langs) > 1 {
				it.Label = w.Label + " " + fmt.Sprintf(word("in.lang", ui), l.Name)
			}
		}
		if v := inherited[code]; v != "" {
			it.Note = fmt.Sprintf(word("inherited", ui), fmt.Sprintf(word("inherited.from", ui), s.defaultsName), v)
		}
		w.Children = append(w.Children, it)
	}
}

// docWidgets are the choices of documents: sizes, documents in two
// languages, print sheets.
func (s *Server) docWidgets(f *form, eff values) []*widget {
	ui := f.UI
	var out []*widget
	for _, k := range kind.All {
		name := "doc." + k.Name + "-size"
		w := &widget{Kind: "choice", Name: name, ID: idOf(name), Label: word("size."+k.Name, ui)}
		w.Options = append(w.Options, option{Value: "", Label: word("size.default", ui), Checked: f.Docs.Sizes[k.Name] == ""})
		for _, size := range k.Sizes {
			w.Options = append(w.Options, option{Value: size, Label: size, Checked: f.Docs.Sizes[k.Name] == size})
		}
		out = append(out, w)
	}
	if len(eff.Languages) > 1 {
		for _, k := range kind.All {
			if k.Pair == nil {
				continue
			}
			name := "doc." + k.Name + "-langs"
			w := &widget{Kind: "choice", Name: name, ID: idOf(name), Label: word("pair."+k.Name, ui)}
			w.Options = append(w.Options, option{Value: "", Label: word("pair.none", ui), Checked: f.Docs.Pairs[k.Name] == ""})
			for i, a := range eff.Languages {
				for _, b := range eff.Languages[i+1:] {
					v := a + "," + b
					w.Options = append(w.Options, option{Value: v, Label: s.langName(a) + " + " + s.langName(b), Checked: f.Docs.Pairs[k.Name] == v})
				}
			}
			out = append(out, w)
		}
	}
	w := &widget{Kind: "choice", Name: "doc.sheets", ID: idOf("doc.sheets"), Label: word("sheets", ui)}
	for _, v := range []string{"", pipeline.SheetsOffice, pipeline.SheetsShop} {
		key := "sheets." + v
		if v == "" {
			key = "sheets.none"
		}
		w.Options = append(w.Options, option{Value: v, Label: word(key, ui), Checked: f.Docs.Sheets == v})
	}
	return append(out, w)
}

func (s *Server) langName(code string) string {
	if l, err := s.cfg.Texts.Load(code); err == nil {
		return l.Name
	}
	return code
}

// Described is the ids of what describes the input, for
// aria-describedby: its help, its note, its problems and warnings.
func (w *widget) Described() string {
	var ids []string
	if w.Help != "" {
		ids = append(ids, w.ID+"-help")
	}
	if w.Note != "" {
		ids = append(ids, w.ID+"-note")
	}
	if len(w.Problems) > 0 || len(w.Warnings) > 0 {
		ids = append(ids, w.ID+"-err")
	}
	return strings.Join(ids, " ")
}
