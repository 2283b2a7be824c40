package property

import (
	"sort"
	"strings"
)

// Error is one problem in a property file, placed where a person can find
// it: the file, the line and column of the offending value, the field path
// (such as "landlord.phone" or "contacts[1].name"), what is wrong and how
// to put it right.
type Error struct {
	Pos     Position
	Field   string // empty for problems with the file as a whole
	Problem string
	Hint    string // empty when the problem says it all
	// problem and hint are Problem and Hint as messages that can be
	// said in Swedish too (see In); zero when the error was made with
	// English text alone.
	problem, hint Text
	// editHint, when set, is applied to the hint in every language (see
	// EditHint).
	editHint func(string) string
}

// NewError makes an Error whose Problem and Hint are the English of
// problem and hint, and which In can say in Swedish.
func NewError(pos Position, field string, problem, hint Text) *Error {
	return &Error{Pos: pos, Field: field, Problem: problem.String(), Hint: hint.String(), problem: problem, hint: hint}
}

// In returns the problem and its hint in lang: "sv" for Swedish, and
// English (Problem and Hint) for anything else. A message without a
// Swedish entry, or whose Problem or Hint was changed after it was made,
// is given in English.
func (e *Error) In(lang string) (problem, hint string) {
	problem, hint, _ = e.in(lang)
	return problem, hint
}

// in is In, and whether both texts were found in lang's catalog.
func (e *Error) in(lang string) (problem, hint string, ok bool) {
	if lang != "sv" {
		return e.Problem, e.Hint, true
	}
	problem, hint = e.Problem, e.Hint
	okP := !e.problem.IsZero() && e.problem.String() == e.Problem
	if okP {
		problem, okP = e.problem.in(lang)
	}
	okH := e.Hint == "" && e.hint.IsZero()
	if !e.hint.IsZero() && e.edit(e.hint.String()) == e.Hint {
		hint, okH = e.hint.in(lang)
		hint = e.edit(hint)
	}
	return problem, hint, okP && okH
}

func (e *Error) edit(hint string) string {
	if e.editHint == nil {
		return hint
	}
	return e.editHint(hint)
}

// Texts returns the problem and the hint as messages; a zero Text for
// one made with English text alone.
func (e *Error) Texts() (problem, hint Text) { return e.problem, e.hint }

// Reword gives e another problem and hint, for a reader that words a
// problem its own way (a spreadsheet names a column, not a field); a
// zero Text keeps the one e has.
func (e *Error) Reword(problem, hint Text) {
	if !problem.IsZero() {
		e.problem, e.Problem = problem, problem.String()
	}
	if !hint.IsZero() {
		e.hint, e.Hint, e.editHint = hint, hint.String(), nil
	}
}

// EditHint changes the hint with edit, in English now and in another
// language when e is said in it: edit sees the whole hint as said in
// that language.
func (e *Error) EditHint(edit func(string) string) {
	if prev := e.editHint; prev != nil {
		e.editHint = func(s string) string { return edit(prev(s)) }
	} else {
		e.editHint = edit
	}
	e.Hint = edit(e.Hint)
}

// Error formats e as "file:line:col: field: problem (hint)", or with
// "file:cell" for a spreadsheet cell (see Position.Cell).
func (e *Error) Error() string { return e.format("", e.Problem, e.Hint) }

// ErrorIn formats e as Error does, with its problem and hint in lang
// (see In): "file:line:col: field: problem (hint)".
func (e *Error) ErrorIn(lang string) string {
	problem, hint := e.In(lang)
	return e.format("", problem, hint)
}

// Warning formats e as a warning: "file:line:col: warning: field: problem
// (hint)".
func (e *Error) Warning() string { return e.format("warning: ", e.Problem, e.Hint) }

func (e *Error) format(kind, problem, hint string) string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	b.WriteString(kind)
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(problem)
	if hint != "" {
		b.WriteString(" (")
		b.WriteString(hint)
		b.WriteByte(')')
	}
	return b.String()
}

// ErrorList is every problem found in one or more property files. Load
// and Parse return one when anything is wrong; get it with errors.As.
type ErrorList []*Error

// Add appends a problem to the list.
func (l *ErrorList) Add(pos Position, field, problem, hint string) {
	*l = append(*l, &Error{Pos: pos, Field: field, Problem: problem, Hint: hint})
}

// AddText appends a problem said as messages (see NewError).
func (l *ErrorList) AddText(pos Position, field string, problem, hint Text) {
	*l = append(*l, NewError(pos, field, problem, hint))
}

// Sort orders the list by file, line and column. Problems at the same
// place keep the order in which they were found.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Error lists the problems one per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap gives errors.Is and errors.As access to each *Error.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}
