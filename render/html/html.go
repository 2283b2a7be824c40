package html

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"slices"
	"strings"

	"huskurage/layout"
)

var (
	//go:embed page.tmpl
	pageTemplate string
	//go:embed page.css
	pageCSS string

	tmpl = template.Must(template.New("page").Parse(pageTemplate))
)

// Renderer is the web page backend. It is safe for concurrent use.
type Renderer struct{}

// New returns the web page backend.
func New() *Renderer { return &Renderer{} }

// Ext returns ".html".
func (*Renderer) Ext() string { return ".html" }

// PerPage is false: a page holds the whole document.
func (*Renderer) PerPage() bool { return false }

// Render writes d to w as one web page.
func (r *Renderer) Render(w io.Writer, d *layout.Doc) error {
	b, err := r.Bytes(d)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Bytes returns d as a web page.
func (r *Renderer) Bytes(d *layout.Doc) ([]byte, error) {
	if len(d.Nodes) == 0 {
		return nil, fmt.Errorf("render %s as a web page: the layout has no structure", d.Kind)
	}
	w, err := newWalker(d)
	if err != nil {
		return nil, fmt.Errorf("render %s as a web page: %w", d.Kind, err)
	}
	p := page{Lang: d.Lang, Dir: direction(d.Lang), Title: d.Title, Description: d.Subject, Author: d.Author}
	p.Blocks = w.kids(0, d.Lang, p.Dir, noBackdrop)
	if w.err != nil {
		return nil, fmt.Errorf("render %s as a web page: %w", d.Kind, w.err)
	}
	p.Style = template.CSS(pageCSS + w.styles.css(w.langs))
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, p); err != nil {
		return nil, fmt.Errorf("render %s as a web page: %w", d.Kind, err)
	}
	return buf.Bytes(), nil
}

// page is what the template makes a page of.
type page struct {
	Lang, Dir, Title, Description, Author string
	Style                                 template.CSS
	Blocks                                []*block
}

// block is an element of the page.
type block struct {
	// Tag names the element: h1, h2, h3, p, th and td hold Text; div,
	// section, ol, ul, li, table and tr hold Kids; img and svg are
	// pictures; link is a paragraph with a link to Href that holds Kids
	// (the QR code) and says Href.
	Tag              string
	Lang, Dir, Class string
	Role             string
	Text             []span
	Kids             []*block
	// A picture: img's Src and size in pixels, svg's ViewBox and
	// drawing; Alt is "" for a picture that says nothing the text
	// beside it does not.
	Src     template.URL
	W, H    int
	ViewBox string
	SVG     template.HTML
	Alt     string
	Href    string
}

// span is a piece of a text: a phone number when Tel is set (its tel:
// link), a number read left to right in right-to-left text when LTR is.
type span struct {
	S   string
	Tel template.URL
	LTR bool
}

// walker makes the blocks of a document's structure.
type walker struct {
	d      *layout.Doc
	parent []int
	styles *styles
	langs  []string // the languages of the page, its own first
	err    error
}

func newWalker(d *layout.Doc) (*walker, error) {
	w := &walker{d: d, parent: make([]int, len(d.Nodes)), langs: []string{d.Lang}}
	w.parent[0] = -1
	seen := make([]bool, len(d.Nodes))
	for i, n := range d.Nodes {
		for _, k := range n.Kids {
			if k <= 0 || k >= len(d.Nodes) || seen[k] {
				return nil, fmt.Errorf("structure node %d has a kid %d that is not a node of its own", i, k)
			}
			seen[k] = true
			w.parent[k] = i
		}
		if n.Lang != "" && !slices.Contains(w.langs, n.Lang) {
			w.langs = append(w.langs, n.Lang)
		}
	}
	slices.Sort(w.langs[1:])
	w.styles = newStyles(d, w.parent)
	return w, nil
}

