package pipeline

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"huskurage/kind"
	"huskurage/property"
)

// words to build random but plausible texts from, with long Swedish
// compounds and letters from several Latin alphabets.
var words = strings.Fields(`och för att Storgatan hyresgästföreningen kundtjänst
	socialtjänstens kvällsjour Åsa Ölme Łódź Škoda Jönköping vardagar helger
	8–16 dygnet runt Bostadsrättsföreningen Kastanjen felanmälan fastighetsskötare`)

func randText(r *rand.Rand, maxWords int) string {
	n := 1 + r.IntN(maxWords)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = words[r.IntN(len(words))]
	}
	return strings.Join(parts, " ")
}

func randPhone(r *rand.Rand) string {
	return fmt.Sprintf("0%d-%d %02d %02d", 10+r.IntN(990), 10+r.IntN(89), r.IntN(100), r.IntN(100))
}

// randomProperty writes a property file with random lengths and counts of
// everything a landlord can give.
func randomProperty(r *rand.Rand) string { return randomPropertyOf(r, 5, 12, 80) }

// randomPropertyOf is randomProperty with at most contacts contacts, notes
// of at most noteWords words and QR links of at most qrLen characters.
func randomPropertyOf(r *rand.Rand, contacts, noteWords, qrLen int) string {
	var b strings.Builder
	lang := []string{"sv", "en", "sv", "en", "ar", "so", "ti", "sv-x-ll"}[r.IntN(8)]
	fmt.Fprintf(&b, "id: random\nlanguage: %s\n", lang)
	// A text the landlord writes, plain (in the property's language) or
	// per language.
	text := func(key string, maxWords, max int) {
		if r.IntN(3) > 0 {
			fmt.Fprintf(&b, "%s: %q\n", key, trim(randText(r, maxWords), max))
			return
		}
		fmt.Fprintf(&b, "%s:\n", key)
		indent := strings.Repeat(" ", len(key)-len(strings.TrimLeft(key, " "))+2)
		langs := []string{lang}
		for _, l := range []string{"en", "ar"} {
			if l != lang {
				langs = append(langs, l)
			}
		}
		for _, l := range langs[:1+r.IntN(len(langs))] {
			fmt.Fprintf(&b, "%s%s: %q\n", indent, l, trim(randText(r, maxWords), max))
		}
	}
	fmt.Fprintf(&b, "landlord:\n  name: %q\n  phone: %q\n", trim(randText(r, 8), 80), randPhone(r))
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "  email: kund%d@example.se\n  website: https://www.bostader-exempel.se/%s\n", r.IntN(1000), strings.Repeat("a", r.IntN(20)))
	}
	fmt.Fprintf(&b, "property:\n  name: %q\n  address: %q\n  postal_code: \"449 30\"\n  city: %q\n",
		trim(randText(r, 6), 80), trim(randText(r, 5), 100), trim(randText(r, 3), 80))
	if n := r.IntN(4); n > 0 {
		b.WriteString("  entrances: [")
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%d%c", 1+r.IntN(20), 'A'+i)
		}
		b.WriteString("]\n")
	}
	if n := r.IntN(contacts + 1); n > 0 {
		b.WriteString("contacts:\n")
		for i := 0; i < n; i++ {
			name := trim(randText(r, 6), 80)
			if i == 0 && r.IntN(2) == 0 {
				name = "Socialtjänsten, " + trim(randText(r, 3), 60)
			}
			fmt.Fprintf(&b, "  - name: %q\n    phone: %q\n", name, randPhone(r))
			if r.IntN(2) == 0 {
				text("    hours", 4, 60)
			}
			if r.IntN(2) == 0 {
				text("    note", noteWords, 200)
			}
		}
	}
	lines := []string{"kvinnofridslinjen", "bris", "terrafem"}
	r.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	fmt.Fprintf(&b, "support_lines: [%s]\n", strings.Join(lines[:r.IntN(4)], ", "))
	if r.IntN(3) == 0 {
		b.WriteString("steps: [knock, others, police]\n")
	}
	fmt.Fprintf(&b, "qr:\n  url: https://example.org/%s\n", strings.Repeat("q", r.IntN(qrLen)))
	if r.IntN(2) == 0 {
		text("  caption", 8, 80)
	}
	return b.String()
}

