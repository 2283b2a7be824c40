package property

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"huskurage/helpline"
	"huskurage/templates"
)

// The starter property file is made from the field table: a header,
// then each field's comment and lines (Field.starter), in the order of
// the table, with a blank line before each top-level field. Its marks:
//
//   - A line of starterHeader that starts with "sv|" or "en|" is a
//     comment in that language; the prefix is dropped, and the line is
//     left out of the other language's file. A field's comment is given
//     in each language, without "# ", which is added with the field's
//     indentation.
//   - "{{#}}" starts a field that is commented out: "#" in the file.
//   - "{{REPLACE}}" marks an example value that must be replaced: it
//     becomes a short comment saying so, and the loader refuses the
//     value wherever it is still present (StarterValues), commented-out
//     fields included, so that no example reaches a printed page.
//   - {{MAX}}, {{ITEMMAX}} and {{MAX name}} are the field's limits (see
//     fieldTable); {{LANGUAGES}}, {{LINES}}, {{DEFAULT}}, {{MAXLOGO}} and
//     {{MAXPIXELS}} are filled in from the live lists and limits, so the
//     comments never go stale.
//
// The phone numbers are from the range that PTS (the Swedish Post and
// Telecom Authority) keeps for fiction, 070-174 06 05 to 070-174 06 99:
// a starter value never rings a real number.

// starterHeader is the comment at the top of the starter file.
const starterHeader = `sv|# Huskurage: en fil för varje fastighet.
en|# Huskurage property file: one building per file.
#
sv|# Fyll i fälten nedan och kör sedan huskurage för att skriva ut affischen
sv|# för varje uppgång och lappen till hyresgästerna. Rader som börjar med #
sv|# är kommentarer och läses inte. Dra in med mellanslag, aldrig med tabb.
sv|# Text som innehåller ": " eller börjar med # skrivs inom "citattecken".
sv|#
sv|# Värden märkta "byt ut" är påhittade exempel: huskurage vägrar skriva ut
sv|# dem. Byt ut vart och ett mot ert eget, eller ta bort raden om fältet är
sv|# valfritt.
en|# Fill in the fields below, then run huskurage to print the poster for
en|# each entrance and the leaflet for the tenants. Lines that start with #
en|# are comments and are ignored. Indent with spaces, never with tabs.
en|# Text that contains ": " or starts with # must be put in "double quotes".
en|#
en|# Values marked "replace" are made-up examples: huskurage refuses to
en|# print them. Replace each with your own, or delete the line if the
en|# field is optional.
`

// logoSide is the side of the largest square logo.
var logoSide = int(math.Sqrt(MaxLogoPixels))

// StarterLanguages are the languages `huskurage init` writes its
// comments in; the first is the default.
var StarterLanguages = []string{"sv", "en"}

// replaceNote is what {{REPLACE}} becomes in each language.
var replaceNote = map[string]string{"sv": "  # byt ut", "en": "  # replace"}

// StarterMark returns the comment that marks an example value in the
// starter file in lang ("# byt ut"), or "".
func StarterMark(lang string) string { return strings.TrimSpace(replaceNote[lang]) }

// Starter returns a commented property file for `huskurage init` that
// documents every field, with its comments in lang, one of
// StarterLanguages. Its example values are marked, and the loader
// refuses each of them (see StarterValues) until it is replaced.
func Starter(lang string) ([]byte, error) {
	note, ok := replaceNote[lang]
	if !ok {
		return nil, fmt.Errorf("no starter file in %q (choose one of %s)", lang, strings.Join(StarterLanguages, ", "))
	}
	return []byte(renderStarter(lang, "#", note)), nil
}

// renderStarter writes the starter file for lang, with hash for {{#}}
// and note for {{REPLACE}}.
func renderStarter(lang, hash, note string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(starterHeader, "\n") {
		if l, text, ok := strings.Cut(line, "|"); ok && len(l) == 2 && !strings.ContainsAny(l, " #") {
			if l != lang {
				continue
			}
			line = text
		}
		b.WriteString(line)
	}
	for _, f := range topField.fields {
		writeStarterField(&b, f, lang, "")
	}
	r := strings.NewReplacer(
		"{{#}}", hash,
		"{{REPLACE}}", note,
		"{{LANGUAGES}}", strings.Join(templates.Codes(), ", "),
		"{{LINES}}", strings.Join(helpline.IDs(), ", "),
		"{{DEFAULT}}", strings.Join(helpline.Default, ", "),
		"{{MAXLOGO}}", fmt.Sprintf("%d MiB", MaxLogoSize>>20),
		"{{MAXPIXELS}}", fmt.Sprintf("%d×%d", logoSide, logoSide),
	)
	return r.Replace(b.String())
}

// writeStarterField writes field f's part of the starter file in lang,
// and its fields', each line indented by indent.
func writeStarterField(b *strings.Builder, f *Field, lang, indent string) {
	if indent == "" && !f.tight {
		b.WriteString("\n")
	}
	limits := []string{"{{MAX}}", strconv.Itoa(f.Max), "{{ITEMMAX}}", strconv.Itoa(f.ItemMax)}
	for _, sf := range f.fields {
		limits = append(limits, "{{MAX "+sf.name+"}}", strconv.Itoa(sf.Max))
	}
	fill := strings.NewReplacer(limits...)
	for _, bl := range f.starter {
		comment := bl.sv
		if lang == "en" {
			comment = bl.en
		}
		for _, line := range strings.Split(fill.Replace(comment), "\n") {
			b.WriteString(indent + "# " + line + "\n")
		}
		for _, line := range strings.Split(bl.yaml, "\n") {
			b.WriteString(indent + line + "\n")
		}
	}
	if f.Kind == KindSection {
		for _, sf := range f.fields {
			writeStarterField(b, sf, lang, indent+"  ")
		}
	}
}

