package templates

import (
	"strings"
	"testing"
	"unicode"
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

// Every language names social services in Swedish too, in brackets after
// its own word, where it first says it and in the fallback: that is the
// word a caller asks for.
func TestSocialServicesInSwedish(t *testing.T) {
	for _, code := range Codes() {
		if code == "sv" || code == "sv-x-ll" {
			continue
		}
		l := embedded(t, code)
		if l == nil {
			continue
		}
		for _, key := range []string{"child_text", "child_fallback"} {
			if !strings.Contains(l.Text(key), "(socialtjänsten)") {
				t.Errorf("%s: %s does not say (socialtjänsten): %q", code, key, l.Text(key))
			}
		}
	}
}

// Numbers are written in ASCII digits in every language, as on the phone's
// keypad and in the other language of a bilingual poster: no
// Arabic-Indic, Persian or Ethiopic digits.
func TestASCIIDigits(t *testing.T) {
	for _, code := range Codes() {
		l := embedded(t, code)
		if l == nil {
			continue
		}
		for _, key := range Keys {
			for _, r := range l.Text(key) {
				if unicode.IsDigit(r) && (r < '0' || r > '9') || r >= 0x1369 && r <= 0x137C {
					t.Errorf("%s: %s has the digit %q (%U); write 0-9", code, key, r, r)
				}
			}
		}
	}
}

// A language no native speaker has reviewed says what a reviewer should
// check first.
func TestReviewNotes(t *testing.T) {
	for _, code := range Codes() {
		l := embedded(t, code)
		if l != nil && !l.Reviewed && len(l.ReviewNotes) == 0 {
			t.Errorf("%s: not reviewed and no review_notes", code)
		}
	}
	if _, err := Parse([]byte("code: xx\nname: X\nscript: Latn\ndirection: ltr\nreviewed: false\ntexts: {}\n"), "xx.yaml"); err == nil || !strings.Contains(err.Error(), "review_notes are required") {
		t.Errorf("a file without review_notes: %v", err)
	}
}

// embedded parses the embedded file of a language, as shipped (Load may
// give a language that another test replaced), or returns nil for a
// language that is not embedded.
func embedded(t *testing.T, code string) *Language {
	t.Helper()
	data, err := files.ReadFile(code + ".yaml")
	if err != nil {
		return nil // a language another test added
	}
	l, err := Parse(data, code+".yaml")
	if err != nil {
		t.Fatal(err)
	}
	return l
}
