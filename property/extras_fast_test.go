package property

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"
)

// refuseExtrasSlow is refuseExtras as it was first written, with every
// node's path made as it goes: the one in walk.go must report exactly
// what this does.
func (l *loader) refuseExtrasSlow(n *yaml.Node, path string) {
	if n.Anchor != "" {
		l.addAt(n, path, Textf("anchors (&%s) are not allowed in a property file", clip(n.Anchor)),
			Textf("write each value out in full"))
	}
	if n.Kind == yaml.AliasNode {
		l.addAt(n, path, Textf("aliases (*%s) are not allowed in a property file", clip(n.Value)),
			Textf("write the value out in full"))
		return
	}
	if n.Style&yaml.TaggedStyle != 0 && !(n.Kind == yaml.ScalarNode && n.Tag == "!!str") && !isMergeKey(n) {
		l.addAt(n, path, Textf("tags such as %s are not allowed in a property file", clip(n.Tag)),
			Textf(`remove it; put text in quotes if it must not be read as a number`))
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			sub := path
			if isMergeKey(k) {
				l.addAt(k, path, Textf("merge keys (<<) are not allowed in a property file"),
					Textf("write the fields out in full"))
			} else if k.Kind == yaml.ScalarNode {
				sub = join(path, clip(k.Value))
			}
			l.refuseExtrasSlow(k, sub)
			l.refuseExtrasSlow(v, sub)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			l.refuseExtrasSlow(c, fmt.Sprintf("%s[%d]", path, i))
		}
	case yaml.DocumentNode:
		for _, c := range n.Content {
			l.refuseExtrasSlow(c, path)
		}
	}
}

// randomExtrasTree makes a YAML tree with anchors, aliases, tags and
// merge keys here and there, under keys of every kind (empty, long,
// not text), in mappings, lists and documents.
func randomExtrasTree(r *rand.Rand) *yaml.Node {
	keys := []string{"landlord", "name", "", "contacts", "a.b", "en mycket lång fältnamn som fortsätter bortom fyrtio tecken", "[]", "ሰላም"}
	tags := []string{"!!str", "!!int", "!!map", "!!seq", "!!merge", "!custom", "!!null"}
	line := 0
	var node func(depth int) *yaml.Node
	node = func(depth int) *yaml.Node {
		line++
		n := &yaml.Node{Line: line, Column: 1 + r.IntN(5)}
		kind := r.IntN(5)
		if depth > 4 {
			kind = 0
		}
		switch kind {
		case 0, 1:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!str", keys[r.IntN(len(keys))]
		case 2:
			n.Kind, n.Value = yaml.AliasNode, keys[r.IntN(len(keys))]
		case 3:
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
			for range r.IntN(4) {
				n.Content = append(n.Content, node(depth+1))
			}
		case 4:
			n.Kind, n.Tag = yaml.MappingNode, "!!map"
			for range r.IntN(4) {
				n.Content = append(n.Content, node(depth+1), node(depth+1))
			}
		}
		if r.IntN(6) == 0 {
			n.Anchor = keys[r.IntN(len(keys))]
		}
		if r.IntN(6) == 0 {
			n.Style |= yaml.TaggedStyle
			n.Tag = tags[r.IntN(len(tags))]
		}
		return n
	}
	root := node(0)
	if r.IntN(3) == 0 {
		root = &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}
	}
	return root
}

// TestRefuseExtrasSame checks the refuseExtras of walk.go, which makes
// a path only for a node it reports, against the first one over many
// varied trees: the same problems, in the same order, at the same paths.
func TestRefuseExtrasSame(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(14, 4))
	found := 0
	for range 20000 {
		root := randomExtrasTree(r)
		slow, fast := newLoader("p.yaml", "", Options{}, propertyFile), newLoader("p.yaml", "", Options{}, propertyFile)
		slow.refuseExtrasSlow(root, "")
		fast.refuseExtras(root, "")
		if !reflect.DeepEqual(slow.errs, fast.errs) {
			out, _ := yaml.Marshal(root)
			t.Fatalf("fast and slow differ on\n%s\nslow: %v\nfast: %v", out, slow.errs, fast.errs)
		}
		found += len(slow.errs)
	}
	if found < 5000 {
		t.Errorf("only %d problems in the random trees: they test too little", found)
	}
}
