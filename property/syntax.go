package property

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// This file turns the YAML parser's syntax errors into errors that point
// at the line a person has to change and say what to do there.
//
// yaml.v3 often names the wrong line: for a parser error it gives the
// line where the enclosing block starts (a list item dedented on line 26
// is reported on line 2), and for a line dedented by mistake it names the
// next line, with a message about colons. So the loader finds the place
// itself: the first line whose inclusion makes the file unparsable, and
// then the single change to that line or one of the two before it (indent
// it like its neighbours, add "- ", add the space after a colon, put the
// text in quotes) that makes the file parse again. The change that works
// says both where the mistake is and how to put it right.

// syntaxError turns an error from the YAML parser into a positioned Error.
func (l *loader) syntaxError(src []byte, err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, after, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil && n > 0 {
				line, msg = n, after
				// yaml.v3 counts lines from 1 for scanner errors but
				// from 0 for parser errors.
				if isParserError(msg) {
					line++
				}
			}
		}
	}
	if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
		name = strings.TrimSuffix(name, "' referenced")
		line, col := findAlias(src, name)
		l.add(l.at(line, col), "", Textf("aliases (*%s) are not allowed in a property file", name),
			Textf("write the value out in full"))
		return
	}
	if strings.Contains(msg, "found character that cannot start any token") && lineIndentedWithTab(src, line) ||
		strings.Contains(msg, "found a tab character") {
		// yaml.v3 names the line of the value it was reading, which can
		// be lines before the tab: point at the first tab-indented line
		// from there on.
		col := 1
		if tab := firstTabIndent(src, line); tab > 0 {
			line = tab
			col = strings.IndexByte(lineAt(src, line), '\t') + 1 // spaces before it are one byte each
		}
		l.add(l.at(line, col), "", Textf("YAML syntax error: the line is indented with a tab, which YAML does not allow"),
			Textf("indent with spaces, not tabs"))
		return
	}
	d := diagnose(src, l.offset)
	if !d.problem.IsZero() {
		l.add(l.at(d.line, d.col), "", Textf("YAML syntax error: %s", d.problem), d.hint)
		return
	}
	if d.line > 0 {
		// No single change mends the file, but the first line that
		// breaks it is a better place to look than the start of the
		// block that yaml.v3 names.
		line = d.line
	}
	// The parser's own words are English: a Swedish reader is told so
	// (see swedish.go) rather than given them inside a Swedish sentence.
	problem := Textf("YAML syntax error: %v", msg) // %v: the parser's English, not a Text (see swedish.go)
	hint := Textf("check the indentation and the quotes on this line and the one before")
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		hint = Textf(`text that contains ": " must be in quotes, e.g. note: "Obs: ring först"; otherwise check the indentation`)
	case strings.Contains(msg, "',' or ']'") || strings.Contains(msg, "',' or '}'"):
		hint = Textf("check that every [ or { is closed on the same line, and put text that contains a comma in quotes")
	case strings.Contains(msg, "unexpected end of stream"):
		hint = Textf("check that every opening quote or bracket is closed")
		if text := lineAt(src, line); strings.Count(text, `"`)%2 == 1 {
			problem = Textf("YAML syntax error: %s", Textf("the double quote (\") opened on this line is never closed"))
			hint = Textf(`end the text with " as well, or remove the quote`)
		} else if strings.Count(text, "'")%2 == 1 && strings.Contains(text, ": '") {
			problem = Textf("YAML syntax error: %s", Textf("the single quote (') opened on this line is never closed"))
			hint = Textf(`end the text with ' as well, or remove the quote`)
		}
	}
	l.add(l.at(line, 1), "", problem, hint)
}

