package templates

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"huskurage/input"
)

// Problem is something wrong in a texts file, at a line and column.
type Problem struct {
	File      string
	Line, Col int
	Key       string
	Message   string
}

func (p Problem) Error() string {
	key := ""
	if p.Key != "" {
		key = p.Key + ": "
	}
	return fmt.Sprintf("%s:%d:%d: %s%s", p.File, p.Line, p.Col, key, p.Message)
}

// Problems are every problem of a texts file, in file order.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// MaxOverrideSize is the largest texts file read.
const MaxOverrideSize = 256 << 10

// WithOverride reads a municipality's own texts file: the same format as
// the embedded language files. For a language of s, it may give only the
// texts it changes; for a new one, every text. covers, when not nil, says
// which characters the embedded fonts can draw. It returns a new set, s
// with the file's language added or changed in it, and that language; s
// itself does not change.
func (s *Set) WithOverride(path string, covers func(rune) bool) (*Set, *Language, error) {
	src, err := input.Read(path, MaxOverrideSize)
	if err != nil {
		return nil, nil, Problems{{File: path, Line: 1, Col: 1, Message: readProblem(err)}}
	}
	l, err := s.parseOverride(src, path, covers)
	if err != nil {
		return nil, nil, err
	}
	return s.with(l), l, nil
}

// readProblem says why a texts file could not be read, and what to do.
func readProblem(err error) string {
	var e *input.Error
	if !errors.As(err, &e) {
		return "cannot read the texts file: " + err.Error()
	}
	switch e.Problem {
	case input.NotFound:
		return "texts file not found (check the path given to --texts)"
	case input.Folder:
		return "is a folder, not a texts file (give --texts a .yaml file)"
	case input.Special:
		return "is " + e.What + ", not a texts file (give --texts a .yaml file)"
	case input.TooLarge:
		size := "larger than that"
		if e.Size >= 0 {
			size = fmt.Sprintf("%d KiB", (e.Size+1023)>>10)
		}
		return fmt.Sprintf("a texts file may be at most %d KiB; this one is %s (is this the right file?)", MaxOverrideSize>>10, size)
	}
	return "cannot read the texts file: " + e.Err.Error()
}

func (s *Set) parseOverride(src []byte, file string, covers func(rune) bool) (*Language, error) {
	var ps Problems
	add := func(n *yaml.Node, key, msg string) {
		line, col := 1, 1
		if n != nil {
			line, col = n.Line, n.Column
		}
		ps = append(ps, Problem{File: file, Line: line, Col: col, Key: key, Message: msg})
	}
	if !utf8.Valid(src) {
		add(nil, "", "the file is not valid UTF-8 (save it as UTF-8)")
		return nil, ps
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		line, msg := yamlErrorLine(err)
		ps = append(ps, Problem{File: file, Line: line, Col: 1,
			Message: "YAML syntax error: " + msg + " (check the indentation and the quotes on this line and the one before)"})
		return nil, ps
	}
	if err := dec.Decode(new(yaml.Node)); err != io.EOF {
		add(nil, "", "a texts file holds one language (remove the second document)")
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		add(nil, "", "a texts file is a mapping with code: and texts: (see templates/en.yaml)")
		return nil, ps
	}
	top := doc.Content[0]
	fields := map[string]*yaml.Node{}
	known := map[string]bool{"code": true, "name": true, "english_name": true, "script": true, "direction": true, "reviewed": true, "review_notes": true, "easy_read": true, "texts": true}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		if !known[k.Value] {
			add(k, k.Value, fmt.Sprintf("unknown field (known: %s)", strings.Join(sortedKeys(known), ", ")))
			continue
		}
		if _, dup := fields[k.Value]; dup {
			add(k, k.Value, "appears twice")
			continue
		}
		fields[k.Value] = v
	}
	code := ""
	if v := fields["code"]; v == nil || v.Kind != yaml.ScalarNode || v.Value == "" {
		add(fields["code"], "code", "missing: say which language this is, e.g. code: sv")
	} else if problem := checkCode(v.Value); problem != "" {
		add(v, "code", problem)
	} else {
		code = v.Value
	}
	var l Language
	if base, err := s.Load(code); err == nil && code != "" {
		l = *base
		l.Texts = make(map[string]string, len(base.Texts))
		for k, v := range base.Texts {
			l.Texts[k] = v
		}
	} else {
		l = Language{Code: code, Direction: "ltr", Texts: map[string]string{}}
	}
	l.Reviewed = false // the municipality's words: we cannot vouch for them
	for _, f := range []struct {
		key string
		to  *string
	}{{"name", &l.Name}, {"english_name", &l.EnglishName}, {"script", &l.Script}, {"direction", &l.Direction}} {
		if v := fields[f.key]; v != nil {
			*f.to = strings.TrimSpace(v.Value)
		}
	}
	if l.Direction != "ltr" && l.Direction != "rtl" {
		add(fields["direction"], "direction", "must be ltr or rtl")
	}
	if v := fields["reviewed"]; v != nil {
		switch {
		case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!bool" && v.Value == "true":
			l.Reviewed = true
		case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!bool" && v.Value == "false":
		default:
			add(v, "reviewed", fmt.Sprintf("must be true or false, found %q (write reviewed: true once a native speaker has checked the texts)", v.Value))
		}
	}
	if v := fields["easy_read"]; v != nil {
		l.EasyRead = v.Value == "true"
	}
	if v := fields["review_notes"]; v != nil {
		var notes []string
		if err := v.Decode(&notes); err != nil {
			add(v, "review_notes", "must be a list of texts")
		}
		l.ReviewNotes = notes
	}
	keys := map[string]bool{}
	for _, k := range Keys {
		keys[k] = true
	}
	if t := fields["texts"]; t != nil {
		if t.Kind != yaml.MappingNode {
			add(t, "texts", "must be a mapping of text names to texts")
		} else {
			for i := 0; i+1 < len(t.Content); i += 2 {
				k, v := t.Content[i], t.Content[i+1]
				key := "texts." + k.Value
				if !keys[k.Value] {
					add(k, key, fmt.Sprintf("unknown text (known: %s)", strings.Join(Keys, ", ")))
					continue
				}
				if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
					add(v, key, "must be a text that is not empty")
					continue
				}
				s := strings.TrimSpace(v.Value)
				for _, p := range checkPlaceholders(k.Value, s) {
					line, col := placeAt(v, p.at)
					ps = append(ps, Problem{File: file, Line: line, Col: col, Key: key, Message: p.message})
				}
				for _, r := range s {
					if covers != nil && r != ' ' && r != '\n' && !covers(r) {
						add(v, key, fmt.Sprintf("character %U %q cannot be drawn by the embedded fonts", r, r))
						break
					}
				}
				l.Texts[k.Value] = s
			}
		}
	}
	var missing []string
	for _, k := range Keys {
		if l.Texts[k] == "" {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 && code != "" {
		add(fields["texts"], "texts", fmt.Sprintf("%q is a language we have no texts for, so every text is needed; missing: %s",
			code, strings.Join(missing, ", ")))
	}
	if l.Name == "" {
		l.Name = code
	}
	if l.Script == "" {
		l.Script = "Zyyy"
	}
	if len(ps) > 0 {
		sort.SliceStable(ps, func(i, j int) bool {
			return ps[i].Line < ps[j].Line || ps[i].Line == ps[j].Line && ps[i].Col < ps[j].Col
		})
		return nil, ps
	}
	return &l, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkCode returns what is wrong with a texts file's language code, or
// "". The code names output files and the embedded file it changes, so
// besides being a BCP 47 tag it is kept to lower-case letters, digits
// and '-': "../x" must never reach a path.
func checkCode(code string) string {
	safe := code != "" && len(code) <= 35 && code[0] != '-' && code[len(code)-1] != '-'
	for _, r := range code {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			safe = false
		}
	}
	if _, err := language.Parse(code); err != nil || !safe {
		hint := "e.g. code: sv, code: en or code: sv-x-ll"
		if lower := strings.ToLower(code); lower != code && checkCode(lower) == "" {
			hint = "write it in lower case: code: " + lower
		}
		return fmt.Sprintf("%q is not a language code (%s: a BCP 47 tag in lower-case letters, digits and '-')", clipText(code), hint)
	}
	return ""
}

// placeholder matches {name}, which the program fills in.
var placeholder = regexp.MustCompile(`\{[^{}\n]*\}`)

// placeholders maps each text key to the placeholders it takes, as the
// embedded Swedish file uses them: the one source of which texts take
// which values.
var placeholders = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	data, err := files.ReadFile("sv.yaml") // never a texts file's version of it
	if err != nil {
		panic("templates: no embedded Swedish texts: " + err.Error())
	}
	sv, err := Parse(data, "sv.yaml")
	if err != nil {
		panic("templates: the embedded Swedish texts do not load: " + err.Error())
	}
	for key, text := range sv.Texts {
		for _, m := range placeholder.FindAllString(text, -1) {
			if !slices.Contains(out[key], m) {
				out[key] = append(out[key], m)
			}
		}
	}
	return out
})

