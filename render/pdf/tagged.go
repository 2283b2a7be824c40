package pdf

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"time"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

	"huskurage/layout"
)

// A document whose layout has a structure (layout.Doc.Nodes) is written as
// a tagged PDF that claims PDF/UA-1 (ISO 14289-1), the standard for PDF
// that people read with assistive technology:
//
//   - every item on a page is marked content: an item of a structure node
//     gets a marked-content id (MCID) that the node's structure element
//     points at; decoration (bands, panels, rules, the discs behind icons,
//     crop and cut marks, slugs, a page's second copies) is an Artifact,
//     which readers skip;
//   - the structure tree (StructTreeRoot) holds an element per node, in the
//     layout's reading order, with its language where it differs, and a
//     Figure's alternative text and bounding box; the ParentTree maps each
//     page's MCIDs (and each link annotation) back to their elements;
//   - the catalog says the file is tagged (/MarkInfo), gives its language
//     and asks viewers to show the title (/DisplayDocTitle), which the XMP
//     metadata holds with the PDF/UA identification (pdfuaid:part 1);
//   - a Link node is a link annotation on its page (/URI, with the link's
//     description as /Contents), inside its Link element;
//   - every font has a ToUnicode map (font.go), and a line whose glyphs are
//     drawn in another order than they are read (right-to-left text) is an
//     ActualText span with the line's text in reading order, so that any
//     extractor, not only one that reorders by itself, gets the letters
//     as they are read.
//
// fpdf writes none of this. The marked content is written into the page
// contents while drawing; the objects are added by finish (deflate.go).

// mcr is one marked-content sequence of a node: its page and MCID.
type mcr struct{ page, mcid int }

// annot is a link annotation: the node of its Link element, its page
// and where it is, in points.
type annot struct {
	node, page int
	rect       layout.Box // PDF coordinates: X0, Y0 bottom left
}

// tagging collects what a document's structure needs while its pages are
// drawn, and writes it.
type tagging struct {
	nodes  []layout.Node
	parent []int
	// mcids are, per page, the node of each MCID.
	mcids [][]int
	// content is, per node, its marked content in drawing order.
	content [][]mcr
	// boxes are, per node, the box its items cover on their first page
	// (Figures and Links), in points.
	boxes map[int]*nodeBox
	open  int // the node whose marked content is open; -1 none, 0 an artifact
	page  int // the page being drawn
	links bool
	// annots are the link annotations, numbered in order.
	annots []annot
	// Object numbers, from first (see number).
	first, root, tree int
	meta              int
	title, lang       string
	date              time.Time
	// pageRefs are the page objects' numbers, in order (see finish).
	pageRefs []int
}

type nodeBox struct {
	page int
	box  layout.Box
}

// newTagging returns the tagging of doc, or nil when its layout has no
// structure. links is false for a print shop's file, which has no
// annotations: PDF/X allows none on the printed page.
func newTagging(doc *layout.Doc, links bool, date time.Time) *tagging {
	if len(doc.Nodes) == 0 {
		return nil
	}
	t := &tagging{nodes: doc.Nodes, parent: make([]int, len(doc.Nodes)), content: make([][]mcr, len(doc.Nodes)),
		boxes: map[int]*nodeBox{}, open: -1, links: links, title: doc.Title, lang: doc.Lang, date: date}
	t.parent[0] = -1
	for i, n := range doc.Nodes {
		for _, k := range n.Kids {
			t.parent[k] = i
		}
	}
	return t
}

// mark opens the marked content of it (on page, of height h mm) unless
// the open sequence is already its node's, closing the open one.
func (t *tagging) mark(pdf *fpdf.Fpdf, df *docFonts, page int, it layout.Item, h float64) error {
	node := it.Node
	if node < 0 || node >= len(t.nodes) {
		return errNode(node)
	}
	if node == t.open {
		t.cover(page, it, h)
		return nil
	}
	t.close(pdf, df)
	for len(t.mcids) <= page {
		t.mcids = append(t.mcids, nil)
	}
	t.open, t.page = node, page
	if node == 0 {
		df.rawStr(pdf, "/Artifact BMC")
		return nil
	}
	mcid := len(t.mcids[page])
	t.mcids[page] = append(t.mcids[page], node)
	t.content[node] = append(t.content[node], mcr{page, mcid})
	b := append(df.buf[:0], '/')
	b = append(b, t.nodes[node].Role...)
	b = append(b, " <</MCID "...)
	b = strconv.AppendInt(b, int64(mcid), 10)
	b = append(b, ">> BDC"...)
	df.raw(pdf, b)
	df.buf = b
	t.cover(page, it, h)
	return nil
}

