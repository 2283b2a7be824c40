package property

import (
	"strings"
	"unicode"
)

// phoneHint is the hint for a phone number with a character it may not
// have.
func phoneHint() Text {
	return Textf("use only digits, spaces, '-', brackets around the area code and one leading '+', e.g. 0303-70 30 00")
}

// checkPhone returns what is wrong with a phone number and how to put it
// right, or two empty strings.
//
// A number is printed as written, so the landlord chooses its grouping,
// with one exception (see normalPhone). Besides digits, spaces and '-',
// the ways Swedes write numbers are accepted: one leading '+', and one
// pair of brackets around the area code, "(0303) 70 30 00", or around
// the trunk zero after the country code, "+46 (0)303-70 30 00". A number
// that lost its leading zero, as a spreadsheet drops it ("303703000"),
// is refused with the zero put back: it would ring no one.
func checkPhone(s string) (problem, hint Text) {
	digits := 0
	prev := rune(0)
	open, pairs := -1, 0 // where an open bracket is; pairs closed
	for i, r := range s {
		if open >= 0 && r != ')' && (r < '0' || r > '9') {
			return bracketProblem(s[open+1:])
		}
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+':
			if i != 0 {
				return Textf("'+' is only allowed at the start of a phone number"), phoneHint()
			}
		case r == ' ' || r == '-':
			if prev == ' ' || prev == '-' {
				return Textf("has two spaces or hyphens in a row"), phoneHint()
			}
			if prev == 0 || prev == '+' || prev == '(' {
				return Textf("must start with a digit, '+' or '('"), phoneHint()
			}
		case r == '(':
			switch {
			case open >= 0 || pairs > 0:
				return Textf("has more than one pair of brackets"), Textf("brackets go around the area code only, e.g. (0303) 70 30 00")
			case prev == '-':
				return Textf("has '(' right after '-'"), Textf("write e.g. (0303) 70 30 00 or +46 (0)303-70 30 00")
			}
			open = i
		case r == ')':
			if open < 0 {
				return Textf("has ')' without '(' before it"), Textf("write e.g. (0303) 70 30 00")
			}
			if i == open+1 {
				return bracketProblem(")")
			}
			open, pairs = -1, pairs+1
		default:
			return phoneChar(r)
		}
		prev = r
	}
	switch {
	case open >= 0:
		return Textf("has '(' that is not closed"), Textf("write e.g. (0303) 70 30 00")
	case prev == ' ' || prev == '-' || prev == '+' || prev == '(' || prev == ')':
		return Textf("must end with a digit"), phoneHint()
	case digits < 3:
		return Textf("has %d digits; a phone number has at least 3", digits), phoneHint()
	case digits > 15:
		return Textf("has %d digits; a phone number has at most 15", digits), phoneHint()
	case s[0] >= '1' && s[0] <= '9' && digits >= 7 && digits <= 9:
		// Swedish numbers start with the trunk zero; the numbers that
		// do not (112, 114 14, 116 111, 1177) have at most 6 digits.
		return Textf("%s has lost its leading 0, as a spreadsheet drops it", s),
			Textf("write it with the 0: %s; in a spreadsheet, format the column as text", "0"+s)
	}
	return Text{}, Text{}
}

// normalPhone returns a number that checkPhone accepts in the form that
// is printed: brackets are written out, since in a right-to-left
// document (Arabic, Persian, Sorani) the bidi algorithm mirrors them and
// moves the groups around them ("(0303) 70 30 00" came out as
// "(70 30 00 )0303"), while digits, spaces, '-' and '+' keep their order
// there. "(0303) 70 30 00" is printed 0303-70 30 00, the Swedish
// standard form (SS 01 41); "+46 (0)303-70 30 00" is printed
// +46 303-70 30 00, since the zero is not dialled after +46. Every other
// number is printed exactly as written.
func normalPhone(s string) string {
	open := strings.IndexByte(s, '(')
	if open < 0 {
		return s
	}
	close := open + strings.IndexByte(s[open:], ')')
	before, group, after := s[:open], s[open+1:close], s[close+1:]
	if group == "0" && strings.HasPrefix(before, "+") {
		// The trunk zero after the country code.
		return strings.TrimRight(before, " ") + " " + strings.TrimLeft(after, " -")
	}
	if group == "0" || after == "" {
		return before + group + after
	}
	// The area code: joined to the number by '-'.
	if after[0] == ' ' || after[0] == '-' {
		after = after[1:]
	}
	return before + group + "-" + after
}

// bracketProblem reports brackets that hold more than digits; rest is
// the number from after the '('.
func bracketProblem(rest string) (problem, hint Text) {
	inner, _, _ := strings.Cut(rest, ")")
	return Textf("brackets may only hold the digits of the area code, not (%s)", clip(inner)),
		Textf("write only the number, e.g. (0303) 70 30 00, and put words in a contact's note")
}

// phoneChar describes a character a phone number may not have, without
// code points where the character speaks for itself.
func phoneChar(r rune) (problem, hint Text) {
	switch {
	case r == 'O' || r == 'o':
		return Textf("the letter '%c' is not allowed in a phone number", r), Textf("write the digit 0, not the letter O")
	case r == 'l' || r == 'I':
		return Textf("the letter '%c' is not allowed in a phone number", r), Textf("write the digit 1, not the letter %c", r)
	case r < 0x80 && unicode.IsLetter(r):
		return Textf("the letter '%c' is not allowed in a phone number", r), Textf("use only digits, spaces, '-', brackets around the area code and one leading '+', e.g. 0303-70 30 00, and put words in a contact's note")
	case r < 0x80 && unicode.IsGraphic(r):
		return Textf("'%c' is not allowed in a phone number", r), phoneHint()
	case unicode.Is(unicode.Pd, r) || r == '\u2212':
		return Textf("the dash %s is not allowed in a phone number", runeText(r)), Textf("use an ordinary hyphen '-'")
	case unicode.IsSpace(r):
		return Textf("the space character %s is not allowed in a phone number", runeText(r)),
			Textf("retype the spaces as ordinary ones; it may have come along when the number was copied from a web page")
	}
	return Textf("character %s is not allowed in a phone number", runeText(r)), phoneHint()
}