// placeholderProblem is a placeholder problem at a byte offset of a text.
type placeholderProblem struct {
	at      int
	message string
}

// checkPlaceholders checks the {placeholders} of the text for key: each
// one must be one the program fills in for that key, and each of those
// must be there, or the poster prints "{x}" or leaves the date out.
func checkPlaceholders(key, text string) []placeholderProblem {
	allowed := placeholders()[key]
	var out []placeholderProblem
	for _, loc := range placeholder.FindAllStringIndex(text, -1) {
		m := text[loc[0]:loc[1]]
		if slices.Contains(allowed, m) {
			continue
		}
		hint := "this text takes no placeholders; write the text out, without braces"
		if len(allowed) > 0 {
			hint = "this text takes " + strings.Join(allowed, " and ")
		}
		out = append(out, placeholderProblem{loc[0], fmt.Sprintf("unknown placeholder %s, which would be printed as it is (%s)", clipText(m), hint)})
	}
	for _, want := range allowed {
		if !strings.Contains(text, want) {
			out = append(out, placeholderProblem{0, fmt.Sprintf("the text has no %s, where the program puts the %s (add %s to the text)",
				want, strings.Trim(want, "{}"), want)})
		}
	}
	return out
}

// placeAt returns the line and column of the byte at offset in the text
// of n: exact for a text on one line, written plain or in quotes; else
// the start of the text.
func placeAt(n *yaml.Node, offset int) (line, col int) {
	line, col = n.Line, n.Column
	if offset == 0 || strings.Contains(n.Value, "\n") || n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return line, col
	}
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		col++ // the opening quote
	}
	lead := len(n.Value) - len(strings.TrimLeft(n.Value, " "))
	return line, col + utf8.RuneCountInString(n.Value[:min(len(n.Value), lead+offset)])
}

// clipText shortens text quoted in a message.
func clipText(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

// yamlErrorLine takes the line out of a yaml.v3 error ("yaml: line 3:
// ..."), or 1.
func yamlErrorLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, after, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil && n > 0 {
				// yaml.v3 counts lines from 0 in its parser's messages
				// and from 1 in its scanner's.
				if strings.HasPrefix(after, "did not find expected") {
					n++
				}
				return n, after
			}
		}
	}
	return 1, msg
}
