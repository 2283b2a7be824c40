// Package templates holds the Huskurage policy text, one embedded YAML file
// per language, and checks that every language has every text.
package templates

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed *.yaml
var files embed.FS

// Keys lists every text a language file must give.
var Keys = []string{
	"title", "tagline", "intro",
	"emergency_label", "police_line",
	"steps_heading",
	"step_police_title", "step_police_text",
	"step_neighbours_title", "step_neighbours_text",
	"step_knock_title", "step_knock_text",
	"child_heading", "child_text", "social_adult_text", "child_fallback",
	"contacts_heading", "support_heading",
	"support_kvinnofridslinjen", "support_bris", "support_terrafem",
	"checked", "checked_one", "landlord_heading", "entrance", "qr_caption", "qr_alt", "subject",
}

// Language is one language's texts and facts about it.
type Language struct {
	Code        string `yaml:"code"`
	Name        string `yaml:"name"`         // in the language itself
	EnglishName string `yaml:"english_name"` // for listings
	Script      string `yaml:"script"`       // ISO 15924, e.g. "Latn"
	Direction   string `yaml:"direction"`    // "ltr" or "rtl"
	Reviewed    bool   `yaml:"reviewed"`     // checked by a native speaker
	// ReviewNotes say what a native reviewer should check first; every
	// language that is not reviewed names them, so that a municipality
	// can hand the file to its interpreter service.
	ReviewNotes []string `yaml:"review_notes"`
	// EasyRead marks an easy-to-read language (lättläst): its documents
	// start each sentence on a new line and use larger text.
	EasyRead bool              `yaml:"easy_read"`
	Texts    map[string]string `yaml:"texts"`
}

// Text returns the text for key with each {name} placeholder replaced by
// the value that follows it in args ("date", "2026-11-25").
func (l *Language) Text(key string, args ...string) string {
	s := l.Texts[key]
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}

// Set is a set of languages: the embedded ones, and those a texts file
// adds or changes (WithOverride). A Set never changes once made, so one
// may be handed to any number of goroutines; the nil *Set is the set of
// the embedded languages.
type Set struct {
	own   map[string]*Language // a texts file's languages, by code
	codes []string             // every code, sorted
}

// Embedded returns the set of the embedded languages.
func Embedded() *Set { return nil }

// Codes returns the codes of every language in the set, sorted. The
// slice is shared: do not change it.
func (s *Set) Codes() []string {
	if s == nil {
		return embeddedCodes()
	}
	return s.codes
}

// Load returns the language with the given code: a texts file's, or the
// embedded one. The result is shared and must not be changed.
func (s *Set) Load(code string) (*Language, error) {
	if s != nil {
		if l, ok := s.own[code]; ok {
			return l, nil
		}
	}
	l, err := Load(code)
	if err != nil {
		return nil, fmt.Errorf("no texts for language %q (we have: %s)", code, strings.Join(s.Codes(), ", "))
	}
	return l, nil
}

// with returns a set of s's languages and l, which replaces the language
// of its code.
func (s *Set) with(l *Language) *Set {
	out := &Set{own: map[string]*Language{l.Code: l}}
	if s != nil {
		for c, own := range s.own {
			if c != l.Code {
				out.own[c] = own
			}
		}
	}
	out.codes = slices.Clone(s.Codes())
	if !slices.Contains(out.codes, l.Code) {
		out.codes = append(out.codes, l.Code)
		sort.Strings(out.codes)
	}
	return out
}

// Codes returns the codes of the embedded languages, sorted. The slice
// is shared: do not change it.
func Codes() []string { return embeddedCodes() }

var embeddedCodes = sync.OnceValue(func() []string {
	entries, _ := files.ReadDir(".")
	var codes []string
	for _, e := range entries {
		codes = append(codes, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(codes)
	return codes
})

// parsed holds the embedded languages parsed so far: each file is parsed
// once per process. It only ever holds what the embedded files say.
var (
	parsedMu sync.Mutex
	parsed   = map[string]*Language{}
)

// Load returns the embedded language with the given code (a texts file's
// languages are in the Set that Set.WithOverride returns). Languages are
// parsed once per process; the result is shared and must not be changed.
func Load(code string) (*Language, error) {
	parsedMu.Lock()
	l, ok := parsed[code]
	parsedMu.Unlock()
	if ok {
		return l, nil
	}
	data, err := files.ReadFile(code + ".yaml")
	if err != nil || strings.ContainsAny(code, "./") {
		return nil, fmt.Errorf("no texts for language %q (we have: %s)", code, strings.Join(Codes(), ", "))
	}
	l, err = Parse(data, code+".yaml")
	if err != nil {
		return nil, err
	}
	parsedMu.Lock()
	defer parsedMu.Unlock()
	if prev, ok := parsed[code]; ok {
		return prev, nil // another goroutine was first
	}
	parsed[code] = l
	return l, nil
}

// Parse reads and checks one language file.
func Parse(data []byte, name string) (*Language, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var l Language
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := dec.Decode(new(yaml.Node)); err != io.EOF {
		return nil, fmt.Errorf("%s: a language file holds one document", name)
	}
	var problems []string
	for _, k := range Keys {
		if strings.TrimSpace(l.Texts[k]) == "" {
			problems = append(problems, fmt.Sprintf("missing text %q", k))
		}
	}
	known := make(map[string]bool, len(Keys))
	for _, k := range Keys {
		known[k] = true
	}
	for k := range l.Texts {
		if !known[k] {
			problems = append(problems, fmt.Sprintf("unknown text %q", k))
		}
	}
	if l.Direction != "ltr" && l.Direction != "rtl" {
		problems = append(problems, fmt.Sprintf("direction %q must be ltr or rtl", l.Direction))
	}
	if l.Code == "" || l.Name == "" || l.Script == "" {
		problems = append(problems, "code, name and script are required")
	}
	if !l.Reviewed && len(l.ReviewNotes) == 0 {
		problems = append(problems, "review_notes are required until a native speaker has reviewed the texts (say what a reviewer should check first)")
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, fmt.Errorf("%s: %s", name, strings.Join(problems, "; "))
	}
	for k, v := range l.Texts {
		l.Texts[k] = strings.TrimSpace(v)
	}
	return &l, nil
}
