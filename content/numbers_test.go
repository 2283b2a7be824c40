package content

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestNumbers(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		s    string
		want []string
	}{
		{"Ring 112 om det känns akut, annars 114 14.", []string{"112", "114 14"}},
		{"Polisen: 114\u00a014", []string{"114\u00a014"}},
		{"اتصلوا بالرقم 112 إذا بدا، وإلا فبالرقم 114 14.", []string{"112", "114 14"}},
		{"ب114 14", []string{"114 14"}},
		{"1120, 112 51, 0114 14, 114 145, 2026-11-25", nil},
		{"under 18", nil},
	} {
		if got := Numbers(tc.s); !slices.Equal(got, tc.want) {
			t.Errorf("Numbers(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

// Numbers answers as the regular expression alone did, for texts made
// of digits, the spaces and hyphens between groups, and letters.
func TestNumbersAsTheExpressionAlone(t *testing.T) {
	t.Parallel()
	alone := func(s string) []string {
		var out []string
		for _, f := range figures.FindAllString(s, -1) {
			if n := spaces.Replace(f); n == EmergencyNumber || n == PoliceNumber {
				out = append(out, f)
			}
		}
		return out
	}
	parts := []string{"1", "2", "4", "11", "112", "114", " ", "\u00a0", "\u202f", "-", "a", "ب", "0"}
	r := rand.New(rand.NewPCG(14, 112))
	found := 0
	for range 200000 {
		var b strings.Builder
		for range 1 + r.IntN(8) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		want := alone(s)
		if got := Numbers(s); !slices.Equal(got, want) {
			t.Fatalf("Numbers(%q) = %q, the expression alone %q", s, got, want)
		}
		if len(want) > 0 {
			found++
		}
	}
	if found < 1000 {
		t.Errorf("only %d of the texts named a number: the test says little", found)
	}
}
