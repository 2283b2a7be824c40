package pdf

import "huskurage/typeset"

// NewViaFpdf returns a renderer that draws every document's page contents
// through fpdf, as it draws a document with a logo: the reference that
// the contents written past fpdf (content.go) are held to.
func NewViaFpdf(fonts *typeset.Fonts, opts Options) *Renderer {
	r := New(fonts, opts)
	r.viaFpdf = true
	return r
}
