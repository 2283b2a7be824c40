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
}

// Error formats e as "file:line:col: field: problem (hint)", or with
// "file:cell" for a spreadsheet cell (see Position.Cell).
func (e *Error) Error() string { return e.format("") }

// Warning formats e as a warning: "file:line:col: warning: field: problem
// (hint)".
func (e *Error) Warning() string { return e.format("warning: ") }

func (e *Error) format(kind string) string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	b.WriteString(kind)
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Problem)
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
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
