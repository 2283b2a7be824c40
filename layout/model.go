package layout

import (
	"fmt"
	"math"

	"huskurage/property"
	"huskurage/typeset"
)

// Measurer measures and wraps text; sizes are in points. dir is the
// direction of the document or part of a page that s stands in.
type Measurer interface {
	Wrap(s string, dir typeset.Direction, font typeset.FontID, size, maxWidth float64) []typeset.Line
	Metrics(font typeset.FontID, size float64) typeset.Metrics
	// LongestWord returns the width of the widest piece of s that a
	// line may not break, and the piece.
	LongestWord(s string, dir typeset.Direction, font typeset.FontID, size float64) (float64, string)
}

// Color is an sRGB colour.
type Color [3]uint8

// Point is a position on the page in millimetres from the top left corner.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Item kinds.
const (
	KindRect   = "rect"   // X, Y, W, H, optional Radius; Fill and/or Stroke
	KindCircle = "circle" // centre X, Y and Radius; Fill and/or Stroke
	KindLine   = "line"   // from Points[0] to Points[1]; Stroke, LineWidth
	KindPoly   = "poly"   // closed polygon through Points; Fill
	KindText   = "text"   // one line of text; see Item
	KindImage  = "image"  // the landlord's logo in X, Y, W, H
	KindQR     = "qr"     // a QR code of Data in the square X, Y, W (W == H)
)

// Item is one thing drawn on a page. Coordinates are in millimetres from
// the page's top left corner.
type Item struct {
	Kind      string  `json:"kind"`
	X         float64 `json:"x"`
	Y         float64 `json:"y"`
	W         float64 `json:"w,omitempty"`
	H         float64 `json:"h,omitempty"`
	Radius    float64 `json:"radius,omitempty"`
	Fill      *Color  `json:"fill,omitempty"`
	Stroke    *Color  `json:"stroke,omitempty"`
	LineWidth float64 `json:"line_width,omitempty"`
	Points    []Point `json:"points,omitempty"`

	// Text. X, Y is the left end of the baseline; W is the line's width,
	// H its height from the top of the ascent to the bottom of the
	// descent, Ascent the part of H above the baseline.
	Ascent float64        `json:"ascent,omitempty"`
	Font   typeset.FontID `json:"font,omitempty"`
	Size   float64        `json:"size,omitempty"` // points
	Runs   []Run          `json:"runs,omitempty"`
	Field  string         `json:"field,omitempty"` // property field, if the text is the user's
	Lang   string         `json:"lang,omitempty"`  // the text's language, when not the document's
	// Order lists the runs in reading order when that is not the order
	// they are seen in, left to right (right-to-left text): a backend
	// draws them in this order, so that a reader that takes text in the
	// order it is drawn gets it as it is read.
	Order []int `json:"order,omitempty"`

	// Node is the structure node the item belongs to (see Doc.Nodes); 0
	// for decoration, which a reader skips.
	Node int `json:"node,omitempty"`

	// QR code: the text to encode and the smallest module, in mm, at
	// which it still counts as readable.
	Data      string  `json:"data,omitempty"`
	MinModule float64 `json:"min_module,omitempty"`
}

// Run is a piece of a text line drawn as one string at X mm from the
// item's X.
type Run struct {
	X     float64 `json:"x"`
	Y     float64 `json:"y,omitempty"` // mm above the baseline (a placed mark)
	Text  string  `json:"text"`
	Face  int     `json:"face,omitempty"`  // the font family, see typeset.Fonts
	Glyph int     `json:"glyph,omitempty"` // a glyph the shaper chose, see typeset.Run
	Span  int     `json:"span,omitempty"`  // runs that draw Text together, see typeset.Run
}

// Page is one page of a document.
type Page struct {
	W     float64 `json:"w"`
	H     float64 `json:"h"`
	Items []Item  `json:"items"`
	// Trim and Bleed are set on a page for a print shop: where the
	// printed sheet is cut, and how far beyond that its backgrounds
	// reach (PDF's TrimBox and BleedBox), in mm from the top left.
	Trim  *Box `json:"trim,omitempty"`
	Bleed *Box `json:"bleed,omitempty"`
}

// Doc is a laid-out poster or leaflet.
type Doc struct {
	Kind  string  `json:"kind"` // "poster" or "leaflet"
	Size  string  `json:"size"` // "A4", "A3", "A5", "A6"
	Lang  string  `json:"lang"`
	Scale float64 `json:"scale"` // text scale chosen to fit, 1 = design size
	Pages []Page  `json:"pages"`

	// WithoutIntro is set when the introduction was left out to make
	// the rest fit (see orShorter).
	WithoutIntro bool `json:"without_intro,omitempty"`

	Title   string `json:"title"`
	Subject string `json:"subject"`
	Author  string `json:"author"`

	// Logo is drawn wherever an Item of KindImage stands.
	Logo *property.Image `json:"-"`

	// Nodes are the document's structure, node 0 its root (see Node):
	// what its items are, in reading order.
	Nodes []Node `json:"nodes,omitempty"`
}

// FieldError is text that cannot be laid out.
type FieldError struct {
	Field   string // property field path, "" for our own text
	Problem string
	Hint    string
	// The problem and hint as messages that can be said in Swedish too
	// (see property.Text); zero when made from English alone.
	said, saidHint property.Text
}

// newFieldError makes a problem with field from messages, which the web
// form says in its own language.
func newFieldError(field string, problem, hint property.Text) *FieldError {
	return &FieldError{Field: field, Problem: problem.String(), Hint: hint.String(), said: problem, saidHint: hint}
}

// Texts returns the problem and its hint as messages; the problem is
// zero when e was made from English text alone.
func (e *FieldError) Texts() (problem, hint property.Text) { return e.said, e.saidHint }

func (e *FieldError) Error() string {
	s := e.Problem
	if e.Field != "" {
		s = e.Field + ": " + s
	}
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// Sizes of paper in millimetres, portrait.
var paper = map[string][2]float64{
	"A3": {297, 420},
	"A4": {210, 297},
	"A5": {148, 210},
	"A6": {105, 148},
}

// PosterSizes and LeafletSizes are the sizes each design is made for.
var (
	PosterSizes  = []string{"A4", "A3"}
	LeafletSizes = []string{"A5", "A6"}
)

func sizeOf(name string, allowed []string) ([2]float64, error) {
	for _, a := range allowed {
		if a == name {
			return paper[name], nil
		}
	}
	return [2]float64{}, fmt.Errorf("unknown size %q (choose %v)", name, allowed)
}

const ptToMM = 25.4 / 72

// round keeps coordinates to a micrometre, so golden files stay readable
// and equal across machines.
func round(v float64) float64 { return math.Round(v*1000) / 1000 }