// checkSpaces reports a space character other than the ordinary one (a
// non-breaking space, pasted from a web page or a word processor) where
// YAML needs an ordinary space: in a line's indentation, or right after
// the colon of a field name or the dash of a list item. YAML sees it as a
// letter, so the file would otherwise fail with a puzzling message, or
// worse, load with a field named " city". Spaces inside text are fine.
func (l *loader) checkSpaces(src []byte) bool {
	// A file without any odd space (nearly all) has none to report: it
	// is not cut into lines (which cost a property in a batch as much
	// as the rest of this check).
	if !hasOddSpace(src) {
		return true
	}
	ok := true
	for i, ln := range splitLines(src) {
		col, r := oddSpace(ln.text)
		if col == 0 {
			continue
		}
		problem := Textf("the space character %U where YAML needs an ordinary space", r)
		if r == '\u00A0' {
			problem = Textf("a non-breaking space (U+00A0) where YAML needs an ordinary space")
		}
		l.add(l.at(i+1, col), "", problem,
			Textf("retype the spaces at the start of the line and after the colon or dash; it may have come along when text was copied from a web page or a document"))
		ok = false
	}
	return ok
}

// oddSpaceStart marks the bytes an odd space starts with in UTF-8: \v,
// \f, and the lead bytes of U+0085, U+00A0 (0xC2), U+1680 (0xE1),
// U+2000 to U+205F (0xE2) and U+3000 (0xE3). Any other byte starts no
// odd space, and a lead byte is never inside another character.
var oddSpaceStart = [256]bool{0x0B: true, 0x0C: true, 0xC2: true, 0xE1: true, 0xE2: true, 0xE3: true}

// hasOddSpace reports whether src holds a rune for which isOddSpace is
// true, decoding only the characters that start as one may.
func hasOddSpace(src []byte) bool {
	for i := 0; i < len(src); i++ {
		if !oddSpaceStart[src[i]] {
			continue
		}
		if r, _ := utf8.DecodeRune(src[i:]); isOddSpace(r) {
			return true
		}
	}
	return false
}

// isOddSpace reports whether r is a space that oddSpace would find in a
// line: any but the ordinary space and tab, and the line ends, which
// are never in a line.
func isOddSpace(r rune) bool {
	return unicode.IsSpace(r) && r != ' ' && r != '\t' && r != '\n' && r != '\r'
}

// oddSpace finds an odd space in text where YAML needs an ordinary one;
// it returns its column (counted in characters), or 0.
func oddSpace(text string) (col int, r rune) {
	odd := func(r rune) bool { return unicode.IsSpace(r) && r != ' ' && r != '\t' }
	col = 1
	rest := text
	// The indentation, and the dashes and spaces of list items in it.
	for rest != "" {
		c, size := utf8.DecodeRuneInString(rest)
		switch {
		case odd(c):
			return col, c
		case c == ' ' || c == '\t':
		case c == '-' && len(rest) > 1:
			next, _ := utf8.DecodeRuneInString(rest[1:])
			if next != ' ' && !odd(next) {
				return 0, 0
			}
		default:
			// A plain field name, then its colon.
			if strings.ContainsRune("#\"'[{|>&*!%@`", c) {
				return 0, 0
			}
			for i, k := range rest {
				if k == ':' {
					after, _ := utf8.DecodeRuneInString(rest[i+1:])
					if odd(after) {
						return col + utf8.RuneCountInString(rest[:i+1]), after
					}
					return 0, 0
				}
				if k == ' ' || k == '#' {
					return 0, 0
				}
			}
			return 0, 0
		}
		col++
		rest = rest[size:]
	}
	return 0, 0
}

// srcLine is one line of a file, without its line end.
type srcLine struct {
	text, end string
}

// splitLines cuts src into lines; lines end with \n, \r\n or \r, as for
// the YAML parser.
func splitLines(src []byte) []srcLine {
	var out []srcLine
	s := string(src)
	for s != "" {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			out = append(out, srcLine{text: s})
			break
		}
		end := 1
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			end = 2
		}
		out = append(out, srcLine{text: s[:i], end: s[i : i+end]})
		s = s[i+end:]
	}
	return out
}

// lineAt returns line n (from 1) of src, or "".
func lineAt(src []byte, n int) string {
	lines := splitLines(src)
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1].text
}

