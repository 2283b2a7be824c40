package content

import (
	"regexp"
	"strings"
)

// figures finds the runs of digit groups in a text: digits, and more
// digits after a single space (ordinary, no-break or narrow no-break) or
// hyphen. A number is one such run, whole: "112" is not a number in
// "1120" or "112 51".
var figures = regexp.MustCompile(`[0-9]+(?:[ \x{a0}\x{202f}-][0-9]+)*`)

// spaces are the spaces a translator or the line breaker may put between
// a number's groups (a no-break space keeps "114 14" on one line).
var spaces = strings.NewReplacer("\u00a0", " ", "\u202f", " ")

// Numbers returns the phone numbers that s, a text of ours, names: the
// national numbers our texts give (EmergencyNumber and PoliceNumber),
// each as s prints it, in the order s has them.
func Numbers(s string) []string {
	// A text without either number's first group has neither number:
	// so are most of our sentences, which the layout asks about each
	// time it sets one (the regular expression took 2% of a batch's
	// CPU).
	if !strings.Contains(s, firstGroup(EmergencyNumber)) && !strings.Contains(s, firstGroup(PoliceNumber)) {
		return nil
	}
	var out []string
	for _, f := range figures.FindAllString(s, -1) {
		if n := spaces.Replace(f); n == EmergencyNumber || n == PoliceNumber {
			out = append(out, f)
		}
	}
	return out
}

// firstGroup returns a number's digits up to its first space.
func firstGroup(n string) string {
	first, _, _ := strings.Cut(n, " ")
	return first
}
