// Package kind is the registry of document kinds: the stairwell poster
// and the door leaflet. Everything the rest of the program needs to know
// about a kind is said here once — its name (flags, file names, the
// manifest), its paper sizes and default size, its layout in one language
// and in two, how many copies to print, and its column on a print order's
// cover sheet — so that adding a kind touches this file and its design in
// package layout, and nothing else.
package kind

import (
	"strings"

	"huskurage/content"
	"huskurage/layout"
	"huskurage/property"
	"huskurage/templates"
)

// Kind is one kind of document. A Kind is a description: never change
// one after the program has started.
type Kind struct {
	// Name names the kind wherever a person or a program sees it: the
	// value of --only, the part of a file name after the property id
	// (storgatan-7-poster-7a-sv.pdf), the manifest's kind column, and
	// the flags --NAME-size and --NAME-langs.
	Name string
	// Sizes are the paper sizes its design in package layout is made
	// for; the first is the default unless DefaultSize says otherwise.
	Sizes []string
	// DefaultSize, when not nil, chooses the size when none is asked
	// for, from the document's languages (one, or two in one document).
	DefaultSize func(langs []*templates.Language) string
	// SizeNote, when not empty, ends the help of --NAME-size: what the
	// default is when DefaultSize chooses it.
	SizeNote string
	// PerEntrance makes one document for each entrance the property
	// lists (one when it lists none), named after it; otherwise one
	// document is made for the whole property.
	PerEntrance bool
	// Copies is how many copies of one document of p to print; 0 means
	// that p does not say (never a guess).
	Copies func(p *property.Property) int
	// Layout lays out a document in one language on paper of size.
	Layout func(doc content.Document, size string, m layout.Measurer) (*layout.Doc, error)
	// Pair, when not nil, lays out one document in two languages
	// (--NAME-langs), made on PairSize only; PairHelp is the flag's
	// help and PairWhy, with %s for the size asked for, says why
	// another size cannot hold two languages.
	Pair     func(docs [2]content.Document, size string, m layout.Measurer) (*layout.Doc, error)
	PairSize string
	PairHelp string
	PairWhy  string
	// Cover is the kind's column on a print order's cover sheet.
	Cover Column
}

// Column is a kind's column on a print order's cover sheet, and the
// words that count its documents there and in manifest.xlsx.
type Column struct {
	// Share is the column's part of the width the kinds' columns share.
	Share float64
	// Sheets says the sheets to print as well as the copies on each of
	// the column's lines ("40 × A5 = 20 A4-ark"); a document printed
	// one to a sheet, whose count says its sheets, leaves it out.
	Sheets bool
	// Words are the column's words in each language a cover is written
	// in ("sv", "en").
	Words map[string]Words
}

// Words name a kind in one language.
type Words struct {
	One, Many string // "affisch", "affischer": a count of documents
	Heading   string // "Affischer": the cover's column and its total
	// Note, when not empty, is a line under the kind's totals that says
	// how its count is made.
	Note string
}

// In returns the kind's words in the cover language lang: English for
// "en", else Swedish, as the cover itself.
func (c Column) In(lang string) Words {
	if w, ok := c.Words[strings.ToLower(lang)]; ok {
		return w
	}
	return c.Words["sv"]
}

// The kinds.
var (
	// Poster is the stairwell poster: one page, one for each entrance.
	Poster = &Kind{
		Name:  "poster",
		Sizes: layout.PosterSizes,
		// A3 for a poster in two languages, the only size that holds
		// them, and for an easy-to-read language, whose larger text
		// with a sentence a line does not fit on A4.
		DefaultSize: func(langs []*templates.Language) string {
			if len(langs) > 1 {
				return "A3"
			}
			for _, l := range langs {
				if l.EasyRead {
					return "A3"
				}
			}
			return "A4"
		},
		SizeNote:    "default A4; A3 for --poster-langs and easy-to-read Swedish",
		PerEntrance: true,
		Copies:      func(*property.Property) int { return 1 },
		Layout:      layout.Poster,
		Pair:        layout.BilingualPoster,
		PairSize:    "A3",
		PairHelp:    "two languages, e.g. sv,ar: A3 posters with both on one page, instead of one poster per language",
		PairWhy:     "%s cannot hold two languages at 11 pt",
		Cover: Column{Share: 44, Words: map[string]Words{
			"sv": {One: "affisch", Many: "affischer", Heading: "Affischer"},
			"en": {One: "poster", Many: "posters", Heading: "Posters"},
		}},
	}
	// Leaflet is the door leaflet: front and back, one for each
	// apartment.
	Leaflet = &Kind{
		Name:     "leaflet",
		Sizes:    layout.LeafletSizes,
		Copies:   func(p *property.Property) int { return p.Building.Apartments },
		Layout:   layout.Leaflet,
		Pair:     layout.LeafletSides,
		PairSize: "A5",
		PairHelp: "two languages, e.g. sv,so: one A5 leaflet with a language on each side, instead of one leaflet per language",
		PairWhy:  "a side of %s holds too little",
		Cover: Column{Share: 64, Sheets: true, Words: map[string]Words{
			"sv": {One: "folder", Many: "foldrar", Heading: "Foldrar",
				Note: "En folder per lägenhet och språk, efter antalet lägenheter i fastighetens fil."},
			"en": {One: "leaflet", Many: "leaflets", Heading: "Leaflets",
				Note: "One leaflet per apartment and language, from the number of apartments in the property's file."},
		}},
	}
)

// All are the kinds in the order their documents are made, listed and
// counted.
var All = []*Kind{Poster, Leaflet}

// Named returns the kind called name, or nil.
func Named(name string) *Kind {
	for _, k := range All {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// Names are the kinds' names, in the order of All.
func Names() []string {
	out := make([]string, len(All))
	for i, k := range All {
		out[i] = k.Name
	}
	return out
}

// Size returns the size of a document in langs when size is not asked
// for ("").
func (k *Kind) Size(size string, langs []*templates.Language) string {
	switch {
	case size != "":
		return size
	case k.DefaultSize != nil:
		return k.DefaultSize(langs)
	}
	return k.Sizes[0]
}

func (k *Kind) String() string { return k.Name }