// kids returns the blocks of node n's kids, in a language and direction,
// on a backdrop: kids that stand on another band or panel are put
// together on it.
func (w *walker) kids(n int, lang, dir string, backdrop int) []*block {
	var out []*block
	kids := w.d.Nodes[n].Kids
	for i := 0; i < len(kids); {
		bd := w.styles.backdropOf[kids[i]]
		j := i + 1
		for j < len(kids) && w.styles.backdropOf[kids[j]] == bd {
			j++
		}
		on := backdrop
		if bd > noBackdrop {
			on = bd
		}
		var group []*block
		for _, k := range kids[i:j] {
			group = append(group, w.node(k, lang, dir, on)...)
		}
		switch {
		case on == backdrop || len(group) == 0:
			out = append(out, group...)
		case len(group) == 1:
			group[0].Class = strings.TrimSpace(group[0].Class + " " + backdropClass(on))
			out = append(out, group[0])
		default:
			out = append(out, &block{Tag: "div", Class: backdropClass(on), Kids: group})
		}
		i = j
	}
	return out
}

// node returns the blocks of node n: one, or none for a node that says
// nothing.
func (w *walker) node(n int, lang, dir string, backdrop int) []*block {
	nd := w.d.Nodes[n]
	b := &block{}
	if nd.Lang != "" && nd.Lang != lang {
		b.Lang, lang = nd.Lang, nd.Lang
		if d := direction(lang); d != dir {
			b.Dir, dir = d, d
		}
	}
	text := nd.Text != ""
	switch nd.Role {
	case layout.RoleH1, layout.RoleH2, layout.RoleH3:
		b.Tag = strings.ToLower(nd.Role)
	case layout.RoleTH, layout.RoleTD:
		b.Tag = strings.ToLower(nd.Role)
	case layout.RoleSect:
		b.Tag = "section"
	case layout.RoleL:
		b.Tag = "ul"
		if nd.Numbered {
			b.Tag = "ol"
		}
	case layout.RoleLI:
		b.Tag = "li"
		if w.hasIcon(n) {
			// The icon beside the text; a list styled without
			// markers keeps its role in every browser.
			b.Class = "icon"
		}
	case layout.RoleTable:
		b.Tag = "table"
	case layout.RoleTR:
		b.Tag = "tr"
	case layout.RoleFigure:
		return w.figure(n, b)
	case layout.RoleLink:
		if nd.URI == "" {
			b.Tag = "div" // a link to nowhere: what it holds
			break
		}
		b.Tag, b.Href, b.Class = "link", nd.URI, "qr"
		for _, k := range nd.Kids {
			b.Kids = append(b.Kids, w.node(k, lang, dir, backdrop)...)
		}
		return []*block{b}
	default: // Part, Div, Lbl, LBody, P and any role to come
		b.Tag = "div"
		if text {
			b.Tag = "p"
		}
	}
	if b.Tag == "ul" || b.Tag == "ol" {
		b.Role = "list"
	}
	if text {
		b.Text = spans(nd, dir == "rtl")
		b.Class = w.styles.class(n)
		if len(nd.Kids) == 0 {
			return []*block{b}
		}
		// Text and more: the text first, then the rest, together.
		return []*block{{Tag: "div", Lang: b.Lang, Dir: b.Dir,
			Kids: append([]*block{{Tag: b.Tag, Class: b.Class, Text: b.Text}}, w.kids(n, lang, dir, backdrop)...)}}
	}
	if b.Tag == "h1" || b.Tag == "h2" || b.Tag == "h3" || b.Tag == "th" || b.Tag == "td" {
		b.Tag = "div" // a heading without words
	}
	b.Kids = w.kids(n, lang, dir, backdrop)
	if len(b.Kids) == 0 {
		return nil
	}
	return []*block{b}
}

// spans returns node nd's text, its phone numbers as tel: links; in
// right-to-left text (rtl), its other numbers of several groups too are
// set apart to be read left to right.
func spans(nd layout.Node, rtl bool) []span {
	if nd.Tel != "" {
		return []span{{S: nd.Text, Tel: telURL(nd.Tel)}}
	}
	var out []span
	add := func(s string) {
		if !rtl {
			out = append(out, span{S: whole(s)})
			return
		}
		for s != "" {
			at := groups.FindStringIndex(s)
			if at == nil {
				out = append(out, span{S: s})
				return
			}
			if at[0] > 0 {
				out = append(out, span{S: s[:at[0]]})
			}
			out = append(out, span{S: whole(s[at[0]:at[1]]), LTR: true})
			s = s[at[1]:]
		}
	}
	rest := nd.Text
	for _, num := range nd.Tels {
		before, after, ok := strings.Cut(rest, num)
		if !ok {
			continue
		}
		add(before)
		out = append(out, span{S: num, Tel: telURL(num)})
		rest = after
	}
	add(rest)
	return out
}

