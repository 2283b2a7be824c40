package templates

import (
	"errors"
	"strings"
	"testing"
)

func TestOverride(t *testing.T) {
	l, err := parseOverride([]byte("code: en\nname: English (Ale)\ntexts:\n  child_fallback: Call Ale's contact centre.\n"), "ale.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if l.Text("child_fallback") != "Call Ale's contact centre." || l.Text("title") != "Huskurage" || l.Reviewed {
		t.Errorf("override: %q %q reviewed=%v", l.Text("child_fallback"), l.Text("title"), l.Reviewed)
	}
	if got, _ := Load("en"); got.Text("child_fallback") != "Call Ale's contact centre." {
		t.Error("Load does not return the overridden language")
	}
	_, err = parseOverride([]byte("texts:\n  titel: x\n"), "bad.yaml", func(r rune) bool { return r < 0x80 })
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 2 || !strings.HasPrefix(ps[0].Error(), "bad.yaml:1:1: code: missing") ||
		!strings.HasPrefix(ps[1].Error(), "bad.yaml:2:3: texts.titel: unknown text") {
		t.Errorf("err = %v", err)
	}
}

// A texts file's code, reviewed: and placeholders are checked, each
// problem at its line and column.
func TestOverrideChecks(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"a path for a code", "code: ../x\ntexts:\n  title: T\n",
			`x.yaml:1:7: code: "../x" is not a language code (e.g. code: sv, code: en or code: sv-x-ll: a BCP 47 tag in lower-case letters, digits and '-')`},
		{"a code in capitals", "code: SV\n",
			`x.yaml:1:7: code: "SV" is not a language code (write it in lower case: code: sv: a BCP 47 tag`},
		{"not a BCP 47 tag", "code: abcdefghi\n", `x.yaml:1:7: code: "abcdefghi" is not a language code`},
		{"reviewed as text", "code: sv\nreviewed: yes please\n",
			`x.yaml:2:11: reviewed: must be true or false, found "yes please" (write reviewed: true once a native speaker has checked the texts)`},
		{"reviewed in quotes", "code: sv\nreviewed: \"true\"\n", `x.yaml:2:11: reviewed: must be true or false, found "true"`},
		{"an unknown placeholder", "code: sv\ntexts:\n  title: Huskurage {x}\n",
			"x.yaml:3:20: texts.title: unknown placeholder {x}, which would be printed as it is (this text takes no placeholders; write the text out, without braces)"},
		{"another text's placeholder", "code: sv\ntexts:\n  checked: \"kontrollerat {date}, {entrance}\"\n",
			"x.yaml:3:34: texts.checked: unknown placeholder {entrance}, which would be printed as it is (this text takes {date})"},
		{"a misspelt placeholder", "code: sv\ntexts:\n  entrance: Uppgång {uppgång}\n",
			"x.yaml:3:21: texts.entrance: unknown placeholder {uppgång}"},
		{"a missing placeholder", "code: sv\ntexts:\n  entrance: Uppgång\n",
			"x.yaml:3:13: texts.entrance: the text has no {entrance}, where the program puts the entrance (add {entrance} to the text)"},
		{"a syntax error", "code: sv\ntexts:\n  title: a: b\n", "x.yaml:3:1: YAML syntax error: mapping values are not allowed"},
	}
	for _, tt := range tests {
		_, err := parseOverride([]byte(tt.src), "x.yaml", nil)
		var ps Problems
		found := false
		if errors.As(err, &ps) {
			for _, p := range ps {
				found = found || strings.HasPrefix(p.Error(), tt.want)
			}
		}
		if !found {
			t.Errorf("%s: got %v\nwant %s", tt.name, err, tt.want)
		}
	}
	// Placeholders that belong are fine, and reviewed: true is kept. The
	// good file replaces sv in this process: put the embedded one back.
	t.Cleanup(func() {
		loadedMu.Lock()
		delete(loaded, "sv")
		loadedMu.Unlock()
	})
	l, err := parseOverride([]byte("code: sv\nreviewed: true\ntexts:\n  checked: 'kontrollerat {date}'\n  entrance: Trapphus {entrance}\n"), "ok.yaml", nil)
	if err != nil || !l.Reviewed || l.Text("entrance", "entrance", "7A") != "Trapphus 7A" {
		t.Errorf("good file: %v, %+v", err, l)
	}
}

// Every embedded language uses exactly the placeholders the Swedish file
// does, the rule texts files are checked by.
func TestEmbeddedPlaceholders(t *testing.T) {
	entries, _ := files.ReadDir(".")
	for _, e := range entries {
		data, _ := files.ReadFile(e.Name())
		l, err := Parse(data, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range Keys {
			for _, p := range checkPlaceholders(k, l.Texts[k]) {
				t.Errorf("%s: %s: %s", e.Name(), k, p.message)
			}
		}
	}
	if got := placeholders(); len(got["checked"]) != 1 || len(got["checked_one"]) != 1 || len(got["entrance"]) != 1 || len(got["qr_alt"]) != 1 || len(got) != 4 {
		t.Errorf("placeholders from sv.yaml: %v", got)
	}
}