// diagnosis is where a syntax error is and how to mend it. problem is
// empty when no single change was found; line is then the first line
// that breaks the file, or 0.
type diagnosis struct {
	line, col     int
	problem, hint Text
}

// diagnoseBudget bounds the bytes parsed while looking for the mistake.
// yaml.v3 parses about 4 MB a second, so a large broken file costs at
// most about 0.13 s more; a property file of 100 lines (3 KB) is parsed
// about 30 times, well inside it. A file too large to search gets the
// parser's own message.
const diagnoseBudget = 512 << 10

// prefixParser parses the first lines of a file, within a budget.
type prefixParser struct {
	budget int
}

// parse parses the first k lines of ls. afford is false, and nothing is
// parsed, when that would exceed the budget.
func (p *prefixParser) parse(ls []srcLine, k int) (doc *yaml.Node, afford bool, err error) {
	size := 0
	for _, ln := range ls[:k] {
		size += len(ln.text) + len(ln.end)
	}
	if size > p.budget {
		return nil, false, nil
	}
	p.budget -= size
	b := make([]byte, 0, size)
	for _, ln := range ls[:k] {
		b = append(b, ln.text...)
		b = append(b, ln.end...)
	}
	doc = new(yaml.Node)
	if err := yaml.NewDecoder(bytes.NewReader(b)).Decode(doc); err != nil {
		return nil, true, err
	}
	return doc, true, nil
}

// endsEarly reports whether a parse error is only the text ending too
// early: an open quote or bracket that a later line would close.
func endsEarly(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "end of stream") || strings.Contains(msg, "did not find expected node content") ||
		strings.Contains(msg, "',' or ']'") || strings.Contains(msg, "',' or '}'")
}

// diagnose finds the line to change and the change to make. offset is
// the number of lines in the file before src, for line numbers in hints.
func diagnose(src []byte, offset int) diagnosis {
	// The search parses the file about log2(lines) + 20 times: a file
	// too large for that within the budget is left to the parser's
	// message.
	if len(src) > diagnoseBudget/8 {
		return diagnosis{}
	}
	lines := splitLines(src)
	p := &prefixParser{budget: diagnoseBudget}
	n := len(lines)
	if n == 0 {
		return diagnosis{}
	}
	// broken is 1 when the first k lines fail to parse for a reason
	// other than ending too early, 0 when they do not, and -1 when the
	// budget is spent.
	broken := func(k int) int {
		_, afford, err := p.parse(lines, k)
		switch {
		case !afford:
			return -1
		case err != nil && !endsEarly(err):
			return 1
		}
		return 0
	}
	if broken(n) != 1 {
		return diagnosis{}
	}
	// The first line whose inclusion breaks the file.
	lo, hi := 1, n
	for lo < hi {
		mid := (lo + hi) / 2
		switch broken(mid) {
		case -1:
			return diagnosis{}
		case 1:
			hi = mid
		default:
			lo = mid + 1
		}
	}
	first := lo
	d := diagnosis{line: first}
	// A change must let the file parse up to three lines past the first
	// broken one; a second mistake further on is found once this one is
	// mended.
	upto := first
	for count := 0; upto < n && count < 3; upto++ {
		if significant(lines[upto].text) {
			count++
		}
	}
	// Of the changes that work, the best leaves the fewest fields where
	// they do not belong (a dedented "city:" is mended by indenting it,
	// not by moving the next line out of property: too), then is on the
	// first broken line, then comes first in the order fixes tries them.
	best, bestUnknown := diagnosis{}, 0
	for _, c := range candidates(lines, first) {
		for _, f := range fixes(lines, c, offset) {
			ls := append([]srcLine(nil), lines...)
			ls[c].text = f.text
			doc, afford, err := p.parse(ls, upto)
			if !afford {
				break
			}
			if err != nil || !fieldsStartNodes(ls, doc, c, upto) {
				continue
			}
			unknown := unknownFields(doc)
			if best.problem.IsZero() || unknown < bestUnknown {
				best, bestUnknown = diagnosis{line: c + 1, col: f.col, problem: f.problem, hint: f.hint}, unknown
			}
		}
	}
	if !best.problem.IsZero() {
		return best
	}
	return d
}

