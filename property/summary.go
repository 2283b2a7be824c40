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
// default, "# from the file name" for an id taken from it. Fields that
// are empty are left out, except support_lines. The logo is shown by its
// resolved path. The output is the same for the same property.
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
	section := func(key string, fill func(m *yaml.Node)) {
		m := &yaml.Node{Kind: yaml.MappingNode}
		fill(m)
		if len(m.Content) > 0 {
			add(root, key, m)
		}
	}

	text(root, "id", "id", p.ID)
	text(root, "language", "language", p.Language)
	section("landlord", func(m *yaml.Node) {
		text(m, "name", "landlord.name", p.Landlord.Name)
		text(m, "phone", "landlord.phone", p.Landlord.Phone)
		text(m, "email", "landlord.email", p.Landlord.Email)
		text(m, "website", "landlord.website", p.Landlord.Website)
		if p.Landlord.Logo != nil {
			text(m, "logo", "landlord.logo", p.Landlord.Logo.Path)
		}
	})
	section("property", func(m *yaml.Node) {
		text(m, "name", "property.name", p.Building.Name)
		text(m, "address", "property.address", p.Building.Address)
		text(m, "postal_code", "property.postal_code", p.Building.PostalCode)
		text(m, "city", "property.city", p.Building.City)
		if len(p.Building.Entrances) > 0 {
			add(m, "entrances", p.list("property.entrances", p.Building.Entrances))
		}
		if p.Building.Apartments > 0 {
			add(m, "apartments", p.scalar("property.apartments", strconv.Itoa(p.Building.Apartments)))
		}
	})
	if len(p.Contacts) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for i, c := range p.Contacts {
			f := index("contacts", i)
			m := &yaml.Node{Kind: yaml.MappingNode}
			text(m, "name", f+".name", c.Name)
			text(m, "phone", f+".phone", c.Phone)
			texts(m, "hours", f+".hours", c.Hours)
			texts(m, "note", f+".note", c.Note)
			seq.Content = append(seq.Content, m)
		}
		add(root, "contacts", seq)
	}
	if len(p.Steps) > 0 {
		add(root, "steps", p.list("steps", p.Steps))
	}
	add(root, "support_lines", p.list("support_lines", p.SupportLines))
	section("qr", func(m *yaml.Node) {
		text(m, "url", "qr.url", p.QR.URL)
		texts(m, "caption", "qr.caption", p.QR.Caption)
	})
	section("theme", func(m *yaml.Node) {
		text(m, "color", "theme.color", p.Theme.Color)
	})

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
