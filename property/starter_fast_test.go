package property

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// refuseStarterValuesSlow is refuseStarterValues as it was written
// first: every value's key made and compared with every example's. The
// one in starter.go must report exactly what this does.
func (l *loader) refuseStarterValuesSlow(root *yaml.Node) {
	walkValues(root, "", "", func(pattern, path string, n *yaml.Node) {
		key := valueKey(n.Value)
		if key == "" {
			return
		}
		for _, v := range starterValues[pattern] {
			if valueKey(v) != key {
				continue
			}
			var noun sayer = Textf("value")
			if f := fieldsByPath[pattern]; f != nil && f.Noun != "" {
				noun = phraseArg(f.Noun)
			}
			l.addAt(n, path, Textf("%q is the example from `huskurage init`, not a real %s", clip(n.Value), noun),
				Textf("replace it with your own %s; the starter's examples are never printed", noun))
			return
		}
	})
}

// randomStarterTree makes a YAML tree of the shapes a property file may
// take, right or wrong: the real sections and fields, keys that spell a
// path themselves ("landlord.phone", "contacts[]"), unknown and empty
// keys, lists where mappings belong, and values that are the starter's
// examples as written, in another case or spacing, nearly (a letter
// more), or not at all.
func randomStarterTree(r *rand.Rand) *yaml.Node {
	var examples []string
	for _, vs := range starterValues {
		examples = append(examples, vs...)
	}
	slices.Sort(examples)
	sections := []string{"landlord", "property", "contacts", "qr", "landlord.phone", "contacts[]", "qr.url", "landlord.name"}
	fields := []string{"name", "phone", "email", "website", "url", "address", "city", "postal_code"}
	odd := []string{"contacts[].phone", "", "Name", "note", "landlord.", ".phone", "[]", "entrances", "lännkk", "landlord"}
	key := func(from []string) string {
		if r.IntN(5) == 0 {
			return odd[r.IntN(len(odd))]
		}
		return from[r.IntN(len(from))]
	}
	line := 0
	pos := func(n *yaml.Node) *yaml.Node {
		line++
		n.Line, n.Column = line, 1+r.IntN(9)
		return n
	}
	value := func(pattern string) *yaml.Node {
		ex := examples[r.IntN(len(examples))]
		if own := starterValues[pattern]; len(own) > 0 && r.IntN(4) > 0 {
			ex = own[r.IntN(len(own))]
		}
		var s string
		switch r.IntN(9) {
		case 0:
			s = ex
		case 1:
			s = strings.ToUpper(ex)
		case 2:
			s = strings.ReplaceAll(ex, " ", "")
		case 3:
			s = " -" + strings.ReplaceAll(ex, "-", "/") + "/"
		case 4:
			s = ex + "x"
		case 5:
			s = ex[:len(ex)/2]
		case 6:
			s = "-- ,"
		case 7:
			s = "Bostads AB Linden"
		case 8:
			return pos(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "~"})
		}
		return pos(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s})
	}
	var node func(depth int, pattern string) *yaml.Node
	node = func(depth int, pattern string) *yaml.Node {
		if depth > 3 {
			return value(pattern)
		}
		switch r.IntN(5) {
		case 0:
			return value(pattern)
		case 1, 4:
			n := pos(&yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"})
			for range r.IntN(4) {
				n.Content = append(n.Content, node(depth+1, pattern+"[]"))
			}
			return n
		case 2:
			return pos(&yaml.Node{Kind: yaml.AliasNode, Value: "a"})
		}
		n := pos(&yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"})
		for range r.IntN(6) {
			k := pos(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key(fields)})
			if r.IntN(20) == 0 {
				k = pos(&yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}) // a key that is not text
			}
			n.Content = append(n.Content, k, node(depth+1, join(pattern, k.Value)))
		}
		return n
	}
	root := pos(&yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"})
	for range 1 + r.IntN(8) {
		k := pos(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key(sections)})
		root.Content = append(root.Content, k, node(1, k.Value))
	}
	if r.IntN(4) == 0 {
		return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}
	}
	return root
}

// TestRefuseStarterValuesSame checks the fast refuseStarterValues
// against the slow one over many varied trees, and the starter files
// themselves: the same problems, in the same order, at the same places.
func TestRefuseStarterValuesSame(t *testing.T) {
	t.Parallel()
	check := func(t *testing.T, root *yaml.Node) int {
		t.Helper()
		slow, fast := newLoader("p.yaml", "", Options{}, propertyFile), newLoader("p.yaml", "", Options{}, propertyFile)
		slow.refuseStarterValuesSlow(root)
		fast.refuseStarterValues(root)
		if !reflect.DeepEqual(slow.errs, fast.errs) {
			out, _ := yaml.Marshal(root)
			t.Fatalf("fast and slow differ on\n%s\nslow: %v\nfast: %v", out, slow.errs, fast.errs)
		}
		return len(slow.errs)
	}
	for _, lang := range StarterLanguages {
		src, err := Starter(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range []string{string(src), switchOn(string(src))} {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
				t.Fatal(err)
			}
			if check(t, &doc) == 0 {
				t.Fatalf("%s: no example found in the starter", lang)
			}
		}
	}
	r := rand.New(rand.NewPCG(14, 2026))
	found := 0
	for range 20000 {
		found += check(t, randomStarterTree(r))
	}
	if found < 1000 {
		t.Errorf("only %d examples found in the random trees: they test too little", found)
	}
}
