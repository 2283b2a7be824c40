// Package sheet reads properties from a spreadsheet: an .xlsx workbook or
// a .csv / .tsv file with one property a row and a header row that names
// the columns, in Swedish or English.
//
// Each row is turned into the YAML node tree a property file would give,
// with every value placed at its cell, and checked by property.ParseNode:
// a row is checked exactly as a property file, with the same messages,
// and every problem names its cell ("fastigheter.xlsx:Fastigheter!C14",
// "fastigheter.csv:14:3 (Postnummer)").
//
// Read reads a whole sheet (rows in, a Table out); Table.Property turns a
// row into a property or an error list. Columns is the table of the
// columns it knows, which the README, `init --spreadsheet` and the header
// matching share. Template and Manifest write workbooks.
package sheet
