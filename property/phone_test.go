package property

import (
	"strings"
	"testing"
)

// The ways Swedes write phone numbers are accepted, and printed as
// written, except that brackets are written out.
func TestPhoneAccepted(t *testing.T) {
	t.Parallel()
	for s, printed := range map[string]string{
		"0303-70 30 00":        "0303-70 30 00",
		"0303703000":           "0303703000",
		"(0303) 70 30 00":      "0303-70 30 00",
		"(0303)70 30 00":       "0303-70 30 00",
		"(0303)-70 30 00":      "0303-70 30 00",
		"(08) 123 456 78":      "08-123 456 78",
		"+46 (0)303-70 30 00":  "+46 303-70 30 00",
		"+46(0)303703000":      "+46 303703000",
		"+46 (0) 303 70 30 00": "+46 303 70 30 00",
		"(0)303-70 30 00":      "0303-70 30 00",
		"+46 303 70 30 00":     "+46 303 70 30 00",
		"112":                  "112",
		"114 14":               "114 14",
		"116 111":              "116 111",
		"1177":                 "1177",
		"020-50 50 50":         "020-50 50 50",
	} {
		if problem, hint := checkPhone(s); !problem.IsZero() {
			t.Errorf("%q refused: %s (%s)", s, problem, hint)
		}
		p, err := Parse([]byte(withLandlord("  phone: \""+s+"\"")), "hus.yaml", "", Options{})
		if err != nil {
			t.Errorf("%q: %v", s, err)
		} else if p.Landlord.Phone != printed {
			t.Errorf("%q loaded as %q; want %q", s, p.Landlord.Phone, printed)
		}
		if _, hint := checkPhone(printed); !hint.IsZero() || strings.ContainsAny(printed, "()") {
			t.Errorf("%q is printed as %q, which is not a plain number", s, printed)
		}
	}
}

// Numbers that cannot be dialled as written are refused, with a message
// a person reads without a code chart: no "U+0028" for a bracket.
func TestPhoneRefused(t *testing.T) {
	t.Parallel()
	tests := []struct{ phone, problem, hint string }{
		{"303703000", "303703000 has lost its leading 0, as a spreadsheet drops it",
			"write it with the 0: 0303703000; in a spreadsheet, format the column as text"},
		{"701740621", "701740621 has lost its leading 0", "write it with the 0: 0701740621"},
		{"8123456", "8123456 has lost its leading 0", "write it with the 0: 08123456"},
		{"0303 (70) 30 00 (växel)", "has more than one pair of brackets", "brackets go around the area code only"},
		{"(0303 70 30 00", "brackets may only hold the digits of the area code, not (0303 70 30 00)", "e.g. (0303) 70 30 00"},
		{"(0303", "has '(' that is not closed", "(0303) 70 30 00"},
		{"0303) 70 30 00", "has ')' without '(' before it", "(0303) 70 30 00"},
		{"() 70 30 00", "brackets may only hold the digits of the area code, not ()", ""},
		{"0303-(70) 30 00", "has '(' right after '-'", ""},
		{"70 30 00 (0303)", "must end with a digit", ""},
		{"0303/70 30 00", "'/' is not allowed in a phone number", "e.g. 0303-70 30 00"},
		{"0303-7O 30 00", "the letter 'O' is not allowed in a phone number", "write the digit 0, not the letter O"},
		{"0303\u201370 30 00", "the dash U+2013 '–' is not allowed in a phone number", "use an ordinary hyphen '-'"},
		{"0303-70\u00a030 00", "the space character U+00A0 is not allowed in a phone number", "retype the spaces"},
	}
	for _, tt := range tests {
		p, h := checkPhone(tt.phone)
		problem, hint := p.String(), h.String()
		if !strings.Contains(problem, tt.problem) || !strings.Contains(hint, tt.hint) {
			t.Errorf("%q: got %q (%q)\nwant %q (%q)", tt.phone, problem, hint, tt.problem, tt.hint)
		}
		if strings.ContainsRune(tt.phone, '(') || strings.ContainsRune(tt.phone, ')') {
			if strings.Contains(problem+hint, "U+00") {
				t.Errorf("%q: a bracket named by its code point: %s", tt.phone, problem)
			}
		}
	}
}