// fieldsStartNodes reports whether line c, and each line after it up to
// line upto that looks like a field ("name:" or "- "), starts a node of
// doc. A change that makes a line part of the text of the line before
// mends the syntax but not the file.
func fieldsStartNodes(ls []srcLine, doc *yaml.Node, c, upto int) bool {
	starts := map[int]bool{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind != yaml.DocumentNode {
			starts[n.Line] = true
		}
		for _, k := range n.Content {
			walk(k)
		}
	}
	walk(doc)
	for i := c; i < upto; i++ {
		body := strings.TrimLeft(ls[i].text, " ")
		if _, _, field := splitField(body); (i == c || field || strings.HasPrefix(body, "- ")) && !starts[i+1] {
			return false
		}
	}
	return true
}

// unknownFields counts the field names in doc that are not valid where
// they stand, one level into each section.
func unknownFields(doc *yaml.Node) int {
	if doc == nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return 0
	}
	count := 0
	check := func(m *yaml.Node, known []string) {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if !contains(known, m.Content[i].Value) {
				count++
			}
		}
	}
	root := doc.Content[0]
	check(root, topField.keys)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		for _, s := range sections {
			switch {
			case s.path == "" || s.path != k.Value:
			case v.Kind == yaml.MappingNode:
				check(v, s.keys)
			case v.Kind == yaml.SequenceNode:
				for _, item := range v.Content {
					if item.Kind == yaml.MappingNode {
						check(item, s.keys)
					}
				}
			}
		}
	}
	return count
}

// significant reports whether a line holds more than spaces and a
// comment.
func significant(text string) bool {
	t := strings.TrimLeft(text, " ")
	return t != "" && !strings.HasPrefix(t, "#")
}

// candidates are the lines (from 0) where the mistake may be: the first
// line that breaks the file and the two lines with content before it,
// since a line dedented by mistake only breaks the file at the line
// after it.
func candidates(lines []srcLine, first int) []int {
	out := []int{first - 1}
	for i := first - 2; i >= 0 && len(out) < 3; i-- {
		if significant(lines[i].text) {
			out = append(out, i)
		}
	}
	return out
}

// fix is one change to one line, with what it says about the mistake.
type fix struct {
	text          string
	col           int
	problem, hint Text
}

