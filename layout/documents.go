package layout

import (
	"errors"
	"math"
	"slices"
	"strings"

	"huskurage/content"
	"huskurage/property"
)

// page is one page's drawing function; it reports whether the page's
// content fits above its footer.
type page func(b *builder, d *design, doc content.Document) bool

// sheet is one page of a document with the words it says.
type sheet struct {
	draw page
	doc  content.Document
	// tried, when not nil, is told each scale the page was tried at
	// that it did not fit at; misses, when not nil, are scales the page
	// is known not to fit at without trying (see leaflet).
	tried  func(k float64)
	misses []float64
}

func sheets(doc content.Document, pages ...page) []sheet {
	out := make([]sheet, len(pages))
	for i, p := range pages {
		out[i] = sheet{draw: p, doc: doc}
	}
	return out
}

// tooMuchText reports whether err says that the text does not fit even
// at the smallest size, as opposed to a word too long for its space or
// another fault.
func tooMuchText(err error) bool {
	var fe *FieldError
	return errors.As(err, &fe) && strings.HasPrefix(fe.Problem, "too much text")
}

// orShorter lays out docs with lay, and when they hold too much text,
// again without their introductions: the one text that only explains,
// which the policy's steps, social services, contacts and support lines
// do not need. A document that does not fit even then is refused with
// the first error.
func orShorter(docs []content.Document, lay func(docs []content.Document) (*Doc, error)) (*Doc, error) {
	out, err := lay(docs)
	if !tooMuchText(err) {
		return out, err
	}
	short := make([]content.Document, len(docs))
	for i, d := range docs {
		d.Intro = content.Text{}
		short[i] = d
	}
	if out, err2 := lay(short); err2 == nil {
		out.WithoutIntro = true
		return out, nil
	}
	return nil, err
}

// Poster lays out the stairwell poster: one page with everything on it.
func Poster(doc content.Document, size string, m Measurer) (*Doc, error) {
	d, err := newDesign("poster", size)
	if err != nil {
		return nil, err
	}
	if doc.EasyRead {
		d.enlarge(easyReadScale)
		// Larger text with a sentence a line needs more room than an A4
		// page: on larger paper the text may go down to the A4 poster's
		// easy-to-read minimum, as it is read from the same distance.
		d.minBody = math.Min(d.minBody, posterMinBodyA4*easyReadScale)
		d.kmin = d.minBody / d.body.size
	}
	return orShorter([]content.Document{doc}, func(docs []content.Document) (*Doc, error) {
		return lay(d, docs[0], m, sheets(docs[0], posterPage))
	})
}

// Leaflet lays out the door leaflet: what to do on the front, who to call
// and the landlord on the back.
func Leaflet(doc content.Document, size string, m Measurer) (*Doc, error) {
	d, err := newDesign("leaflet", size)
	if err != nil {
		return nil, err
	}
	if doc.EasyRead {
		d.enlarge(easyReadScale)
	}
	if d.qrSize < leafletQRLarge {
		// A6: the larger code if the text fits with it.
		large := *d
		large.qrSize = leafletQRLarge
		if out, err := leaflet(&large, doc, m); !tooMuchText(err) {
			return out, err
		}
	}
	return leaflet(d, doc, m)
}

func leaflet(d *design, doc content.Document, m Measurer) (*Doc, error) {
	return orShorter([]content.Document{doc}, func(docs []content.Document) (*Doc, error) {
		// Social services, the policy's last part, goes on the front
		// with the steps when the two pages then get text at least as
		// large; else on the back, before the lists, so that a front
		// with little to say is not left half empty.
		//
		// The front with social services wins only with a scale at
		// least alone's less 0.01, and a document's scale is its
		// smallest page's: so the other is laid out first, and the
		// front with social services is given up as soon as one of its
		// pages is set smaller than that. Usually it is (0.93 against
		// 1.18 for a generated property's A5 leaflet), and its back,
		// the lists, was a fifth of a batch's CPU time.
		//
		// The front with social services is the front with the box
		// below the steps: it does not fit at a scale the front alone
		// did not fit at (its box ends lower), so it is not tried there
		// again. Both are first tried at the largest scale, which a
		// front that shrinks did not fit at.
		alone := sheets(docs[0], leafletFront, leafletBack)
		var misses []float64
		alone[0].tried = func(k float64) { misses = append(misses, k) }
		aloneDoc, err2 := lay(d, docs[0], m, alone)
		floor := 0.0
		if err2 == nil {
			floor = aloneDoc.Scale - 0.01
		}
		withChild := sheets(docs[0], leafletFrontWithChild, leafletBackLists)
		withChild[0].misses = misses
		withChildDoc, err := layAbove(d, docs[0], m, withChild, floor)
		switch {
		case err != nil:
			return aloneDoc, err2
		case err2 != nil || withChildDoc.Scale >= aloneDoc.Scale-0.01:
			return withChildDoc, nil
		}
		return aloneDoc, nil
	})
}

