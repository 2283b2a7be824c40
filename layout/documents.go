package layout

import (
	"fmt"

	"huskurage/content"
)

// page is one page's drawing function; it reports whether the page's
// content fits above its footer.
type page func(b *builder, d *design, doc content.Document) bool

// Poster lays out the stairwell poster: one page with everything on it.
func Poster(doc content.Document, size string, m Measurer) (*Doc, error) {
	return lay("poster", size, doc, m, []page{posterPage})
}

// Leaflet lays out the door leaflet: what to do on the front, who to call
// and the landlord on the back.
func Leaflet(doc content.Document, size string, m Measurer) (*Doc, error) {
	return lay("leaflet", size, doc, m, []page{leafletFront, leafletBack})
}

func posterPage(b *builder, d *design, doc content.Document) bool {
	accent := Color(doc.Accent)
	x, w, gap := d.margin, d.w-2*d.margin, d.gap*b.k
	y := d.header(b, doc, accent, true)
	y = b.text(doc.Intro, d.body, x, y+gap, w)
	y = d.emergencyBox(b, doc, y+gap)
	y = d.steps(b, doc, accent, y+gap)
	// Below the steps, in two balanced columns: the child box, the lists
	// and the landlord.
	y = d.columns(b, []block{
		func(b *builder, x, y, w float64) float64 { return d.child(b, doc, accent, x, y, w) },
		func(b *builder, x, y, w float64) float64 {
			return d.section(b, doc.ContactsHeading, doc.Contacts, x, y, w)
		},
		func(b *builder, x, y, w float64) float64 { return d.support(b, doc, x, y, w) },
		func(b *builder, x, y, w float64) float64 { return d.landlord(b, doc, x, y, w) },
	}, y+gap)
	return y <= d.h-d.margin
}

func leafletFront(b *builder, d *design, doc content.Document) bool {
	accent := Color(doc.Accent)
	x, w, gap := d.margin, d.w-2*d.margin, d.gap*b.k
	y := d.header(b, doc, accent, false)
	y = b.text(doc.Intro, d.body, x, y+gap, w)
	y = d.emergencyBox(b, doc, y+gap)
	y = d.steps(b, doc, accent, y+gap)
	return y <= d.h-d.margin
}

func leafletBack(b *builder, d *design, doc content.Document) bool {
	accent := Color(doc.Accent)
	b.rect(0, 0, d.w, 4*d.s, 0, accent)
	y := d.child(b, doc, accent, d.margin, d.margin+2*d.s, d.w-2*d.margin)
	if len(doc.Contacts)+len(doc.Support) > 0 {
		y = d.lists(b, doc, d.margin, y+d.gap*b.k, d.w-2*d.margin)
	}
	return y+d.gap*b.k/2 <= d.footer(b, doc)
}

func lay(kind, size string, doc content.Document, m Measurer, pages []page) (*Doc, error) {
	d, err := newDesign(kind, size)
	if err != nil {
		return nil, err
	}
	run := func(k float64, dry bool) ([]*builder, bool) {
		bs := make([]*builder, len(pages))
		ok := true
		for i, p := range pages {
			bs[i] = &builder{m: m, dry: dry, k: k}
			if !p(bs[i], d, doc) || bs[i].tight != nil {
				ok = false
			}
		}
		return bs, ok
	}
	k, ok := fit(d.kmin, d.kmax, func(k float64) bool {
		_, fits := run(k, true)
		return fits
	})
	bs, _ := run(k, false)
	if !ok {
		for _, b := range bs {
			if b.tight != nil {
				return nil, b.tight
			}
		}
		all := &builder{lines: map[string]int{}}
		for _, b := range bs {
			for f, n := range b.lines {
				all.lines[f] += n
			}
		}
		field := all.biggestField()
		return nil, &FieldError{
			Field:   field,
			Problem: fmt.Sprintf("too much text to fit even at the smallest readable size (%g pt body text)", d.minBody),
			Hint:    "shorten the longest texts, list fewer contacts or support lines, or choose a larger size",
		}
	}
	out := &Doc{
		Kind: kind, Size: size, Lang: doc.Lang, Scale: k,
		Title: doc.MetaTitle, Subject: doc.MetaSubject, Author: doc.MetaAuthor,
		Logo: doc.Logo,
	}
	for _, b := range bs {
		if b.err != nil {
			return nil, b.err
		}
		out.Pages = append(out.Pages, Page{W: d.w, H: d.h, Items: b.items})
	}
	return out, nil
}
