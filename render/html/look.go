package html

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"huskurage/layout"
	"huskurage/typeset"
)

// The page looks like the print in one column. What each text looks like
// is read from its first line on the page: its size relative to the body
// text of that page, its weight and its colour. What it stands on is
// the smallest band, panel or disc that the page draws under it.

// look is how a text is set.
type look struct {
	size  float64 // relative to the body text, in steps of 0.05
	bold  bool
	color layout.Color
}

// where names an item: its page and its place in the page's items.
type where struct{ page, item int }

// Backdrop values besides an index into styles.backdrops.
const (
	noBackdrop    = 0  // white paper
	mixedBackdrop = -1 // a node whose items stand on different ones
	unset         = -2 // a node with no item
)

// styles are the looks and backdrops of one document.
type styles struct {
	d *layout.Doc
	// body is, per page, the size of its body text: the size that sets
	// the most letters.
	body []float64
	// first is, per node, its own first text item.
	first map[int]where
	// looks are the looks in use, in the order first used; lookOf, per
	// node with text, an index into them.
	looks  []look
	lookOf map[int]int
	// backdrops are the decorations that text stands on, in the order
	// first seen (index 0 is the paper); backdropOf is, per node, the
	// backdrop all its items stand on (or mixedBackdrop or unset).
	backdrops  []where
	bdIndex    map[where]int
	backdropOf []int
}

func newStyles(d *layout.Doc, parent []int) *styles {
	s := &styles{d: d, first: map[int]where{}, lookOf: map[int]int{}, bdIndex: map[where]int{},
		backdrops: []where{{-1, -1}}, backdropOf: make([]int, len(d.Nodes))}
	for i := range s.backdropOf {
		s.backdropOf[i] = unset
	}
	for pi, p := range d.Pages {
		letters := map[float64]int{}
		best := 0.0
		for _, it := range p.Items {
			if it.Kind != layout.KindText || it.Node == 0 {
				continue
			}
			for _, r := range it.Runs {
				letters[it.Size] += len([]rune(r.Text))
			}
			if n := letters[it.Size]; n > letters[best] || (n == letters[best] && it.Size < best) {
				best = it.Size
			}
		}
		s.body = append(s.body, best)
		for ii, it := range p.Items {
			if it.Node <= 0 || it.Node >= len(d.Nodes) {
				continue
			}
			if it.Kind == layout.KindText {
				if _, ok := s.first[it.Node]; !ok {
					s.first[it.Node] = where{pi, ii}
				}
			}
			if it.Kind != layout.KindText && it.Kind != layout.KindImage && it.Kind != layout.KindQR {
				continue // an icon's drawing, which draws its own disc
			}
			bd := noBackdrop
			if w, ok := s.under(pi, ii, it.Bounds(), false); ok {
				if bd, ok = s.bdIndex[w]; !ok {
					bd = len(s.backdrops)
					s.bdIndex[w] = bd
					s.backdrops = append(s.backdrops, w)
				}
			}
			for n := it.Node; n >= 0; n = parent[n] {
				switch s.backdropOf[n] {
				case unset:
					s.backdropOf[n] = bd
				case bd, mixedBackdrop:
				default:
					s.backdropOf[n] = mixedBackdrop
				}
			}
		}
	}
	return s
}

// under returns the decoration that box, drawn as item ii of page pi,
// stands on: the smallest filled rectangle (or, with discs, circle)
// drawn before it that covers it.
func (s *styles) under(pi, ii int, box layout.Box, discs bool) (where, bool) {
	p := s.d.Pages[pi]
	best, area := -1, math.Inf(1)
	for j := ii - 1; j >= 0; j-- {
		it := p.Items[j]
		if it.Node != 0 || it.Fill == nil || (it.Kind != layout.KindRect && (it.Kind != layout.KindCircle || !discs)) {
			continue
		}
		b := it.Bounds()
		const slack = 0.1 // mm
		if b.X0 > box.X0+slack || b.Y0 > box.Y0+slack || b.X1 < box.X1-slack || b.Y1 < box.Y1-slack {
			continue
		}
		if a := (b.X1 - b.X0) * (b.Y1 - b.Y0); a < area {
			best, area = j, a
		}
	}
	return where{pi, best}, best >= 0
}

// class returns the class of node n's text look, or "" when it has no
// text of its own on a page.
func (s *styles) class(n int) string {
	w, ok := s.first[n]
	if !ok {
		return ""
	}
	i, ok := s.lookOf[n]
	if !ok {
		it := s.d.Pages[w.page].Items[w.item]
		l := look{bold: it.Font == typeset.Bold, color: *cmpColor(it.Fill, layout.Color{0x1a, 0x1a, 0x1a})}
		if body := s.body[w.page]; body > 0 {
			l.size = math.Min(math.Max(math.Round(it.Size/body*20)/20, minSize), maxSize)
		}
		i = -1
		for j, o := range s.looks {
			if o == l {
				i = j
			}
		}
		if i < 0 {
			i = len(s.looks)
			s.looks = append(s.looks, l)
		}
		s.lookOf[n] = i
	}
	return "t" + strconv.Itoa(i)
}