// fixes are the changes to try on line c, the most telling first.
// offset is added to line numbers in hints.
func fixes(lines []srcLine, c, offset int) []fix {
	text := lines[c].text
	if !significant(text) {
		return nil
	}
	indent := len(text) - len(strings.TrimLeft(text, " "))
	body := text[indent:]
	what := describeLine(body)
	var out []fix

	key, value, hasColon := splitField(body)
	// A missing space after the colon: "city:Nödinge".
	if i := strings.Index(body, ":"); i > 0 && i+1 < len(body) && body[i+1] != ' ' && !strings.ContainsAny(body[:i], " \"'") &&
		!strings.HasPrefix(body, "- ") {
		fixed := body[:i+1] + " " + body[i+1:]
		out = append(out, fix{text: text[:indent] + fixed, col: indent + utf8.RuneCountInString(body[:i]) + 1,
			problem: Textf("there is no space after the colon in %s", clip(body)),
			hint:    Textf("write %s, with a space after the colon", clip(fixed))})
	}
	// A field name without its colon: "qr" or "city Nödinge".
	if word, rest, _ := strings.Cut(body, " "); !hasColon && looksLikeName(word) {
		fixed := word + ":"
		if rest != "" {
			fixed += " " + rest
		}
		out = append(out, fix{text: text[:indent] + fixed, col: indent + utf8.RuneCountInString(word) + 1,
			problem: Textf("%s has no colon after the field name", what),
			hint:    Textf("write %s", clip(fixed))})
	}
	// Text that YAML reads as more than text.
	if hasColon && value != "" && !strings.ContainsAny(value[:1], "\"'") {
		quoted := strconv.Quote(value)
		problem := Textf("the text after %s: must be in quotes", key)
		switch {
		case strings.Contains(value, ": "):
			problem = Textf(`the text after %s: contains ": ", which YAML reads as another field`, key)
		case strings.ContainsAny(value[:1], "@`%!&*|>[{#-?,"):
			problem = Textf("the text after %s: starts with %q, which YAML reads as a sign", key, value[:1])
		}
		prefix := text[:len(text)-len(value)]
		out = append(out, fix{text: prefix + quoted, col: utf8.RuneCountInString(prefix) + 1,
			problem: problem, hint: Textf("put it in double quotes: %s%s", strings.TrimLeft(prefix, " "), quoted)})
	}
	// The indentation: each indentation of the lines around it, the
	// likeliest first.
	for _, in := range indents(lines, c) {
		if in == indent {
			continue
		}
		problem := Textf("%s is indented too little", what)
		if in < indent {
			problem = Textf("%s is indented too much", what)
		}
		how := Textf("start it with %d spaces", in)
		switch in {
		case 0:
			how = Textf("start it at the beginning of the line")
		case 1:
			how = Textf("start it with 1 space")
		}
		if ref := likeLine(lines, c, in); ref >= 0 {
			refBody := strings.TrimLeft(lines[ref].text, " ")
			if !strings.HasPrefix(body, "- ") && indentOf(lines[ref].text) != in {
				refBody = strings.TrimPrefix(refBody, "- ")
			}
			how = Textf("%s, like %s on line %d", how, shortLine(refBody), ref+1+offset)
		}
		out = append(out, fix{text: strings.Repeat(" ", in) + body, col: 1, problem: problem, hint: how})
	}
	// A list item without its dash: "7B" under "- 7A", or a contact's
	// "name:" that should start a new contact.
	if !strings.HasPrefix(body, "- ") {
		hint := Textf(`start it with "- ", like the other items of the list`)
		if hasColon {
			hint = Textf(`if it starts a new item of the list, begin it with "- ", like the item before`)
		}
		for _, in := range []int{indent, indent - 2} {
			if in >= 0 {
				out = append(out, fix{text: strings.Repeat(" ", in) + "- " + body, col: indent + 1,
					problem: Textf("%s is not marked as an item of the list", what), hint: hint})
			}
		}
	}
	return out
}

// looksLikeName reports whether word could be a field name: a letter,
// then letters, digits, '_' and '-'.
func looksLikeName(word string) bool {
	for i, r := range word {
		if !(unicode.IsLetter(r) || i > 0 && (unicode.IsDigit(r) || r == '_' || r == '-')) {
			return false
		}
	}
	return word != ""
}

// splitField splits "key: value" (or "- key: value"); value is "" when
// there is none or it is only a comment.
func splitField(body string) (key, value string, ok bool) {
	body = strings.TrimPrefix(body, "- ")
	if body == "" || strings.ContainsAny(body[:1], "\"'[{#") {
		return "", "", false
	}
	i := strings.Index(body, ": ")
	if i < 0 {
		if strings.HasSuffix(body, ":") {
			return body[:len(body)-1], "", true
		}
		return "", "", false
	}
	key, value = body[:i], strings.TrimSpace(body[i+2:])
	if strings.HasPrefix(value, "#") {
		value = ""
	}
	return key, value, true
}

// indents are the indentations to try for line c: those of the nearest
// lines with content before and after it, nearest first, then two more
// and two fewer spaces.
func indents(lines []srcLine, c int) []int {
	var out []int
	add := func(in int) {
		if in >= 0 && !containsInt(out, in) {
			out = append(out, in)
		}
	}
	before, after := 0, 0
	for d := 1; before < 8 || after < 3; d++ {
		if c-d < 0 && c+d >= len(lines) {
			break
		}
		if i := c - d; i >= 0 && before < 8 && significant(lines[i].text) {
			before++
			add(indentOf(lines[i].text))
		}
		if i := c + d; i < len(lines) && after < 3 && significant(lines[i].text) {
			after++
			add(indentOf(lines[i].text))
		}
	}
	in := indentOf(lines[c].text)
	add(in + 2)
	add(in - 2)
	return out
}

