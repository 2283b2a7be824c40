// Package helpline is the small built-in directory of national support
// lines that a property may choose to print. Numbers are facts from the
// services' own public pages; each carries the date we last checked it.
package helpline

import (
	"fmt"
	"sort"
	"strings"
)

// Line is one national support line.
type Line struct {
	ID      string // key used in property files, e.g. "kvinnofridslinjen"
	Name    string // proper name, printed as is in every language
	Number  string // grouped as the service prints it
	Checked string // ISO date the number was last checked against the source
	Source  string // where it was checked
}

// Default lists the ids printed when a property names none.
var Default = []string{"kvinnofridslinjen"}

var lines = []Line{
	{ID: "kvinnofridslinjen", Name: "Kvinnofridslinjen", Number: "020-50 50 50",
		Checked: "2026-11-25", Source: "kvinnofridslinjen.se"},
	{ID: "bris", Name: "BRIS", Number: "116 111",
		Checked: "2026-11-25", Source: "bris.se"},
	{ID: "terrafem", Name: "Terrafem", Number: "020-52 10 10",
		Checked: "2026-11-25", Source: "terrafem.org"},
}

// Lookup returns the line with the given id.
func Lookup(id string) (Line, bool) {
	for _, l := range lines {
		if l.ID == id {
			return l, true
		}
	}
	return Line{}, false
}

// IDs returns every known id, sorted.
func IDs() []string {
	ids := make([]string, 0, len(lines))
	for _, l := range lines {
		ids = append(ids, l.ID)
	}
	sort.Strings(ids)
	return ids
}

// UnknownError says that id is not in the directory and lists those that are.
func UnknownError(id string) error {
	return fmt.Errorf("unknown support line %q (known: %s)", id, strings.Join(IDs(), ", "))
}
