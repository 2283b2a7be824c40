// Package layout turns the words of a document into pages of boxes,
// measured in millimetres: the stairwell poster and the door leaflet, and
// the cover sheet of a batch's print order (cover.go).
//
// It is pure geometry. Text is measured and wrapped through the Measurer
// interface (our typeset engine in production, a fake with fixed widths in
// tests); the PDF writer draws what comes out and adds nothing of its own.
// Text sizes shrink together, within limits, until everything fits; text
// that still does not fit is a FieldError naming the property field.
package layout
