// Package pdf draws laid-out documents as PDF files. It is the only
// package that knows the PDF library (fpdf) and the QR encoder.
//
//   - pdf.go draws the items of a layout.Doc and the QR code as squares;
//   - font.go prepares each embedded font once per process as code pages
//     and embeds a cached subset of each page a document uses;
//   - sfnt.go is the TrueType subsetter behind that;
//   - deflate.go compresses page contents after fpdf has written them;
//   - logo.go prepares the landlord's logo once per process.
package pdf