func cmpColor(c *layout.Color, def layout.Color) *layout.Color {
	if c == nil {
		return &def
	}
	return c
}

// backdropClass returns the class of backdrop bd, "" for the paper.
func backdropClass(bd int) string {
	if bd <= noBackdrop {
		return ""
	}
	return "bd b" + strconv.Itoa(bd)
}

// Sizes are kept within these, relative to the body text: the 112 of a
// poster is 4 times the body text, which on a phone is all a line holds.
const minSize, maxSize = 0.85, 3

// css returns the rules of the looks and backdrops in use, and the font
// stacks of the languages langs (sorted, the page's first).
func (s *styles) css(langs []string) string {
	var b strings.Builder
	for _, l := range langs {
		if stack := fontStack(l); stack != "" {
			fmt.Fprintf(&b, ":lang(%s){font-family:%s", cssIdent(l), stack)
			if script(l) == "Arab" {
				// Arabic's marks reach above and below the Latin lines.
				b.WriteString(";line-height:1.7")
			}
			b.WriteString("}\n")
		}
	}
	for i, l := range s.looks {
		fmt.Fprintf(&b, ".t%d{font-size:%srem;color:%s", i, strconv.FormatFloat(l.size, 'f', -1, 64), hex(l.color))
		if l.bold {
			b.WriteString(";font-weight:700")
		} else {
			b.WriteString(";font-weight:400")
		}
		b.WriteString("}\n")
	}
	for i, w := range s.backdrops[1:] {
		it := s.d.Pages[w.page].Items[w.item]
		bg := *it.Fill
		fmt.Fprintf(&b, ".b%d{background:%s;color:%s", i+1, hex(bg), hex(textOn(bg)))
		if it.Radius == 0 && it.Kind == layout.KindRect {
			b.WriteString(";border-radius:0")
		}
		b.WriteString("}\n")
	}
	return b.String()
}

// textOn returns the colour of text without a look of its own on bg:
// white or the print's ink, whichever stands out more.
func textOn(bg layout.Color) layout.Color {
	white, ink := layout.Color{0xff, 0xff, 0xff}, layout.Color{0x1a, 0x1a, 0x1a}
	if contrast(white, bg) >= contrast(ink, bg) {
		return white
	}
	return ink
}

// contrast is WCAG 2's contrast ratio of two colours.
func contrast(a, b layout.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c layout.Color) float64 {
	lin := func(v uint8) float64 {
		f := float64(v) / 255
		if f <= 0.04045 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c[0]) + 0.7152*lin(c[1]) + 0.0722*lin(c[2])
}

func hex(c layout.Color) string { return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2]) }

// cssIdent makes a language tag safe in a selector: letters, digits and
// hyphens, which is all a tag has.
func cssIdent(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return -1
	}, s)
}

// Font stacks: the system's own fonts, which every phone and computer has
// for these scripts (Noto on Android and Linux, the Apple fonts on iOS
// and macOS, Segoe UI, Ebrima and Nyala on Windows), so that the page
// fetches none. Embedding ours would add 200–450 KB a script to a page
// read on a phone, and a subset would have to keep the OpenType tables
// that Arabic shaping needs.
const (
	latinStack    = `system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif`
	arabicStack   = `"Noto Sans Arabic","Segoe UI","Geeza Pro","SF Arabic",Tahoma,"DejaVu Sans",system-ui,sans-serif`
	ethiopicStack = `"Noto Sans Ethiopic",Kefa,Ebrima,Nyala,"Abyssinica SIL",system-ui,sans-serif`
)

// fontStack returns the font stack of language tag l's script; "" for
// the Latin and Cyrillic scripts, which the page's stack has.
func fontStack(l string) string {
	switch script(l) {
	case "Arab":
		return arabicStack
	case "Ethi":
		return ethiopicStack
	}
	return ""
}

// script returns the ISO 15924 code of the script that language tag l is
// written in, as CLDR's likely subtags say ("ckb" is Arab, "ti" Ethi).
func script(l string) string {
	t, err := language.Parse(l)
	if err != nil {
		return ""
	}
	s, _ := t.Script()
	return s.String()
}

// direction returns the direction of language tag l: "rtl" for the
// scripts written right to left, else "ltr".
func direction(l string) string {
	switch script(l) {
	case "Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr":
		return "rtl"
	}
	return "ltr"
}
