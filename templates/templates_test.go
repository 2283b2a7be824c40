package templates

import (
	"strings"
	"testing"
)

func TestEveryLanguageIsComplete(t *testing.T) {
	codes := Codes()
	if len(codes) < 2 {
		t.Fatalf("languages: %v", codes)
	}
	for _, code := range codes {
		l, err := Load(code)
		if err != nil {
			t.Fatal(err)
		}
		if l.Code != code {
			t.Errorf("%s.yaml says code %q", code, l.Code)
		}
		for _, k := range Keys {
			if l.Text(k) == "" {
				t.Errorf("%s: no text %q", code, k)
			}
		}
		// The safety condition on knocking must be said.
		word, ok := safetyWord[code]
		if !ok {
			t.Errorf("%s: no safety word known for the test; add one", code)
		}
		if !strings.Contains(strings.ToLower(l.Text("step_knock_text")), word) {
			t.Errorf("%s: the knock step does not say it is only when it is safe", code)
		}
		if !strings.Contains(l.Text("checked", "date", "2026-11-25"), "2026-11-25") {
			t.Errorf("%s: the checked text has no {date}", code)
		}
	}
}

// safetyWord is a word each language's knock step must hold: the step is
// only for when knocking does not put the reader in danger.
var safetyWord = map[string]string{
	"sv": "fara", "en": "danger", "fi": "vaara", "pl": "niebezpiecz", "bs": "opasnost",
	"ar": "خطر", "fa": "خطر", "ckb": "مەترسی",
	"es": "peligro", "tr": "tehlike", "so": "khatar", "uk": "небезпек", "sv-x-ll": "säkert",
	"am": "አደጋ", "ti": "ሓደጋ",
}

// Every language keeps the Swedish term for a report of concern, since
// tenants meet it at the municipality.
func TestOrosanmalanKept(t *testing.T) {
	for _, code := range Codes() {
		l, _ := Load(code)
		if code != "sv" && code != "sv-x-ll" && !strings.Contains(l.Text("child_text"), "orosanmälan") {
			t.Errorf("%s: child_text does not name orosanmälan", code)
		}
	}
}

func TestParseFindsProblems(t *testing.T) {
	_, err := Parse([]byte("code: xx\nname: X\nscript: Latn\ndirection: up\ntexts:\n  title: T\n  bogus: B\n"), "xx.yaml")
	if err == nil {
		t.Fatal("want an error")
	}
	for _, want := range []string{"xx.yaml", `missing text "intro"`, `unknown text "bogus"`, "direction"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestLoadUnknownLanguage(t *testing.T) {
	for _, code := range []string{"de", "../sv", ""} {
		_, err := Load(code)
		if err == nil || !strings.Contains(err.Error(), "sv") {
			t.Errorf("Load(%q) = %v, want an error listing the languages", code, err)
		}
	}
}
