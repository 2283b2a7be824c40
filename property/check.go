package property

import (
	"errors"
	"fmt"
	"golang.org/x/net/idna"
	"math"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// checkURL returns what is wrong with an https address, and how to fix
// it, or two empty strings. why explains the https rule.
func checkURL(s string, why phraseArg) (problem, hint Text) {
	for _, r := range s {
		switch {
		case r == ' ':
			return Textf("a web address cannot contain spaces"), Textf("write %%20 for a space, or remove it")
		case unicode.IsSpace(r) || unicode.IsControl(r) || unicode.In(r, unicode.Cf):
			return Textf("a web address cannot contain the invisible character %U", r), Textf("retype the address")
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return Textf("is not a valid web address: %v", err.Error()), Textf("copy the address from the browser's address bar")
	}
	if !strings.EqualFold(u.Scheme, "https") || u.Opaque != "" || !strings.HasPrefix(strings.ToLower(s), "https://") {
		hint := Textf("%s", why)
		if u.Scheme == "" {
			hint = Textf("write e.g. https://%s", strings.TrimPrefix(s, "//"))
		}
		return Textf("must start with https://"), hint
	}
	if u.User != nil {
		return Textf("a web address here cannot contain a user name or password (the part before @)"), Textf("remove it")
	}
	host := u.Hostname()
	if host == "" {
		return Textf("the web address has no host name"), Textf("write e.g. https://example.org/huskurage")
	}
	if problem := checkHost(host); !problem.IsZero() {
		return problem, Textf("copy the address from the browser's address bar")
	}
	// A QR code of bytes outside ASCII carries no character set, and
	// phones guess it differently ("räksmörgås" comes back as "r瓣ksm…"):
	// only the ASCII form of a link is printed.
	for _, r := range s {
		if r > 0x7e {
			return Textf("the web address has the character %s, which phones can read wrongly from a QR code", runeText(r)),
				Textf("write it in its ASCII form: %s", asciiURL(u))
		}
	}
	return Text{}, Text{}
}

// asciiURL writes u with its host in punycode and the rest percent-encoded,
// the form a browser sends.
func asciiURL(u *url.URL) string {
	v := *u
	if host, err := idna.Lookup.ToASCII(u.Hostname()); err == nil {
		if port := u.Port(); port != "" {
			host += ":" + port
		}
		v.Host = host
	}
	v.RawQuery = escapeNonASCII(u.RawQuery)
	v.Fragment, v.RawFragment = "", escapeNonASCII(u.EscapedFragment())
	if v.RawFragment != "" {
		return strings.TrimSuffix(v.String(), "#") + "#" + v.RawFragment
	}
	return v.String()
}

// escapeNonASCII percent-encodes the bytes of s outside ASCII.
func escapeNonASCII(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c > 0x7e {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// checkHost checks a host name: labels of letters, digits and hyphens,
// at least two of them.
func checkHost(host string) Text {
	name := strings.TrimSuffix(host, ".")
	labels := strings.Split(name, ".")
	if len(labels) < 2 {
		return Textf("host %q has no dot; a QR code or website on a poster needs a public address such as www.example.org", clip(host))
	}
	for _, label := range labels {
		if label == "" || utf8.RuneCountInString(label) > 63 || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return Textf("host %q is not a valid host name", clip(host))
		}
		for _, r := range label {
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') {
				return Textf("host %q is not a valid host name", clip(host))
			}
		}
	}
	return Text{}
}

// ContrastWithWhite returns the WCAG 2 contrast ratio of white text on
// the colour rgb: from 1 (white on white) to 21 (white on black). Text
// needs at least 4.5.
func ContrastWithWhite(rgb [3]uint8) float64 {
	return 1.05 / (relativeLuminance(rgb) + 0.05)
}

// relativeLuminance is WCAG's relative luminance of an sRGB colour.
func relativeLuminance(rgb [3]uint8) float64 {
	linear := func(c uint8) float64 {
		v := float64(c) / 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*linear(rgb[0]) + 0.7152*linear(rgb[1]) + 0.0722*linear(rgb[2])
}

// swedishKeys maps field names a Swedish landlord may guess to ours: the
// fields' Misnames.
var swedishKeys = func() map[string]string {
	out := map[string]string{}
	for _, f := range allFields {
		for _, m := range f.Misnames {
			out[m] = f.name
		}
	}
	return out
}()

// unknownHint suggests what an unknown field name was meant to be: a
// near miss of a field valid here, a field that belongs in another
// section, or a near miss of one; failing those, the valid fields.
func unknownHint(name, path string, known []string) Text {
	norm := normalizeKey(name)
	swedish := swedishKeys[strings.ToLower(name)]
	if contains(known, swedish) {
		return Textf("did you mean %q?", swedish)
	}
	if guess := closest(norm, known); guess != "" {
		return Textf("did you mean %q?", guess)
	}
	if where := homeOf(name, path); !where.IsZero() {
		return Textf("%q belongs under %s; check the indentation", name, where)
	}
	guess := swedish
	if guess == "" {
		var elsewhere []string
		for _, s := range sections {
			if s.path != sectionOf(path) {
				elsewhere = append(elsewhere, s.keys...)
			}
		}
		guess = closest(norm, elsewhere)
	}
	if where := homeOf(guess, path); guess != "" && !where.IsZero() {
		return Textf("did you mean %q, under %s?", guess, where)
	}
	return Textf("valid fields here: %s", strings.Join(known, ", "))
}

// sections are the mappings of a property file, for hints about fields
// written in the wrong place: the top level, and each field of the table
// that holds fields.
var sections = func() []section {
	out := []section{{"", Textf("the top level (no indentation)"), topField.keys}}
	for _, f := range allFields {
		switch {
		case f.Kind == KindContacts:
			out = append(out, section{f.Path, Textf("each contact in %s:", f.name), f.keys})
		case len(f.fields) > 0:
			out = append(out, section{f.Path, Textf("%s:", f.name), f.keys})
		}
	}
	return out
}()

// section is a mapping of a property file: its path, how to name it in
// a hint, and its fields.
type section struct {
	path  string
	label Text
	keys  []string
}

// sectionOf maps a field path to its entry in sections.
func sectionOf(path string) string {
	if strings.HasPrefix(path, "contacts[") {
		return "contacts"
	}
	return path
}

func normalizeKey(s string) string {
	s = strings.ToLower(s)
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return '_'
		}
		return r
	}, s)
}

// homeOf names the sections other than path's where name is a valid
// field.
func homeOf(name, path string) Text {
	var found []Text
	for _, s := range sections {
		if s.path != sectionOf(path) && contains(s.keys, name) {
			found = append(found, s.label)
		}
	}
	if len(found) == 0 {
		return Text{}
	}
	list := found[0]
	for i := 1; i < len(found); i++ {
		if i == len(found)-1 {
			list = Textf("%s or %s", list, found[i])
		} else {
			list = Textf("%s, %s", list, found[i])
		}
	}
	return list
}

// closest returns the candidate nearest to s in edit distance, if it is
// near enough to be a likely typo: at most 2 edits, or 3 for long names.
func closest(s string, candidates []string) string {
	if utf8.RuneCountInString(s) > 40 {
		return ""
	}
	best, bestDist := "", math.MaxInt
	for _, c := range candidates {
		limit := 2
		switch {
		case len(c) <= 3:
			limit = 1 // "x" is not a typo of "qr"
		case len(c) >= 8:
			limit = 3
		}
		if d := editDistance(s, c); d <= limit && d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