// starterMark is the comment that marks a value to replace when the
// starter is read for its values.
const starterMark = "#starter-value"

// starterValues maps the field path of each example value in the starter
// ("contacts[].phone" for any contact's phone) to the values as written
// there. It is read from starterText itself, with the commented-out
// fields switched on, so that it cannot drift from the file that init
// writes.
var starterValues = func() map[string][]string {
	src := renderStarter(StarterLanguages[0], "", " "+starterMark)
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		panic("property: the starter text with its fields switched on is not YAML: " + err.Error())
	}
	out := map[string][]string{}
	walkValues(&doc, "", "", func(pattern, _ string, n *yaml.Node) {
		if n.LineComment == starterMark {
			out[pattern] = append(out[pattern], n.Value)
		}
	})
	return out
}()

// walkValues calls f for every scalar that is a field's value or a list
// item, with its field path twice: as a pattern, where a list item is
// "[]" whatever its place, and as the path errors use ("contacts[1]").
func walkValues(n *yaml.Node, pattern, path string, f func(pattern, path string, n *yaml.Node)) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			walkValues(c, pattern, path, f)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode {
				walkValues(n.Content[i+1], join(pattern, k.Value), join(path, clip(k.Value)), f)
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			walkValues(c, pattern+"[]", index(path, i), f)
		}
	case yaml.ScalarNode:
		if !isNull(n) {
			f(pattern, path, n)
		}
	}
}

// valueKey is what two values must share to be the same example: their
// letters and digits, in lower case, so that "070-174 06 90" and
// "0701740690", or a link with a slash at the end, are both caught.
func valueKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// starterKeys are the examples of starterValues as valueKey makes them,
// by pattern (empty keys left out: they match nothing), and
// starterPrefixes every leading part of a pattern that has examples ("",
// "c", "co", … "contacts[].phone"). Both are made once, so that checking
// a property makes no string for a value and looks only under the fields
// that have examples: a batch checks every property (0.03 ms each when
// every value's key was made and every example's again).
var starterKeys, starterPrefixes = func() (map[string][]string, map[string]bool) {
	keys, prefixes := map[string][]string{}, map[string]bool{}
	for pattern, values := range starterValues {
		for _, v := range values {
			if k := valueKey(v); k != "" && !slices.Contains(keys[pattern], k) {
				keys[pattern] = append(keys[pattern], k)
			}
		}
		for i := range len(pattern) + 1 {
			prefixes[pattern[:i]] = true
		}
	}
	return keys, prefixes
}()

// hasKey reports whether valueKey(s) is key, without making it.
func hasKey(s, key string) bool {
	j := 0
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		k, size := utf8.DecodeRuneInString(key[j:])
		if size == 0 || k != unicode.ToLower(r) {
			return false
		}
		j += size
	}
	return j == len(key)
}

// refuseStarterValues reports every value that is still one of the
// starter file's examples: none may reach a printed page. It finds what
// walkValues with a comparison of valueKeys would, in the same order.
func (l *loader) refuseStarterValues(root *yaml.Node) {
	w := starterWalk{l: l, pattern: make([]byte, 0, 64)}
	w.walk(root)
}

// starterWalk walks a tree as walkValues does, keeping the pattern in
// one buffer (a map lookup with string(bytes) makes no string) and the
// path as the steps to it, made into text only for a value reported.
type starterWalk struct {
	l       *loader
	pattern []byte
	steps   []pathStep
}

func (w *starterWalk) walk(n *yaml.Node) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			w.walk(c)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				continue
			}
			mark := len(w.pattern)
			if mark > 0 {
				w.pattern = append(w.pattern, '.')
			}
			w.pattern = append(w.pattern, k.Value...)
			w.down(n.Content[i+1], pathStep{k.Value, -1}, mark)
		}
	case yaml.SequenceNode:
		mark := len(w.pattern)
		w.pattern = append(w.pattern, "[]"...)
		for i, c := range n.Content {
			w.down(c, pathStep{"", i}, mark)
		}
		w.pattern = w.pattern[:mark]
	case yaml.ScalarNode:
		if !isNull(n) {
			w.value(n)
		}
	}
}

// down walks n, one step below, when its pattern leads to an example,
// then cuts the pattern back to mark.
func (w *starterWalk) down(n *yaml.Node, step pathStep, mark int) {
	if starterPrefixes[string(w.pattern)] {
		w.steps = append(w.steps, step)
		w.walk(n)
		w.steps = w.steps[:len(w.steps)-1]
	}
	if step.index < 0 {
		w.pattern = w.pattern[:mark]
	}
}

func (w *starterWalk) value(n *yaml.Node) {
	keys := starterKeys[string(w.pattern)]
	for _, key := range keys {
		if !hasKey(n.Value, key) {
			continue
		}
		pattern := string(w.pattern)
		path := pathOfSteps("", w.steps)
		var noun sayer = Textf("value")
		if f := fieldsByPath[pattern]; f != nil && f.Noun != "" {
			noun = phraseArg(f.Noun)
		}
		w.l.addAt(n, path, Textf("%q is the example from `huskurage init`, not a real %s", clip(n.Value), noun),
			Textf("replace it with your own %s; the starter's examples are never printed", noun))
		return
	}
}