// reopen appends, inside a text object, the end of the open node's
// marked content and the start of another sequence of the same node:
// with actual as its ActualText when that is not nil (the glyphs of one
// cluster), else plain. Nested marked content would say the same, but
// poppler's and others' readers of the structure end a node's text at
// the first nested EMC.
func (t *tagging) reopen(b []byte, actual []rune) []byte {
	node := t.open
	mcid := len(t.mcids[t.page])
	t.mcids[t.page] = append(t.mcids[t.page], node)
	t.content[node] = append(t.content[node], mcr{t.page, mcid})
	b = append(b, "EMC /"...)
	if actual != nil {
		// poppler takes ActualText from a Span only.
		b = append(b, "Span"...)
	} else {
		b = append(b, t.nodes[node].Role...)
	}
	b = append(b, " <</MCID "...)
	b = strconv.AppendInt(b, int64(mcid), 10)
	if actual != nil {
		const hex = "0123456789ABCDEF"
		b = append(b, " /ActualText <FEFF"...)
		for _, u := range utf16.Encode(actual) {
			b = append(b, hex[u>>12], hex[u>>8&15], hex[u>>4&15], hex[u&15])
		}
		b = append(b, '>')
	}
	return append(b, ">> BDC"...)
}

type errNode int

func (e errNode) Error() string {
	return "an item names structure node " + strconv.Itoa(int(e)) + ", which the layout lacks"
}

// cover grows the box of it's node, and of its Link ancestor, by the
// item's box on page: what a Figure's BBox and a link's rectangle need.
func (t *tagging) cover(page int, it layout.Item, h float64) {
	for n := it.Node; n > 0; n = t.parent[n] {
		role := t.nodes[n].Role
		if role != layout.RoleFigure && role != layout.RoleLink {
			continue
		}
		const k = 72 / 25.4
		b := it.Bounds()
		pb := layout.Box{X0: b.X0 * k, Y0: (h - b.Y1) * k, X1: b.X1 * k, Y1: (h - b.Y0) * k}
		nb := t.boxes[n]
		switch {
		case nb == nil:
			t.boxes[n] = &nodeBox{page, pb}
		case nb.page == page:
			nb.box = layout.Box{X0: min(nb.box.X0, pb.X0), Y0: min(nb.box.Y0, pb.Y0), X1: max(nb.box.X1, pb.X1), Y1: max(nb.box.Y1, pb.Y1)}
		}
	}
}

// close ends the open marked content.
func (t *tagging) close(pdf *fpdf.Fpdf, df *docFonts) {
	if t.open >= 0 {
		df.rawStr(pdf, "EMC")
		t.open = -1
	}
}

// endPage closes the page's marked content and notes the page's links.
func (t *tagging) endPage(pdf *fpdf.Fpdf, df *docFonts, page int) {
	t.close(pdf, df)
	for len(t.mcids) <= page {
		t.mcids = append(t.mcids, nil)
	}
}

// number gives the objects the tagging adds their numbers, from next on,
// and returns the next free number: the structure tree root, an element
// per node, the parent tree, the annotations and the metadata.
func (t *tagging) number(next int) int {
	if t.links {
		for n, node := range t.nodes {
			if node.Role != layout.RoleLink || node.URI == "" {
				continue
			}
			if b := t.boxes[n]; b != nil {
				t.annots = append(t.annots, annot{node: n, page: b.page, rect: b.box})
			}
		}
	}
	t.first = next
	t.root = next
	next += 1 + len(t.nodes)
	t.tree = next
	next++
	next += len(t.annots)
	t.meta = next
	return next + 1
}

func (t *tagging) elem(n int) int  { return t.root + 1 + n }
func (t *tagging) annot(i int) int { return t.tree + 1 + i }

// pageKeys appends what page i's dictionary adds: its key in the parent
// tree, the tab order of the structure, and its annotations.
func (t *tagging) pageKeys(b []byte, i int) []byte {
	b = append(b, "/StructParents "...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, "\n/Tabs /S\n"...)
	first := true
	for j, a := range t.annots {
		if a.page != i {
			continue
		}
		if first {
			b = append(b, "/Annots ["...)
			first = false
		} else {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(t.annot(j)), 10)
		b = append(b, " 0 R"...)
	}
	if !first {
		b = append(b, "]\n"...)
	}
	return b
}