// likeLine finds the line to show as an example of the indentation in
// for line c: the nearest line before it (or else after it) of the same
// kind whose field name (for a field) or dash (for a list item) stands
// in column in, or failing that any line that starts there; -1 when
// there is none. The field name of "- name: x" stands after the dash.
func likeLine(lines []srcLine, c, in int) int {
	body := strings.TrimLeft(lines[c].text, " ")
	item := strings.HasPrefix(body, "- ") || !isField(body)
	fits := func(i int, sameKind bool) bool {
		text := lines[i].text
		if i == c || !significant(text) {
			return false
		}
		body := strings.TrimLeft(text, " ")
		switch {
		case !sameKind:
			return indentOf(text) == in
		case item:
			return strings.HasPrefix(body, "- ") && indentOf(text) == in
		case strings.HasPrefix(body, "- "):
			return isField(body) && indentOf(text)+2 == in
		}
		return isField(body) && indentOf(text) == in
	}
	for _, sameKind := range []bool{true, false} {
		for i := c - 1; i >= 0; i-- {
			if fits(i, sameKind) {
				return i
			}
		}
		for i := c + 1; i < len(lines); i++ {
			if fits(i, sameKind) {
				return i
			}
		}
	}
	return -1
}

// isField reports whether a line's text (without its indentation) is a
// field, "name: value" or "- name: value", rather than a list item that
// holds a value.
func isField(body string) bool {
	_, _, ok := splitField(body)
	return ok
}

func indentOf(text string) int { return len(text) - len(strings.TrimLeft(text, " ")) }

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// describeLine names a line in a message: "the field city:" or "the
// list item "- 7B"", else the start of its text in quotes.
func describeLine(body string) Text {
	switch {
	case strings.HasPrefix(body, "- "):
		return Textf("the list item %q", clip(strings.TrimSpace(body)))
	case isField(body):
		key, _, _ := splitField(body)
		return Textf("the field %s:", clip(key))
	}
	return Textf("%q", clip(strings.TrimSpace(body)))
}

// shortLine names a line for "like ... on line 14": "postal_code:", or
// the list item in quotes.
func shortLine(body string) string {
	if key, _, ok := splitField(body); ok && !strings.HasPrefix(body, "- ") {
		return clip(key) + ":"
	}
	return fmt.Sprintf("%q", clip(strings.TrimSpace(body)))
}

// firstTabIndent returns the first line at or after from whose
// indentation holds a tab, or 0.
func firstTabIndent(src []byte, from int) int {
	for i, l := range splitLines(src) {
		if i+1 < from {
			continue
		}
		indent := l.text[:len(l.text)-len(strings.TrimLeft(l.text, " \t"))]
		if strings.Contains(indent, "\t") && strings.TrimSpace(l.text) != "" {
			return i + 1
		}
	}
	return 0
}

// parserProblems are the messages of yaml.v3's parser, as opposed to
// its scanner.
var parserProblems = []string{
	"did not find expected <stream-start>",
	"did not find expected <document start>",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found undefined tag handle",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found duplicate %TAG directive",
}

func isParserError(msg string) bool {
	for _, p := range parserProblems {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// findAlias finds where *name is used, for the parser's error about an
// alias whose anchor does not exist; it gives up with 1:1.
func findAlias(src []byte, name string) (line, col int) {
	needle := "*" + name
	for i, l := range splitLines(src) {
		if j := strings.Index(l.text, needle); j >= 0 {
			return i + 1, utf8.RuneCountInString(l.text[:j]) + 1
		}
	}
	return 1, 1
}

func lineIndentedWithTab(src []byte, line int) bool {
	text := lineAt(src, line)
	indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
	return strings.Contains(indent, "\t")
}
