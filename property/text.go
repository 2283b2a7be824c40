package property

import (
	"fmt"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
	"golang.org/x/text/number"
)

// Text is one message of the loader, kept so that it can be said in
// another language: its English format string, which is also its key in
// the catalogs (see swedish.go), and its arguments. An argument that is
// itself a Text is said in the same language.
type Text struct {
	format string
	args   []any
	en     string // the English text, made once
}

// Textf makes a message from an English format string and its
// arguments, as fmt.Sprintf does. Every format given to Textf must have
// an entry in the Swedish catalog (a test reads the source to see that it
// has): write the format as a literal at the call, never build it.
func Textf(format string, args ...any) Text {
	return Text{format: format, args: args, en: fmt.Sprintf(format, args...)}
}

// String returns the message in English.
func (t Text) String() string { return t.en }

// Format returns t's English format string, the key of its translations.
func (t Text) Format() string { return t.format }

// Args returns t's arguments.
func (t Text) Args() []any { return t.args }

// IsZero reports whether t holds no message.
func (t Text) IsZero() bool { return t.format == "" }

// in returns t in lang ("sv"; anything else is English), and whether
// every part of it was found in lang's catalog.
func (t Text) in(lang string) (string, bool) {
	if t.IsZero() {
		return "", true
	}
	if lang != "sv" {
		return t.en, true
	}
	ok := hasSwedish(t.format)
	args := make([]any, len(t.args))
	for i, a := range t.args {
		if sub, isText := a.(sayer); isText {
			s, found := sub.in(lang)
			args[i], ok = s, ok && found
			continue
		}
		args[i] = a
	}
	// Numbers are written as the English has them, without the
	// thousands separator CLDR gives Swedish ("5 000"): they are counts,
	// limits and line numbers that the reader compares with the file.
	for _, v := range verbs(t.format) {
		if v.verb != 'd' || v.arg > len(args) {
			continue
		}
		switch n := args[v.arg-1].(type) {
		case int:
			args[v.arg-1] = number.Decimal(n, number.NoSeparator())
		case int64:
			args[v.arg-1] = number.Decimal(n, number.NoSeparator())
		}
	}
	// A printer per call: message.Printer keeps no state between calls,
	// but one per call costs little (a few hundred ns) and needs no lock.
	p := message.NewPrinter(language.Swedish, message.Catalog(swedishCatalog))
	return p.Sprintf(t.format, args...), ok
}

// sayer is an argument that says itself in another language: a Text, or
// a language's name.
type sayer interface {
	fmt.Stringer // in English
	in(lang string) (string, bool)
}

// languageArg is a language, named in English by String and in Swedish
// by the Unicode CLDR's names (golang.org/x/text/language/display).
type languageArg struct{ code, english string }

func (a languageArg) String() string { return a.english }

func (a languageArg) in(lang string) (string, bool) {
	if lang != "sv" {
		return a.english, true
	}
	if a.code == "sv-x-ll" { // our easy-to-read Swedish, which CLDR does not name
		return "lättläst svenska", true
	}
	tag, err := language.Parse(a.code)
	if err != nil {
		return a.english, false
	}
	name := display.Swedish.Languages().Name(tag)
	if name == "" {
		return a.english, false
	}
	return name, true
}

// swedishCatalog holds the Swedish messages, keyed by the English format.
var swedishCatalog = func() catalog.Catalog {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for _, m := range swedish {
		if err := b.Set(language.Swedish, m.en, m.message()); err != nil {
			panic("property: Swedish message for " + m.en + ": " + err.Error())
		}
	}
	return b
}()

// svEntries finds a Swedish entry by its English format.
var svEntries = func() map[string]*translation {
	out := make(map[string]*translation, len(swedish))
	for i := range swedish {
		m := &swedish[i]
		if out[m.en] != nil {
			panic("property: two Swedish entries for " + m.en)
		}
		out[m.en] = m
	}
	return out
}()

func hasSwedish(format string) bool { return svEntries[format] != nil }

// translation is one entry of a catalog: the English format and the
// same message in another language. one, when set, is said instead of
// sv when the first number in the message (its first %d) is 1.
type translation struct {
	en, sv, one string
}

func (m translation) message() catalog.Message {
	if m.one == "" {
		return catalog.String(m.sv)
	}
	return plural.Selectf(countArg(m.en), "", "one", m.one, "other", m.sv)
}

// countArg is the position (from 1) of the argument of the first %d in
// format.
func countArg(format string) int {
	for i, v := range verbs(format) {
		if v.verb == 'd' {
			return i + 1
		}
	}
	panic("property: a message with a plural form has no %d: " + format)
}

// verb is one placeholder of a format: the argument it takes (from 1)
// and its verb letter.
type verb struct {
	arg  int
	verb rune
}

// verbs lists the placeholders of a format string in order, with the
// argument each takes ("%[2]s" takes the second). It knows the flags,
// widths and precisions that fmt knows, not * for either.
func verbs(format string) []verb {
	var out []verb
	next := 1
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		if i < len(format) && format[i] == '[' {
			end := strings.IndexByte(format[i:], ']')
			if end > 0 {
				var n int
				fmt.Sscanf(format[i+1:i+end], "%d", &n)
				next = n
				i += end + 1
			}
		}
		for i < len(format) && (format[i] >= '0' && format[i] <= '9' || format[i] == '.') {
			i++
		}
		if i >= len(format) {
			break
		}
		if format[i] == '%' {
			continue
		}
		out = append(out, verb{arg: next, verb: rune(format[i])})
		next++
	}
	return out
}

// phraseArg is an argument taken from the field table, such as a field's
// Noun, Why or Example: said from the Swedish catalog when it has an entry
// (a test sees that every Noun and Why has one), and as written
// otherwise (an example such as "version: 1" is the same in every
// language).
type phraseArg string

func (a phraseArg) String() string { return string(a) }

func (a phraseArg) in(lang string) (string, bool) {
	if lang == "sv" {
		if m := svEntries[string(a)]; m != nil {
			return m.sv, true
		}
	}
	return string(a), true
}