// errBelow is layAbove's answer for a page set smaller than its floor.
var errBelow = errors.New("a page is set below the floor")

// front draws what every front says: the header, the introduction, 112
// and the steps; withQR puts the QR code in the header. It returns the y
// below the steps.
func (d *design) front(b *builder, doc content.Document, withQR bool) float64 {
	accent := Color(doc.Accent)
	x, w, gap := d.margin, d.w-2*d.margin, d.gap*b.k
	y := d.header(b, doc, accent, withQR)
	y = b.text(doc.Intro, d.body, x, y+gap, w)
	y = d.emergencyBox(b, doc, y+gap)
	return d.steps(b, doc, accent, x, y+gap, w)
}

func posterPage(b *builder, d *design, doc content.Document) bool {
	accent := Color(doc.Accent)
	gap := d.gap * b.k
	y := d.front(b, doc, true)
	// Below the steps, in two balanced columns: the child box, the lists
	// and the landlord.
	blocks := []block{{draw: func(b *builder, x, y, w float64) float64 { return d.child(b, doc, accent, x, y, w) }}}
	if len(doc.Contacts) > 0 {
		blocks = append(blocks, d.listBlock(doc.ContactsHeading, doc.Contacts, content.Text{}))
	}
	if len(doc.Support) > 0 {
		blocks = append(blocks, d.listBlock(doc.SupportHeading, doc.Support, doc.SupportNote))
	}
	blocks = append(blocks, block{draw: func(b *builder, x, y, w float64) float64 { return d.landlord(b, doc, x, y, w) }})
	y = d.columns(b, blocks, y+gap, d.h-d.margin)
	return y <= d.h-d.margin
}

func leafletFront(b *builder, d *design, doc content.Document) bool {
	return d.front(b, doc, false) <= d.h-d.margin
}

func leafletFrontWithChild(b *builder, d *design, doc content.Document) bool {
	y := d.front(b, doc, false)
	y = d.child(b, doc, Color(doc.Accent), d.margin, y+d.gap*b.k, d.w-2*d.margin)
	return y <= d.h-d.margin
}

func leafletBack(b *builder, d *design, doc content.Document) bool {
	return d.back(b, doc, true)
}

func leafletBackLists(b *builder, d *design, doc content.Document) bool {
	return d.back(b, doc, false)
}

// back draws a leaflet's back: the box about social services when
// withChild, the lists, and the landlord and QR code at the foot.
func (d *design) back(b *builder, doc content.Document, withChild bool) bool {
	accent := Color(doc.Accent)
	b.rect(0, 0, d.w, 4*d.s, 0, accent)
	y := d.margin + 2*d.s
	if withChild {
		y = d.child(b, doc, accent, d.margin, y, d.w-2*d.margin) + d.gap*b.k
	}
	if len(doc.Contacts)+len(doc.Support) > 0 {
		y = d.lists(b, doc, d.margin, y, d.w-2*d.margin)
	}
	return y+d.gap*b.k/2 <= d.footer(b, doc)
}

// lay lays out the pages of one document, each at the largest text scale
// at which it fits, so that a page with less to say (a leaflet's front)
// is set larger instead of leaving an empty band; doc gives the
// document's language and metadata. Each page is set in the direction of
// its own words.
func lay(d *design, doc content.Document, m Measurer, pages []sheet) (*Doc, error) {
	return layAbove(d, doc, m, pages, 0)
}

