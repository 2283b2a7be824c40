package templates

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestOverride(t *testing.T) {
	t.Parallel()
	l, err := Embedded().parseOverride([]byte("code: en\nname: English (Ale)\ntexts:\n  child_fallback: Call Ale's contact centre.\n"), "ale.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if l.Text("child_fallback") != "Call Ale's contact centre." || l.Text("title") != "Huskurage" || l.Reviewed {
		t.Errorf("override: %q %q reviewed=%v", l.Text("child_fallback"), l.Text("title"), l.Reviewed)
	}
	_, err = Embedded().parseOverride([]byte("texts:\n  titel: x\n"), "bad.yaml", func(r rune) bool { return r < 0x80 })
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 2 || !strings.HasPrefix(ps[0].Error(), "bad.yaml:1:1: code: missing") ||
		!strings.HasPrefix(ps[1].Error(), "bad.yaml:2:3: texts.titel: unknown text") {
		t.Errorf("err = %v", err)
	}
}

// A texts file makes a new set of languages: the set it was read into,
// the embedded languages and every other set stay as they were, so that
// nothing a texts file says reaches a build that did not ask for it.
func TestOverrideMakesANewSet(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, src string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	fi, l, err := Embedded().WithOverride(write("fi.yaml", "code: fi\ntexts:\n  child_fallback: Soita Alen palvelukeskukseen.\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	const own = "Soita Alen palvelukeskukseen."
	if got, _ := fi.Load("fi"); got != l || got.Text("child_fallback") != own {
		t.Errorf("the new set's fi: %q", got.Text("child_fallback"))
	}
	for name, load := range map[string]func(string) (*Language, error){"Load": Load, "Embedded().Load": Embedded().Load} {
		if got, _ := load("fi"); got.Text("child_fallback") == own {
			t.Errorf("%s: a texts file changed the embedded Finnish texts", name)
		}
	}
	// A new language joins the new set's codes only.
	lines := []string{"code: se", "name: Davvisámegiella", "texts:"}
	for _, k := range Keys {
		lines = append(lines, "  "+k+": "+strings.TrimSpace("Huskurage "+strings.Join(placeholders()[k], " ")))
	}
	both, _, err := fi.WithOverride(write("se.yaml", strings.Join(lines, "\n")+"\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(both.Codes(), "se") || slices.Contains(fi.Codes(), "se") || slices.Contains(Codes(), "se") {
		t.Errorf("codes: both %v, fi %v, embedded %v", both.Codes(), fi.Codes(), Codes())
	}
	if !slices.IsSorted(both.Codes()) {
		t.Errorf("codes not sorted: %v", both.Codes())
	}
	if got, _ := both.Load("fi"); got.Text("child_fallback") != own {
		t.Error("a set made from another loses its texts file's language")
	}
	if _, err := Embedded().Load("se"); err == nil {
		t.Error("the embedded set has a texts file's language")
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
		_, err := Embedded().parseOverride([]byte(tt.src), "x.yaml", nil)
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
	// Placeholders that belong are fine, and reviewed: true is kept.
	l, err := Embedded().parseOverride([]byte("code: sv\nreviewed: true\ntexts:\n  checked: 'kontrollerat {date}'\n  entrance: Trapphus {entrance}\n"), "ok.yaml", nil)
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
