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
package property
