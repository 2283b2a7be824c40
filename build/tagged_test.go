package build

import (
	"regexp"

	"huskurage/layout"
)

// langInForce returns the language of structure node n of d: its own,
// or the nearest ancestor's, or the document's.
func langInForce(d *layout.Doc, n int) string {
	parent := make([]int, len(d.Nodes))
	for i, nd := range d.Nodes {
		for _, k := range nd.Kids {
			parent[k] = i
		}
	}
	for ; n > 0; n = parent[n] {
		if l := d.Nodes[n].Lang; l != "" {
			return l
		}
	}
	return d.Lang
}

var markedOps = regexp.MustCompile(`(?:^|[\s\]>])(BDC|BMC|EMC)(?:\s|$)`)

// markedContent counts the marked-content sequences that a PDF's
// contents (as qpdf --qdf writes them) open and close.
func markedContent(qdf string) (opened, closed int) {
	for _, m := range markedOps.FindAllStringSubmatch(qdf, -1) {
		if m[1] == "EMC" {
			closed++
		} else {
			opened++
		}
	}
	return opened, closed
}
