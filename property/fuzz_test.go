package property

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"huskurage/helpline"
	"huskurage/templates"
)

// FuzzLoad checks that any input gives either a property or an error,
// never both, never neither, never a panic, and that what comes back
// keeps the package's promises.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	examples, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	for _, path := range append(seeds, examples...) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, lang := range StarterLanguages {
		src, err := Starter(lang)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{
		"{{},<<}",
		"a: &a [x]\nb: *a\n",
		base + "---\n",
		base + "theme:\n  color: #123456\n",
		base + "contacts:\n  - name: A\n    phone: 0x1F\n",
		"\uFEFF" + base,
		strings.ReplaceAll(base, "\n", "\r"),
	} {
		f.Add([]byte(s))
	}

	dir := f.TempDir()
	latin := func(r rune) bool { return r < 0x250 }
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range []Options{{}, {Covers: latin}} {
			p, err := Parse(data, "fuzz.yaml", dir, opts)
			list := checkResult(t, p, err)
			if list != nil {
				checkErrors(t, data, list, maxErrors+1)
			} else {
				checkProperty(t, p, opts)
			}
		}
	})
}

// FuzzParseStream checks ParseStream as FuzzLoad checks Parse, with and
// without defaults; that the good properties have different ids; and
// that a file with one document gives what Parse gives.
func FuzzParseStream(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	examples, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	for _, path := range append(seeds, examples...) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(append(append(data, "\n---\nid: x\n"...), data...))
	}
	for _, s := range []string{
		stream(doc("a", "", ""), doc("b", cityLine, "  city: \"\""), doc("a", "", "")),
		stream(base, base),
		"\uFEFF---\n" + base + "---\n",
		doc("a", "", "") + "...\n%YAML 1.1\n---\n" + doc("b", "", ""),
		strings.ReplaceAll(stream(doc("a", "", ""), doc("b", "", "")), "\n", "\r"),
		house + "contacts:\n  - name: Polisen\n    remove: true\n---\nid: b\n" + house,
		"---\n---\n~\n---\n",
		"--- {}\n--- []\n",
	} {
		f.Add([]byte(s))
	}

	dir := f.TempDir()
	defaults, err := ParseDefaults([]byte(ale), "ale.yaml", dir, Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range []Options{{}, {Defaults: defaults}} {
			props, err := ParseStream(data, "fuzz.yaml", dir, opts)
			list := checkStreamResult(t, props, err)
			if list != nil {
				checkErrors(t, data, list, keepErrors+maxErrors+2)
			}
			seen := map[string]bool{}
			for _, p := range props {
				checkProperty(t, p, opts)
				if seen[p.ID] {
					t.Errorf("id %q twice", p.ID)
				}
				seen[p.ID] = true
				if p.Summary() == "" {
					t.Error("empty summary")
				}
			}
			if len(splitDocuments(data)) > 1 {
				continue
			}
			p, err := Parse(data, "fuzz.yaml", dir, opts)
			switch {
			case err != nil && (serr(list) != err.Error() || len(props) != 0):
				t.Errorf("Parse gives\n%v\nParseStream gives %d properties and\n%v", err, len(props), list)
			case err == nil && (list != nil || len(props) != 1 || !reflect.DeepEqual(p, props[0])):
				t.Errorf("Parse gives %+v\nParseStream gives %v and\n%v", p, props, list)
			}
		}
	})
}

func serr(list ErrorList) string {
	if list == nil {
		return ""
	}
	return list.Error()
}

// checkErrors checks that each error is placed in the data and has a
// problem, that the list is sorted and that it has at most most errors.
func checkErrors(t *testing.T, data []byte, list ErrorList, most int) {
	t.Helper()
	lines := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n"))
	if len(list) > most {
		t.Errorf("%d errors, more than the cap", len(list))
	}
	for i, e := range list {
		if e.Pos.File != "fuzz.yaml" || e.Pos.Line < 1 || e.Pos.Col < 1 || e.Pos.Line > lines+1 || e.Problem == "" {
			t.Errorf("bad error %q (file has %d lines)", e.Error(), lines)
		}
		if i > 0 {
			a, b := list[i-1].Pos, e.Pos
			if a.Line > b.Line || a.Line == b.Line && a.Col > b.Col {
				t.Errorf("errors not sorted: %q before %q", list[i-1].Error(), e.Error())
			}
		}
	}
}

func checkProperty(t *testing.T, p *Property, opts Options) {
	t.Helper()
	if !SafeID(p.ID) || !contains(templates.Codes(), p.Language) {
		t.Errorf("id %q, language %q", p.ID, p.Language)
	}
	if p.Landlord.Name == "" || p.Building.Address == "" || p.Building.PostalCode == "" || p.Building.City == "" {
		t.Errorf("a required field is empty: %+v", p)
	}
	if !strings.HasPrefix(strings.ToLower(p.QR.URL), "https://") || len(p.QR.URL) > MaxQRURL {
		t.Errorf("qr url %q", p.QR.URL)
	}
	if p.Theme.Color != "" && ContrastWithWhite(p.Theme.RGB) < 4.5 {
		t.Errorf("colour %q too light", p.Theme.Color)
	}
	seen := map[string]bool{}
	for _, id := range p.SupportLines {
		if _, ok := helpline.Lookup(id); !ok || seen[id] {
			t.Errorf("support lines %v", p.SupportLines)
		}
		seen[id] = true
	}
	drawn := []string{p.Landlord.Name, p.Landlord.Phone, p.Landlord.Email, p.Landlord.Website,
		p.Building.Name, p.Building.Address, p.Building.PostalCode, p.Building.City, p.QR.URL}
	drawn = append(drawn, texts(p.QR.Caption)...)
	drawn = append(drawn, p.Building.Entrances...)
	for _, c := range p.Contacts {
		if c.Name == "" || c.Phone == "" {
			t.Errorf("contact %+v", c)
		}
		drawn = append(drawn, c.Name, c.Phone)
		drawn = append(drawn, texts(c.Hours)...)
		drawn = append(drawn, texts(c.Note)...)
	}
	for _, s := range drawn {
		if s != strings.TrimSpace(s) || strings.ContainsAny(s, "\n\r\t") {
			t.Errorf("text %q not trimmed or not on one line", s)
		}
		if opts.Covers != nil {
			for _, r := range s {
				if r != ' ' && !opts.Covers(r) {
					t.Errorf("text %q has %U, which Covers refuses", s, r)
				}
			}
		}
	}
}

// texts returns the texts of t in every language it is given in.
func texts(t Texts) []string {
	var out []string
	for _, l := range t.Langs() {
		out = append(out, t[l])
	}
	return out
}