// catalogKeys appends what the catalog adds.
func (t *tagging) catalogKeys(b []byte) []byte {
	b = append(b, "/MarkInfo <</Marked true>>\n/StructTreeRoot "...)
	b = strconv.AppendInt(b, int64(t.root), 10)
	b = append(b, " 0 R\n/ViewerPreferences <</DisplayDocTitle true>>\n/Metadata "...)
	b = strconv.AppendInt(b, int64(t.meta), 10)
	return append(b, " 0 R\n"...)
}

// objects appends the tagging's objects, each with its offset in out
// appended to offsets.
func (t *tagging) objects(out []byte, offsets *[]int) []byte {
	obj := func(n int) {
		*offsets = append(*offsets, len(out))
		out = strconv.AppendInt(out, int64(n), 10)
		out = append(out, " 0 obj\n"...)
	}
	end := func() { out = append(out, "\nendobj\n"...) }
	ref := func(n int) {
		out = strconv.AppendInt(out, int64(n), 10)
		out = append(out, " 0 R"...)
	}
	// The root: its one kid is the document's element.
	obj(t.root)
	out = append(out, "<</Type /StructTreeRoot\n/K ["...)
	ref(t.elem(0))
	out = append(out, "]\n/ParentTree "...)
	ref(t.tree)
	out = append(out, "\n/ParentTreeNextKey "...)
	out = strconv.AppendInt(out, int64(len(t.mcids)+len(t.annots)), 10)
	out = append(out, ">>"...)
	end()
	annotOf := map[int]int{}
	for j, a := range t.annots {
		annotOf[a.node] = j
	}
	for n, node := range t.nodes {
		obj(t.elem(n))
		out = append(out, "<</Type /StructElem\n/S /"...)
		out = append(out, node.Role...)
		out = append(out, "\n/P "...)
		if n == 0 {
			ref(t.root)
		} else {
			ref(t.elem(t.parent[n]))
		}
		if node.Lang != "" {
			out = append(out, "\n/Lang "...)
			out = appendString(out, node.Lang)
		}
		if node.Alt != "" {
			out = append(out, "\n/Alt "...)
			out = appendUTF16(out, node.Alt)
		}
		switch node.Role {
		case layout.RoleFigure:
			if b := t.boxes[n]; b != nil {
				out = append(out, "\n/A <</O /Layout /BBox ["...)
				out = appendBox(out, b.box)
				out = append(out, "]>>"...)
			}
		case layout.RoleL:
			if node.Numbered {
				out = append(out, "\n/A <</O /List /ListNumbering /Decimal>>"...)
			}
		case layout.RoleTH:
			scope := "/Column"
			for _, s := range t.nodes[t.parent[n]].Kids {
				if t.nodes[s].Role != layout.RoleTH {
					scope = "/Row"
				}
			}
			out = append(out, "\n/A <</O /Table /Scope "...)
			out = append(out, scope...)
			out = append(out, ">>"...)
		}
		out = append(out, "\n/K ["...)
		for i, c := range t.content[n] {
			if i > 0 {
				out = append(out, ' ')
			}
			out = append(out, "<</Type /MCR /Pg "...)
			ref(t.pageRefs[c.page])
			out = append(out, " /MCID "...)
			out = strconv.AppendInt(out, int64(c.mcid), 10)
			out = append(out, ">>"...)
		}
		for _, k := range node.Kids {
			out = append(out, ' ')
			ref(t.elem(k))
		}
		if j, ok := annotOf[n]; ok {
			out = append(out, " <</Type /OBJR /Pg "...)
			ref(t.pageRefs[t.annots[j].page])
			out = append(out, " /Obj "...)
			ref(t.annot(j))
			out = append(out, ">>"...)
		}
		out = append(out, "]>>"...)
		end()
	}
	// The parent tree: page i's MCIDs under key i, then the annotations.
	obj(t.tree)
	out = append(out, "<</Nums ["...)
	for i, page := range t.mcids {
		out = strconv.AppendInt(out, int64(i), 10)
		out = append(out, " ["...)
		for j, n := range page {
			if j > 0 {
				out = append(out, ' ')
			}
			ref(t.elem(n))
		}
		out = append(out, "]\n"...)
	}
	for j, a := range t.annots {
		out = strconv.AppendInt(out, int64(len(t.mcids)+j), 10)
		out = append(out, ' ')
		ref(t.elem(a.node))
		out = append(out, '\n')
	}
	out = append(out, "]>>"...)
	end()
	for j, a := range t.annots {
		node := t.nodes[a.node]
		obj(t.annot(j))
		out = append(out, "<</Type /Annot\n/Subtype /Link\n/Rect ["...)
		out = appendBox(out, a.rect)
		out = append(out, "]\n/Border [0 0 0]\n/F 4\n/P "...)
		ref(t.pageRefs[a.page])
		out = append(out, "\n/StructParent "...)
		out = strconv.AppendInt(out, int64(len(t.mcids)+j), 10)
		out = append(out, "\n/Contents "...)
		out = appendUTF16(out, node.Alt)
		out = append(out, "\n/A <</S /URI /URI "...)
		out = append(out, pdfASCIIString(node.URI)...)
		out = append(out, ">>>>"...)
		end()
	}
	meta := xmpPacket(xmpInfo{title: t.title, lang: t.lang, date: t.date, ua: true})
	obj(t.meta)
	out = append(out, "<</Type /Metadata\n/Subtype /XML\n/Length "...)
	out = strconv.AppendInt(out, int64(len(meta)), 10)
	out = append(out, ">>\nstream\n"...)
	out = append(out, meta...)
	out = append(out, "\nendstream"...)
	end()
	return out
}

