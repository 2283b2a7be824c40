package layout

// A document's logical structure: what each thing on its pages is (a
// heading, a paragraph, a list of steps, a figure with its description)
// and the order in which a person reads them, which is not always the
// order in which they are drawn (an icon drawn after the step it stands
// beside, the columns of a bilingual poster). The layout emits it with
// the pages; a backend that cannot show structure ignores it, a tagged
// PDF writes it as its structure tree, and a web page can be made of it
// alone, since every node holds its whole logical text, not only the
// fragments that the lines of a page hold.

// Roles of structure nodes, as PDF's standard structure types name them
// (ISO 32000-1, 14.8.4); each has an obvious HTML element.
const (
	RoleDocument = "Document" // the root: <body>
	RolePart     = "Part"     // one language's part of a page, a document of a print file
	RoleSect     = "Sect"     // a section: <section>
	RoleDiv      = "Div"      // a group with no meaning of its own: <div>
	RoleH1       = "H1"       // the title
	RoleH2       = "H2"       // a section's heading
	RoleH3       = "H3"       // a step's title
	RoleP        = "P"        // a paragraph
	RoleL        = "L"        // a list: <ul>, or <ol> when Numbered
	RoleLI       = "LI"       // a list item
	RoleLbl      = "Lbl"      // a list item's label: a step's icon, a contact's name
	RoleLBody    = "LBody"    // a list item's body
	RoleFigure   = "Figure"   // a picture, with Alt
	RoleLink     = "Link"     // a link to URI: <a href>
	RoleTable    = "Table"
	RoleTR       = "TR"
	RoleTH       = "TH"
	RoleTD       = "TD"
)

// Node is one part of the structure. Nodes are held in Doc.Nodes and
// refer to each other by their index there; node 0 is the document
// itself. An Item belongs to the node its Node names; an item that
// belongs to none (Node 0) is decoration, which a reader skips.
type Node struct {
	Role string `json:"role"`
	// Lang is the node's language when it is not its parent's (BCP 47).
	Lang string `json:"lang,omitempty"`
	// Text is what the node says, whole and in logical order: a
	// paragraph, not the lines it was broken into. Empty for a node
	// that only groups others.
	Text string `json:"text,omitempty"`
	// Alt describes a Figure (or a Link) in words, in the language in
	// force.
	Alt string `json:"alt,omitempty"`
	// URI is a Link's target.
	URI string `json:"uri,omitempty"`
	// Tel is set on a phone number: the number as printed.
	Tel string `json:"tel,omitempty"`
	// Tels are the phone numbers inside Text, a sentence of ours ("Ring
	// 112 om det känns akut, annars 114 14."), as printed and in the
	// order Text has them: what a web page makes tel: links of.
	Tels []string `json:"tels,omitempty"`
	// Numbered is set on a list whose order matters (the steps).
	Numbered bool `json:"numbered,omitempty"`
	// Field is the property field the text comes from, if the user's.
	Field string `json:"field,omitempty"`
	// Kids are the node's children in reading order.
	Kids []int `json:"kids,omitempty"`
}

// tree collects a document's structure while its pages are laid out.
// Builders of one document share it; a builder that only measures adds
// nothing to it.
type tree struct {
	nodes  []Node
	parent []int
}

// treeNodes is room for the nodes of a one-language leaflet (about 70):
// made at once, not grown node by node (that was half the structure's
// cost in a leaflet's time).
const treeNodes = 80

func newTree(lang string) *tree {
	t := &tree{nodes: make([]Node, 1, treeNodes), parent: make([]int, 1, treeNodes)}
	t.nodes[0], t.parent[0] = Node{Role: RoleDocument, Lang: lang}, -1
	return t
}

// add appends a node under parent and returns its index.
func (t *tree) add(parent int, n Node) int {
	if n.Lang != "" && n.Lang == t.lang(parent) {
		n.Lang = ""
	}
	id := len(t.nodes)
	t.nodes = append(t.nodes, n)
	t.parent = append(t.parent, parent)
	return id
}

// done returns the nodes with their kids, in the order they were added:
// made from the parents at the end, in one array, rather than grown
// node by node. root is the document's language, which Doc.Lang holds.
func (t *tree) done() []Node {
	count := make([]int, len(t.nodes))
	for _, p := range t.parent[1:] {
		count[p]++
	}
	kids := make([]int, len(t.nodes)-1)
	at := 0
	for i, c := range count {
		if c > 0 {
			t.nodes[i].Kids = kids[at : at : at+c]
			at += c
		}
	}
	for id, p := range t.parent[1:] {
		t.nodes[p].Kids = append(t.nodes[p].Kids, id+1)
	}
	t.nodes[0].Lang = ""
	return t.nodes
}

// lang returns the language in force at node id.
func (t *tree) lang(id int) string {
	for ; id >= 0; id = t.parent[id] {
		if l := t.nodes[id].Lang; l != "" {
			return l
		}
	}
	return ""
}

// open adds a node of role under the builder's current node and returns
// it; 0 when the builder only measures or keeps no structure.
func (b *builder) open(n Node) int {
	if b.dry || b.tree == nil {
		return 0
	}
	return b.tree.add(b.at, n)
}

// in runs draw with node id as the builder's current node, so that the
// nodes and items draw makes belong to it; a node 0 (a builder that only
// measures) leaves the current node as it is.
func (b *builder) in(id int, draw func()) {
	if id == 0 {
		draw()
		return
	}
	at := b.at
	b.at = id
	defer func() { b.at = at }()
	draw()
}

// setNode makes the items from start on belong to node id.
func setNode(items []Item, id int) {
	for i := range items {
		items[i].Node = id
	}
}

// Graft adds the structure of src under d's root, as a Part in src's
// language, and returns src's pages with their items pointing at their
// nodes' new numbers: for a file made of the pages of several documents
// (a property's print sheets).
func (d *Doc) Graft(src *Doc) []Page {
	if len(d.Nodes) == 0 {
		d.Nodes = []Node{{Role: RoleDocument}}
	}
	if len(src.Nodes) == 0 {
		return src.Pages
	}
	base := len(d.Nodes) // src's root becomes this Part
	for i, n := range src.Nodes {
		kids := make([]int, len(n.Kids))
		for j, k := range n.Kids {
			kids[j] = k + base
		}
		n.Kids = kids
		if i == 0 {
			n.Role = RolePart
			n.Lang = src.Lang
		}
		d.Nodes = append(d.Nodes, n)
	}
	d.Nodes[0].Kids = append(d.Nodes[0].Kids, base)
	pages := make([]Page, len(src.Pages))
	for i, p := range src.Pages {
		items := make([]Item, len(p.Items))
		for j, it := range p.Items {
			if it.Node != 0 {
				it.Node += base
			}
			items[j] = it
		}
		p.Items = items
		pages[i] = p
	}
	return pages
}

// Decoration returns p with every item made decoration, belonging to no
// node: a second copy of a page on a sheet, which a reader has already
// read in the first.
func (p Page) Decoration() Page {
	items := make([]Item, len(p.Items))
	for i, it := range p.Items {
		it.Node = 0
		items[i] = it
	}
	p.Items = items
	return p
}
