package property

import (
	"bytes"
	"sort"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Summary renders the property as it will be printed, after merging with
// the defaults, as the YAML of a property file: for `huskurage check
// --show`. A value that the property's own document does not give has a
// comment saying where it came from: "# from ale-kommun.yaml:12" for a
// value inherited from a defaults file, "# default" for a built-in
// default, "# from the file name" for an id taken from it. The fields
// are shown in the order of the field table. Fields that are empty are
// left out, except support_lines; a property printed in several
// languages shows them as languages:, else its language as language:.
// The logo is shown by its resolved path. The output is the same for the
// same property, and loads as it.
func (p *Property) Summary() string {
	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(m *yaml.Node, key string, value *yaml.Node) {
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, value)
	}
	text := func(m *yaml.Node, key, field, value string) {
		if value != "" {
			add(m, key, p.scalar(field, value))
		}
	}
	// texts is a text given per language: a plain string when it is in
	// the property's language only, else one line per language, the
	// property's language first.
	texts := func(m *yaml.Node, key, field string, t Texts) {
		if len(t) == 0 {
			return
		}
		if len(t) == 1 && t.In(p.Language) != "" {
			text(m, key, field, t.In(p.Language))
			return
		}
		tm := &yaml.Node{Kind: yaml.MappingNode, LineComment: p.notes[field]}
		langs := t.Langs()
		sort.SliceStable(langs, func(i, j int) bool { return langs[i] == p.Language && langs[j] != p.Language })
		for _, lang := range langs {
			add(tm, lang, p.scalar(field+"."+lang, t[lang]))
		}
		add(m, key, tm)
	}
	section := func(parent *yaml.Node, key string, fill func(m *yaml.Node)) {
		m := &yaml.Node{Kind: yaml.MappingNode}
		fill(m)
		if len(m.Content) > 0 {
			add(parent, key, m)
		}
	}

	// show adds field f, whose value v is at path, to the mapping m.
	var show func(m *yaml.Node, f *Field, path string, v any)
	show = func(m *yaml.Node, f *Field, path string, v any) {
		switch f.Kind {
		case KindSection:
			section(m, f.name, func(sm *yaml.Node) {
				for _, sf := range f.fields {
					if sf.value != nil {
						show(sm, sf, sf.Path, sf.value(p))
					}
				}
			})
		case KindVersion, KindRemove:
			// Not a value of the property.
		case KindLanguage:
			// One language, or several (below): a file gives one
			// field or the other.
			if len(p.Languages) < 2 {
				text(m, f.name, path, *v.(*string))
			}
		case KindLanguages:
			if list := *v.(*[]string); len(list) > 1 {
				add(m, f.name, p.list(path, list))
			}
		case KindTexts:
			texts(m, f.name, path, *v.(*Texts))
		case KindTextList, KindSteps:
			if list := *v.(*[]string); len(list) > 0 {
				add(m, f.name, p.list(path, list))
			}
		case KindSupportLines:
			// Shown even when empty: [] prints none, unlike the default.
			add(m, f.name, p.list(path, *v.(*[]string)))
		case KindCount:
			if n := *v.(*int); n > 0 {
				num := p.scalar(path, strconv.Itoa(n))
				num.Tag = "!!int"
				add(m, f.name, num)
			}
		case KindLogo:
			if img := *v.(**Image); img != nil {
				text(m, f.name, path, img.Path)
			}
		case KindColor:
			text(m, f.name, path, v.(*Theme).Color)
		case KindContacts:
			list := *v.(*[]Contact)
			if len(list) == 0 {
				return
			}
			seq := &yaml.Node{Kind: yaml.SequenceNode}
			for i := range list {
				at := index(path, i)
				cm := &yaml.Node{Kind: yaml.MappingNode}
				for _, sf := range f.fields {
					if sf.item != nil {
						show(cm, sf, at+"."+sf.name, sf.item(&list[i]))
					}
				}
				seq.Content = append(seq.Content, cm)
			}
			add(m, f.name, seq)
		default:
			text(m, f.name, path, *v.(*string))
		}
	}
	for _, f := range topField.fields {
		var v any
		if f.value != nil {
			v = f.value(p)
		}
		show(root, f, f.Path, v)
	}

	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		// Only text and lists of text are encoded; this cannot happen.
		panic("property: Summary: " + err.Error())
	}
	return b.String()
}

// scalar is a text value for Summary, with its note as a comment.
func (p *Property) scalar(field, value string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value}
	n.LineComment = p.notes[field]
	return n
}

// list is a list of text for Summary, written on one line.
func (p *Property) list(field string, values []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, LineComment: p.notes[field]}
	for _, v := range values {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v})
	}
	return n
}