func trim(s string, max int) string {
	rs := []rune(s)
	if len(rs) > max {
		rs = rs[:max]
	}
	return strings.TrimSpace(string(rs))
}

// Any property a landlord could write either gives documents that pass
// the layout check (Build runs it) or errors that name a field and its
// position: never a panic, never a page that overflows, never an error
// without a place to fix.
func TestRandomProperties(t *testing.T) {
	t.Parallel()
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(2026, 11))
	built, refused := 0, 0
	builtA4 := 0
	for i := 0; i < 150; i++ {
		src := randomProperty(r)
		p, err := property.Parse([]byte(src), "random.yaml", t.TempDir(), property.Options{Covers: b.Covers})
		if err != nil {
			t.Fatalf("case %d: the generator wrote a bad file: %v\n%s", i, err, src)
		}
		sizes := [][2]string{{"A4", "A5"}, {"A3", "A6"}}[i%2]
		files, err := b.Build(t.Context(), p, sized(sizes[0], sizes[1]))
		if err == nil {
			built++
			if sizes[0] == "A4" {
				builtA4++
			}
			if len(files) == 0 {
				t.Fatalf("case %d: no files and no error", i)
			}
			continue
		}
		refused++
		if testing.Verbose() {
			t.Logf("case %d (%s): %v", i, sizes, err)
		}
		checkRefusal(t, i, err, src)
	}
	t.Logf("%d built (%d of 75 at A4/A5), %d refused with a field", built, builtA4, refused)
	// A4 posters and A5 leaflets are the defaults: most plausible
	// properties must fit them, up to five contacts with long notes
	// beside the municipality's whole policy (55 of 75 did in November
	// 2026; the rest are refused with the field to shorten). A6 holds
	// less, and may refuse more (easy-to-read Swedish does not fit A6).
	if builtA4 < 52 || built < 80 {
		t.Errorf("only %d of 150 plausible properties could be printed, %d of 75 at A4/A5", built, builtA4)
	}
}

// The same for bilingual documents: an A3 poster in two languages and an
// A5 leaflet with one on each side, in pairs of every direction and
// script.
func TestRandomBilingual(t *testing.T) {
	t.Parallel()
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(2026, 26))
	pairs := [][]string{{"sv", "ar"}, {"ar", "en"}, {"fa", "ckb"}, {"en", "ti"}, {"so", "uk"}, {"sv-x-ll", "am"}}
	built := 0
	const n = 60
	for i := 0; i < n; i++ {
		src := randomProperty(r)
		p, err := property.Parse([]byte(src), "random.yaml", t.TempDir(), property.Options{Covers: b.Covers})
		if err != nil {
			t.Fatalf("case %d: the generator wrote a bad file: %v\n%s", i, err, src)
		}
		langs := pairs[i%len(pairs)]
		_, err = b.Build(t.Context(), p, Options{Sizes: map[*kind.Kind]string{kind.Poster: "A3"}, Pairs: map[*kind.Kind][]string{kind.Poster: langs, kind.Leaflet: langs}})
		if err == nil {
			built++
			continue
		}
		if testing.Verbose() {
			t.Logf("case %d (%v): %v", i, langs, err)
		}
		checkRefusal(t, i, err, src)
	}
	t.Logf("%d of %d built", built, n)
	// Each language's column or side holds all that a one-language
	// poster does: with the municipality's whole policy, about one in
	// three random properties fits (20 of 60 in November 2026; they have
	// up to five contacts with long notes), the rest are refused with a
	// field to shorten.
	if built < n*30/100 {
		t.Errorf("only %d of %d plausible properties could be printed in two languages", built, n)
	}
}

// checkRefusal requires every problem of a refused property to name a
// field and its position, and none to be a fault of the layout.
func checkRefusal(t *testing.T, i int, err error, src string) {
	t.Helper()
	var list property.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("case %d: error without a position: %v\n%s", i, err, src)
	}
	for _, e := range list {
		if e.Field == "" || e.Pos.Line < 1 || strings.Contains(e.Problem, "layout fault") {
			t.Errorf("case %d: %v\n%s", i, e, src)
		}
	}
}
