package content

import (
	"slices"
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
