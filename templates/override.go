package templates

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

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

// LoadOverride reads a municipality's own texts file: the same format as
// the embedded language files. For a language we have, it may give only
// the texts it changes; for a new one, every text. covers, when not nil,
// says which characters the embedded fonts can draw. The language is
// registered, so that Load returns it from then on in this process.
func LoadOverride(path string, covers func(rune) bool) (*Language, error) {
	src, err := input.Read(path, MaxOverrideSize)
	if err != nil {
		return nil, Problems{{File: path, Line: 1, Col: 1, Message: readProblem(err)}}
	}
	return parseOverride(src, path, covers)
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

func parseOverride(src []byte, file string, covers func(rune) bool) (*Language, error) {
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
		add(nil, "", "YAML: "+err.Error())
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
	known := map[string]bool{"code": true, "name": true, "english_name": true, "script": true, "direction": true, "reviewed": true, "texts": true}
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
	} else {
		code = v.Value
	}
	var l Language
	if base, err := Load(code); err == nil && code != "" {
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
	if v := fields["reviewed"]; v != nil && v.Value == "true" {
		l.Reviewed = true
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
	loadedMu.Lock()
	loaded[code] = &l
	loadedMu.Unlock()
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
