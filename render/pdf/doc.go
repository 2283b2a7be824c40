// Package pdf draws laid-out documents as PDF files. It is the only
// package that knows the PDF library (fpdf) and the QR encoder.
//
//   - pdf.go draws the items of a layout.Doc and the QR code as squares;
//   - font.go prepares each embedded font once per process as code pages
//     and embeds a cached subset of each page a document uses;
//   - sfnt.go is the TrueType subsetter behind that;
//   - deflate.go compresses page contents after fpdf has written them;
//   - logo.go prepares the landlord's logo once per process;
//   - cmyk.go draws a print shop's document in the inks of offset
//     printing (FOGRA39), black text in black ink alone;
//   - pdfx.go gives such a document its page boxes and makes it, or a
//     joined print file, PDF/X-4;
//   - join.go joins documents into one print file.
package pdf
