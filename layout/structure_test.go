package layout

import (
	"strings"
	"testing"

	"huskurage/content"
)

// preorder returns the roles of d's nodes in reading order, depth first.
func preorder(d *Doc) []string {
	var out []string
	var walk func(n int)
	walk = func(n int) {
		out = append(out, d.Nodes[n].Role)
		for _, k := range d.Nodes[n].Kids {
			walk(k)
		}
	}
	walk(0)
	return out
}

// The leaflet's structure: every text line and the QR code belong to a
// node, bands and panels to none; each node holds its whole text; the
// steps are a numbered list whose labels are the icons, figures that
// say their step; the QR code is a link with a figure that says where.
func TestLeafletStructure(t *testing.T) {
	d := doc()
	d.QRAlt = "QR-kod: öppnar https://example.org/h"
	out, err := Leaflet(d, "A5", fake{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Nodes) == 0 || out.Nodes[0].Role != RoleDocument {
		t.Fatalf("no structure: %+v", out.Nodes)
	}
	texts := map[int][]string{}
	for pi, p := range out.Pages {
		for _, it := range p.Items {
			switch it.Kind {
			case KindText, KindQR, KindImage:
				if it.Node <= 0 || it.Node >= len(out.Nodes) {
					t.Errorf("page %d: %s %s belongs to no node", pi+1, it.Kind, describe(it))
				}
			case KindRect: // a panel, or a part of an icon's drawing
				if it.Node != 0 && out.Nodes[it.Node].Role != RoleFigure {
					t.Errorf("page %d: a panel belongs to node %d (%s), want decoration", pi+1, it.Node, out.Nodes[it.Node].Role)
				}
			}
			if it.Kind == KindText {
				s := ""
				for _, r := range it.Runs {
					s += r.Text
				}
				texts[it.Node] = append(texts[it.Node], s)
			}
		}
	}
	for n, lines := range texts {
		node := out.Nodes[n]
		if node.Text != "" && strings.Join(lines, " ") != node.Text {
			t.Errorf("node %d (%s): text %q, its lines say %q", n, node.Role, node.Text, strings.Join(lines, " "))
		}
	}
	roles := strings.Join(preorder(out), " ")
	for _, want := range []string{
		"Document H1 P P P Div P P P H2 L LI Lbl Figure LBody H3 P LI Lbl Figure LBody H3 P LI Lbl Figure LBody H3 P",
		"Link Figure P",
	} {
		if !strings.Contains(roles, want) {
			t.Errorf("the structure's roles in reading order:\n%s\nlack %q", roles, want)
		}
	}
	var alts []string
	for _, n := range out.Nodes {
		switch n.Role {
		case RoleL:
			if n.Numbered != (len(n.Kids) == len(d.Steps) && out.Nodes[out.Nodes[n.Kids[0]].Kids[0]].Role == RoleLbl && len(out.Nodes[out.Nodes[n.Kids[0]].Kids[0]].Kids) > 0) {
				t.Errorf("list %+v: only the steps are numbered", n)
			}
		case RoleFigure:
			alts = append(alts, n.Alt)
		case RoleLink:
			if n.URI != d.QRURL.S || n.Alt != d.QRAlt {
				t.Errorf("link %+v, want %q described %q", n, d.QRURL.S, d.QRAlt)
			}
		}
	}
	want := []string{d.Steps[0].Title.S, d.Steps[1].Title.S, d.Steps[2].Title.S, d.QRAlt}
	if strings.Join(alts, "|") != strings.Join(want, "|") {
		t.Errorf("figures say %q, want %q", alts, want)
	}
}

// A right-to-left page is read in the same order as a left-to-right one,
// though mirrored; on a bilingual poster the first language comes first
// in every band, each part in another language marked with it.
func TestStructureOrderByLanguage(t *testing.T) {
	ltr := doc()
	rtl := doc()
	rtl.Direction, rtl.Lang = "rtl", "ar"
	a, err := Poster(ltr, "A4", fake{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Poster(rtl, "A4", fake{})
	if err != nil {
		t.Fatal(err)
	}
	if x, y := strings.Join(preorder(a), " "), strings.Join(preorder(b), " "); x != y {
		t.Errorf("right to left, the reading order changes:\n%s\n%s", x, y)
	}
	for _, first := range []string{"ar", "sv"} {
		docs := [2]content.Document{ltr, rtl}
		if first == "ar" {
			docs = [2]content.Document{rtl, ltr}
		}
		docs[0].Title.S, docs[1].Title.S = "Title "+docs[0].Lang, "Title "+docs[1].Lang
		out, err := BilingualPoster(docs, "A3", fake{})
		if err != nil {
			t.Fatal(err)
		}
		var h1 []string
		for i, n := range out.Nodes {
			if n.Role == RoleH1 {
				h1 = append(h1, n.Text+"@"+langOf(out, i))
			}
		}
		want := []string{"Title " + docs[0].Lang + "@" + docs[0].Lang, "Title " + docs[1].Lang + "@" + docs[1].Lang}
		if strings.Join(h1, "|") != strings.Join(want, "|") {
			t.Errorf("first %s: titles in reading order %q, want %q", first, h1, want)
		}
	}
}

// langOf returns the language in force at node n.
func langOf(d *Doc, n int) string {
	parent := make([]int, len(d.Nodes))
	for i, nd := range d.Nodes {
		for _, k := range nd.Kids {
			parent[k] = i
		}
	}
	for ; n > 0; n = parent[n] {
		if d.Nodes[n].Lang != "" {
			return d.Nodes[n].Lang
		}
	}
	return d.Lang
}

// Every phone number is marked in the structure, so that a web page can
// make it a tel: link: a number of its own (112, a contact's, the
// landlord's) as Tel, and the national numbers inside our own sentences
// as Tels, in the order the sentence has them. A postal code that reads
// like a phone number (Stockholm's 114 14) is not one.
func TestStructurePhoneNumbers(t *testing.T) {
	t.Parallel()
	d := doc()
	d.PoliceLine.S = "Polisen när det inte är akut: 114\u00a014"
	d.Steps[2].Body.S = "Ring 112 om det är akut, annars 114 14. Inte 1120 eller 112 51."
	d.LandlordLines = []content.Text{{S: "08-123 456 78", Field: "landlord.phone"}, {S: "hus@example.se", Field: "landlord.email"}}
	d.Address = []content.Text{{S: "Storgatan 7", Field: "property.address"}, {S: "114 14 Stockholm", Field: "property.city"}}
	for _, kind := range []string{"poster", "leaflet"} {
		lay, size := Poster, "A4"
		if kind == "leaflet" {
			lay, size = Leaflet, "A5"
		}
		out, err := lay(d, size, fake{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, n := range out.Nodes {
			switch {
			case n.Tel != "":
				got[n.Text] = "tel " + n.Tel
			case len(n.Tels) > 0:
				got[n.Text] = "tels " + strings.Join(n.Tels, "|")
			}
		}
		want := map[string]string{
			"112":             "tel 112",
			d.PoliceLine.S:    "tels 114\u00a014",
			d.Steps[2].Body.S: "tels 112|114 14",
			"08-123 456 78":   "tel 08-123 456 78",
		}
		for text, w := range want {
			if got[text] != w {
				t.Errorf("%s: %q is marked %q, want %q", kind, text, got[text], w)
			}
			delete(got, text)
		}
		for text, g := range got {
			t.Errorf("%s: %q is marked %q, want nothing", kind, text, g)
		}
	}
}