// appendBox appends the four numbers of a rectangle in points.
func appendBox(b []byte, x layout.Box) []byte {
	b = appendF(b, x.X0, 2)
	b = append(b, ' ')
	b = appendF(b, x.Y0, 2)
	b = append(b, ' ')
	b = appendF(b, x.X1, 2)
	b = append(b, ' ')
	return appendF(b, x.Y1, 2)
}

// pdfASCIIString writes s, a URI (7-bit ASCII, as PDF wants), as a
// literal string.
func pdfASCIIString(s string) []byte {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			// An IRI: its other characters percent-encoded as UTF-8.
			return appendString(nil, percentEncode(s))
		}
	}
	return appendString(b, s)
}

func percentEncode(s string) string {
	const hex = "0123456789ABCDEF"
	var b []byte
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 {
			b = append(b, '%', hex[c>>4], hex[c&15])
		} else {
			b = append(b, c)
		}
	}
	return string(b)
}

// xmpInfo is what a file's XMP metadata says.
type xmpInfo struct {
	title, lang string
	date        time.Time
	// ua adds the PDF/UA identification; pdfx, with uuid, PDF/X's keys.
	ua   bool
	pdfx bool
	uuid string
}

// xmpPacket returns the XMP metadata of a file: its title (in its
// language), language, dates, producer, and the identification of the
// standards it claims.
func xmpPacket(x xmpInfo) []byte {
	var title bytes.Buffer
	xml.EscapeText(&title, []byte(x.title))
	date := x.date.UTC().Format("2006-01-02T15:04:05Z")
	var b bytes.Buffer
	b.WriteString(`<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"`)
	if x.pdfx {
		b.WriteString(`
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
 xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"`)
	}
	if x.ua {
		b.WriteString(`
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"`)
	}
	b.WriteString(`>
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + title.String() + `</rdf:li></rdf:Alt></dc:title>
`)
	if x.lang != "" {
		var lang bytes.Buffer
		xml.EscapeText(&lang, []byte(x.lang))
		b.WriteString(`<dc:language><rdf:Bag><rdf:li>` + lang.String() + `</rdf:li></rdf:Bag></dc:language>
`)
	}
	b.WriteString(`<xmp:CreateDate>` + date + `</xmp:CreateDate>
<xmp:ModifyDate>` + date + `</xmp:ModifyDate>
<xmp:MetadataDate>` + date + `</xmp:MetadataDate>
<xmp:CreatorTool>huskurage</xmp:CreatorTool>
<pdf:Producer>huskurage</pdf:Producer>
`)
	if x.pdfx {
		b.WriteString(`<pdf:Trapped>False</pdf:Trapped>
<xmpMM:DocumentID>` + x.uuid + `</xmpMM:DocumentID>
<xmpMM:InstanceID>` + x.uuid + `</xmpMM:InstanceID>
<xmpMM:VersionID>1</xmpMM:VersionID>
<xmpMM:RenditionClass>default</xmpMM:RenditionClass>
<pdfxid:GTS_PDFXVersion>` + PDFXVersion + `</pdfxid:GTS_PDFXVersion>
`)
	}
	if x.ua {
		b.WriteString(`<pdfuaid:part>1</pdfuaid:part>
`)
	}
	b.WriteString(`</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`)
	return b.Bytes()
}
