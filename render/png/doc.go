// Package png draws laid-out documents as PNG pictures, one page to a
// picture: the backend of package render for the README, a preview, or
// anything that shows a page without a PDF viewer. It draws what
// render/pdf draws, from the same layout.Doc, and places glyphs and the
// logo on the pixel grid as pdftoppm does, so that a picture matches
// what the PDF shows.
//
//   - png.go makes a page's picture;
//   - text.go draws text from the glyphs the layout names, with outlines
//     from the fonts through go-text's font API, each glyph's look at a
//     size drawn once;
//   - draw.go fills shapes (rectangles, rounded ones, circles, lines,
//     polygons) with golang.org/x/image/vector and draws the QR code's
//     modules as whole pixels;
//   - logo.go decodes and scales the landlord's logo;
//   - encode.go writes the picture as an 8-bit RGB PNG file.
//
// It uses no cgo and runs no other program.
package png
