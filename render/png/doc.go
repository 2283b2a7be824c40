// Package png draws laid-out documents as PNG pictures, one page to a
// picture: for the README, a preview, anything that shows a page without
// a PDF viewer. It draws what render/pdf draws, from the same layout.Doc:
//
//   - png.go makes a page's picture and writes it;
//   - text.go draws text from the glyphs the layout names, with outlines
//     from the fonts through go-text's font API;
//   - draw.go fills shapes (rectangles, rounded ones, circles, lines,
//     polygons) with golang.org/x/image/vector and draws the QR code's
//     modules as whole pixels;
//   - logo.go decodes and scales the landlord's logo.
//
// It uses no cgo and runs no other program.
package png