// groups finds a number of several groups: "2026-11-25", "449 30",
// "8–16". In right-to-left text the bidi algorithm would show its groups
// in the other order, "25-11-2026", after an Arabic letter (which makes
// the digits Arabic numbers, whose separators are neutral).
var groups = regexp.MustCompile(`[0-9]+(?:[ \x{a0}\-\x{2013}./:][0-9]+)+`)

// whole keeps the numbers of s whole on a line, as the print does: a
// space between two digits ("449 30") becomes a no-break space. (A
// phone number's link is kept whole by the page's style.)
func whole(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	var out []byte
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ' ' && i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]) {
			out = append(out, "\u00a0"...)
			continue
		}
		out = append(out, s[i])
	}
	return string(out)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// telURL returns the tel: link of a number as printed: its digits, and a
// leading + (RFC 3966 allows visual separators, but not every phone
// dials a link with spaces in it).
func telURL(number string) template.URL {
	var b strings.Builder
	b.WriteString("tel:")
	for i, r := range number {
		if r >= '0' && r <= '9' || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	// Only digits and a plus: safe in an href.
	return template.URL(b.String())
}

// hasIcon reports whether list item n has a picture in its label.
func (w *walker) hasIcon(n int) bool {
	for _, k := range w.d.Nodes[n].Kids {
		if w.d.Nodes[k].Role != layout.RoleLbl {
			continue
		}
		for _, f := range w.d.Nodes[k].Kids {
			if w.d.Nodes[f].Role == layout.RoleFigure {
				return true
			}
		}
	}
	return false
}

// figure returns the picture of Figure node n: the logo, the QR code or
// an icon.
func (w *walker) figure(n int, b *block) []*block {
	nd := w.d.Nodes[n]
	b.Alt = nd.Alt
	if w.saidBeside(n) {
		b.Alt = ""
	}
	for _, p := range w.d.Pages {
		for _, it := range p.Items {
			if it.Node != n {
				continue
			}
			switch it.Kind {
			case layout.KindImage:
				logo := w.d.Logo
				if logo == nil {
					w.fail(fmt.Errorf("the layout places a logo but the document has none"))
					return nil
				}
				mime := "image/png"
				if logo.Format == "JPEG" {
					mime = "image/jpeg"
				}
				b.Tag, b.Class, b.W, b.H = "img", "logo", logo.Width, logo.Height
				// Our own bytes, base64: safe in a src.
				b.Src = template.URL("data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(logo.Data))
				return []*block{b}
			case layout.KindQR:
				size, shapes, err := qrCode(it)
				if err != nil {
					w.fail(err)
					return nil
				}
				// The link around it says where it goes.
				b.Tag, b.Alt, b.ViewBox, b.SVG = "svg", "", fmt.Sprintf("0 0 %d %d", size, size), template.HTML(shapes)
				return []*block{b}
			}
		}
	}
	box, shapes, ok := w.styles.icon(n)
	if !ok {
		return nil
	}
	// Numbers and colours of our own: safe as HTML.
	b.Tag, b.ViewBox, b.SVG = "svg", box, template.HTML(shapes)
	return []*block{b}
}

// saidBeside reports whether what Figure n shows is said in words beside
// it, in its list item or section: the step's title beside its icon, the
// landlord's name beside the logo. Its picture then says nothing more.
func (w *walker) saidBeside(n int) bool {
	alt := w.d.Nodes[n].Alt
	scope := w.parent[n]
	if scope > 0 && w.d.Nodes[scope].Role == layout.RoleLbl {
		scope = w.parent[scope]
	}
	if alt == "" || scope < 0 {
		return alt == ""
	}
	var said func(k int) bool
	said = func(k int) bool {
		if k != n && w.d.Nodes[k].Text == alt {
			return true
		}
		return slices.ContainsFunc(w.d.Nodes[k].Kids, said)
	}
	return said(scope)
}

func (w *walker) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}
