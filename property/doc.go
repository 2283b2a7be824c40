// Package property reads and checks one property file: the YAML file that
// describes one building, its landlord, local contacts, the support lines
// to print and the link behind the QR code.
//
// Load and Parse walk the YAML node tree themselves instead of unmarshalling
// into structs, so that every problem can be reported with the file, line
// and column where it stands, and so that all problems in a file are
// reported at once as an ErrorList, sorted by position. Text is kept as the
// landlord wrote it: a phone number keeps its leading zero and its grouping,
// a postal code stays text, a URL goes into the QR code byte for byte.
//
// LoadStream and ParseStream read a file of several properties, one per
// YAML document, for printing many buildings in one run: they return the
// good properties together with the problems of the others.
//
// A defaults file (LoadDefaults) gives values that many properties share,
// such as a municipality's contacts; passed in Options.Defaults, it is
// merged under each property as Defaults describes, and the merged
// property is checked as a whole. Positions of inherited values point
// into the defaults file, and Summary shows the merged property as YAML
// with a comment on each value saying where it came from.
//
// Starter returns a commented property file for `huskurage init` that
// documents every field, in Swedish or English. Its example values are
// marked in the starter text, and the loader refuses each one still
// present, so that no example reaches a printed page.
//
// Every field is described once, in the table in fields.go (see Field):
// its kind, limits, whether it is required, its default, how a defaults
// file combines with it, its starter comment, its spreadsheet column and
// its label and help in a form. The loader, the merging of defaults,
// Summary, the starter file and the spreadsheet columns (package sheet)
// are made from it; Fields gives it to other packages. Adding a field
// touches the table and Property, and the code that prints it.
//
// Every problem is said as a Text: an English format string and its
// arguments (Textf). Error keeps the English text in Problem and Hint,
// as check prints it, and In says the same problem in Swedish, from the
// catalog in swedish.go, which golang.org/x/text/message reads, keyed by
// the English format. A test reads the source of this package, sheet
// and pipeline to see that every format has a Swedish entry with the
// same placeholders.
//
// The files, by job:
//
//   - load.go: Load and Parse, reading a file and checking its bytes;
//     syntax.go: YAML syntax errors put where a person must look;
//     stream.go: a file of several properties; node.go: a tree made by
//     another reader (a spreadsheet row).
//   - walk.go: the node walker: mappings, required fields, text, and the
//     reader of each kind of field, in the order of the table.
//   - field.go and fields.go: the field type and the table of fields.
//   - validate.go, check.go, phone.go, logo.go, limits.go: the
//     validators, and the hints for unknown fields.
//   - defaults.go: defaults files and merging; summary.go: check --show;
//     starter.go: the starter file; errors.go: positioned errors;
//     text.go and swedish.go: messages and their Swedish catalog;
//     property.go: the Property the loader returns.
package property
