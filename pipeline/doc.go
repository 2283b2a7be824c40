// Package pipeline is the one orchestrator: every request, whether the
// build, check or batch command (and later a web form), runs its steps.
//
// A property goes property (read and checked) → content (its words in a
// language) → layout (pages in mm; kind says which design) → render (a
// backend: PDF or PNG) → output (written safely). The Builder runs those
// steps for one property in memory (builder.go); print sheets and a print
// order's cover are made from its documents (sheets.go, cover.go). A
// batch (batch.go) finds the inputs, checks their ids, builds and writes
// in parallel and keeps the folder's manifest (manifest.go); spreadsheet
// rows are inputs of their own (tables.go).
package pipeline
