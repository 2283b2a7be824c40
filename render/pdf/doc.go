// Package pdf draws laid-out documents as PDF files: the backend of
// package render for print. It is the only package that knows the PDF
// library (fpdf); QR codes come from package qr.
//
//   - pdf.go draws the items of a layout.Doc: text as code-page strings
//     and chosen glyphs placed where the shaper put them, the QR code as
//     squares;
//   - shape.go writes circles and rounded rectangles as path operators;
//   - content.go writes page contents past fpdf, byte for byte as fpdf
//     writes them for the same calls;
//   - skeleton.go writes a document's objects (pages, fonts, logo,
//     information, catalog) as fpdf writes them: fpdf writes only what
//     these two do not (information it cannot encode, a logo in more
//     than one object);
//   - font.go prepares each embedded font once per process as code pages
//     and glyph pages, and embeds a cached subset of each page a document
//     uses;
//   - sfnt.go is the TrueType subsetter behind that;
//   - logo.go prepares the landlord's logo once per process;
//   - cmyk.go draws a print shop's document in the inks of offset
//     printing (FOGRA39), black text in black ink alone;
//   - pdfx.go gives such a document its page boxes and makes it, or a
//     joined print file, PDF/X-4;
//   - tagged.go makes a document with a structure a tagged PDF, PDF/UA-1:
//     marked content, the structure tree, link annotations and XMP;
//   - deflate.go finishes what skeleton or fpdf wrote: compresses page
//     contents and writes the fonts' objects (with their ToUnicode maps)
//     and the structure's;
//   - chunks.go compresses page contents in cached chunks, since the
//     documents of a batch differ in a few lines;
//   - join.go joins finished PDFs into one print file, one input at a
//     time.
package pdf