// layAbove is lay, which gives up with errBelow as soon as a page's
// scale is less than floor: the document would lose to another.
func layAbove(d *design, doc content.Document, m Measurer, pages []sheet, floor float64) (*Doc, error) {
	// The structure: the pages' nodes in order under the document's;
	// when the pages are in different languages (a leaflet with one on
	// each side), each page is a Part in its own.
	//
	// The tree is made when the first page is drawn: a builder that only
	// measures adds no nodes, and a document given up while its pages
	// are tried (errBelow, as a leaflet's front with social services
	// usually is) never needed the 80 nodes a tree starts with.
	var t *tree
	sides := false
	for _, p := range pages {
		sides = sides || p.doc.Lang != doc.Lang
	}
	// room is the items the page last found to fit held, and a few
	// more for the panels drawn under measured text (see measured): the
	// page is drawn at the scale it last fit at, and its items, a few
	// hundred bytes each, were a third of a leaflet's garbage when
	// grown from none.
	room := 0
	draw := func(i int, k float64, dry bool) (*builder, bool) {
		p := pages[i]
		b := &builder{m: m, dry: dry, fitting: dry, k: k, rtl: p.doc.Direction == "rtl", lang: p.doc.Lang, easy: p.doc.EasyRead}
		if !dry {
			b.items = make([]Item, 0, room+8)
			if t == nil {
				t = newTree(doc.Lang)
			}
			b.tree = t
		}
		if sides {
			b.at = b.open(Node{Role: RolePart, Lang: p.doc.Lang})
		}
		fits := p.draw(b, d, p.doc)
		return b, fits && b.tight == nil
	}
	out := &Doc{
		Kind: d.kind, Size: d.size, Lang: doc.Lang, Scale: d.kmax,
		Title: doc.MetaTitle, Subject: doc.MetaSubject, Author: doc.MetaAuthor,
		Logo: doc.Logo,
	}
	for i := range pages {
		k, ok, below := fitAbove(d.kmin, d.kmax, floor, func(k float64) bool {
			if slices.Contains(pages[i].misses, k) {
				return false
			}
			b, fits := draw(i, k, true)
			if fits {
				room = b.skipped
			}
			if !fits && pages[i].tried != nil {
				pages[i].tried(k)
			}
			return fits
		})
		if below {
			return nil, errBelow
		}
		b, fits := draw(i, k, false)
		if !ok || !fits {
			if b.tight != nil {
				return nil, b.tight
			}
			problem := property.Textf("too much text to fit even at the smallest readable size (%.3g pt body text)", d.minBody)
			if len(pages) > 1 {
				switch {
				case pages[0].doc.Lang != pages[len(pages)-1].doc.Lang:
					problem = property.Textf("too much text on the side in %s to fit even at the smallest readable size (%.3g pt body text)", pages[i].doc.Lang, d.minBody)
				case i == 0:
					problem = property.Textf("too much text on the front to fit even at the smallest readable size (%.3g pt body text)", d.minBody)
				default:
					problem = property.Textf("too much text on the back to fit even at the smallest readable size (%.3g pt body text)", d.minBody)
				}
			}
			return nil, newFieldError(b.biggestField(), problem,
				property.Textf("shorten the longest texts, list fewer contacts or support lines, or choose a larger size"))
		}
		if b.err != nil {
			return nil, b.err
		}
		out.Scale = math.Min(out.Scale, k)
		if b.lang != doc.Lang {
			tagLang(b.items, b.lang) // the back of a leaflet with a language on each side
		}
		page := Page{W: d.w, H: d.h, Items: b.items}
		if b.rtl {
			page = mirror(page)
		}
		out.Pages = append(out.Pages, page)
	}
	if t == nil {
		t = newTree(doc.Lang) // no pages
	}
	out.Nodes = t.done()
	return out, nil
}

// mirror turns a page laid out left to right into its right-to-left
// form: every box moves to the mirrored place, so lines that started at
// the left edge of their column now end at its right edge, icons and
// numbers change sides, and the reading order of the page follows the
// language. Text itself is not flipped: its glyphs are already in the
// order they are seen.
func mirror(p Page) Page {
	return Page{W: p.W, H: p.H, Items: mirrorItems(p.Items, p.W)}
}

// mirrorItems mirrors items across the middle of a page of width pw,
// in place: the items of a page or part laid out left to right are not
// used again.
func mirrorItems(items []Item, pw float64) []Item {
	for i := range items {
		it := &items[i]
		switch it.Kind {
		case KindCircle:
			it.X = round(pw - it.X)
		case KindLine, KindPoly:
			// New points: an item's points may be shared (an icon's).
			pts := make([]Point, len(it.Points))
			for j, pt := range it.Points {
				pts[j] = Point{X: round(pw - pt.X), Y: pt.Y}
			}
			it.Points = pts
		default: // rect, text, image, qr: X is the left edge, W the width
			it.X = round(pw - it.X - it.W)
		}
	}
	return items
}
