// Package html makes a laid-out document (layout.Doc) a web page: the
// backend of package render for the page a document's QR code can point
// to. One self-contained file per document, with nothing fetched from
// anywhere: the styles are in the page, the logo is a data: URI, the
// icons and the QR code are inline SVG, and the text is set in the
// reader's system fonts (a stack per script that covers Arabic and
// Ethiopic on phones and computers).
//
// The page is made from the document's structure (layout.Doc.Nodes), not
// from its lines: headings, paragraphs, the steps as an ordered list,
// contacts and support lines as a list, every phone number a tel: link,
// the QR code's link a real link, and lang and dir wherever a part is in
// another language than the one around it. How it looks is taken from
// the print: each text's size relative to the page's body text, its
// weight and colour, and the band or panel it stands on, so that the page
// has the print's contrast and changes with the design.
//
//   - html.go is the renderer: it walks the structure and fills the page
//     template (page.tmpl, with html/template);
//   - look.go derives the styles from the printed pages: text looks,
//     backdrops, and the font stacks of the page's scripts;
//   - svg.go draws the step icons and the QR code as inline SVG.
//
// The same document gives the same bytes.
package html
