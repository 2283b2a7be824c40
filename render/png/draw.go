package png

import (
	"image"
	"image/color"
	"math"

	"huskurage/layout"
	"huskurage/qr"
)

// Shapes are drawn as render/pdf draws them: circles and the corners of
// rounded rectangles as four Bézier segments, lines with round caps,
// strokes centred on the outline. Each shape is a path filled with
// golang.org/x/image/vector, which gives every pixel the part of it the
// path covers (antialiasing), over a box of the page just large enough
// for it: filling a rasterizer of the whole page for every item would
// cost a hundred times more.

// kappa places the control points of a quarter circle drawn as one cubic
// Bézier segment, as render/pdf does.
const kappa = 0.5522847498307936

// begin starts a path inside the box x0, y0, x1, y1 (pixels, the page's
// coordinates); it reports false when the box is off the page.
func (c *canvas) begin(x0, y0, x1, y1 float64) bool {
	r := image.Rect(int(math.Floor(x0))-1, int(math.Floor(y0))-1, int(math.Ceil(x1))+1, int(math.Ceil(y1))+1)
	r = r.Intersect(c.img.Rect)
	if r.Empty() {
		return false
	}
	c.box = r
	c.ox, c.oy = float64(r.Min.X), float64(r.Min.Y)
	c.z.Reset(r.Dx(), r.Dy())
	return true
}

// Path operations, in pixels on the page.
func (c *canvas) moveTo(x, y float64) { c.z.MoveTo(float32(x-c.ox), float32(y-c.oy)) }
func (c *canvas) lineTo(x, y float64) { c.z.LineTo(float32(x-c.ox), float32(y-c.oy)) }
func (c *canvas) cubeTo(x1, y1, x2, y2, x3, y3 float64) {
	c.z.CubeTo(float32(x1-c.ox), float32(y1-c.oy), float32(x2-c.ox), float32(y2-c.oy), float32(x3-c.ox), float32(y3-c.oy))
}

// fill paints the path begun with col.
func (c *canvas) fill(col color.RGBA) {
	c.src.C = col
	c.z.Draw(c.img, c.box, &c.src, image.Point{})
}

// arc adds a quarter circle around cx, cy of radius r, from the angle a
// a quarter turn in the direction dir (+1 or -1); the pen is at its start.
func (c *canvas) arc(cx, cy, r, a, dir float64) {
	b := a + dir*math.Pi/2
	sa, ca := math.Sincos(a)
	sb, cb := math.Sincos(b)
	x0, y0 := cx+r*ca, cy+r*sa
	x3, y3 := cx+r*cb, cy+r*sb
	k := dir * kappa * r
	c.cubeTo(x0-k*sa, y0+k*ca, x3+k*sb, y3-k*cb, x3, y3)
}

// circlePath adds a circle as a closed path, in the direction dir.
func (c *canvas) circlePath(cx, cy, r, dir float64) {
	c.moveTo(cx+r, cy)
	for i := 0; i < 4; i++ {
		c.arc(cx, cy, r, dir*float64(i)*math.Pi/2, dir)
	}
	c.z.ClosePath()
}

// roundedPath adds the rectangle x, y, w, h (pixels) with corners of
// radius r as a closed path, clockwise on the page (dir 1) or not.
func (c *canvas) roundedPath(x, y, w, h, r, dir float64) {
	r = max(0, min(r, w/2, h/2))
	// The corners' centres, clockwise from the top left, and the angle
	// at which each corner's arc starts.
	type corner struct{ cx, cy, a float64 }
	cs := [4]corner{
		{x + r, y + r, math.Pi},          // top left: from the left side
		{x + w - r, y + r, -math.Pi / 2}, // top right: from the top
		{x + w - r, y + h - r, 0},        // bottom right
		{x + r, y + h - r, math.Pi / 2},  // bottom left
	}
	if dir < 0 {
		// Counter-clockwise: the same corners the other way round, each
		// arc from its other end.
		cs = [4]corner{
			{x + r, y + r, -math.Pi / 2},
			{x + r, y + h - r, math.Pi},
			{x + w - r, y + h - r, math.Pi / 2},
			{x + w - r, y + r, 0},
		}
	}
	for i, k := range cs {
		sa, ca := math.Sincos(k.a)
		if i == 0 {
			c.moveTo(k.cx+r*ca, k.cy+r*sa)
		} else {
			c.lineTo(k.cx+r*ca, k.cy+r*sa)
		}
		if r > 0 {
			c.arc(k.cx, k.cy, r, k.a, dir)
		}
	}
	c.z.ClosePath()
}

// rect fills the rectangle x, y, w, h (mm) with corners of radius r, or,
// when lw > 0, strokes its outline lw mm wide.
func (c *canvas) rect(x, y, w, h, r, lw float64, col color.RGBA) {
	k := c.px
	x, y, w, h, r, lw = x*k, y*k, w*k, h*k, r*k, lw*k
	if lw <= 0 {
		if c.begin(x, y, x+w, y+h) {
			c.roundedPath(x, y, w, h, r, 1)
			c.fill(col)
		}
		return
	}
	// A stroke is the ring between the outline grown and shrunk by half
	// its width; with square corners the joins are mitred, as in a PDF.
	hw := lw / 2
	if !c.begin(x-hw, y-hw, x+w+hw, y+h+hw) {
		return
	}
	outerR, innerR := r+hw, r-hw
	if r == 0 {
		outerR, innerR = 0, 0
	}
	c.roundedPath(x-hw, y-hw, w+lw, h+lw, outerR, 1)
	if w > lw && h > lw {
		c.roundedPath(x+hw, y+hw, w-lw, h-lw, max(innerR, 0), -1)
	}
	c.fill(col)
}

// circle fills the circle around x, y (mm) of radius r, or strokes it lw
// mm wide when lw > 0.
func (c *canvas) circle(x, y, r, lw float64, col color.RGBA) {
	k := c.px
	x, y, r, lw = x*k, y*k, r*k, lw*k
	outer := r + lw/2
	if !c.begin(x-outer, y-outer, x+outer, y+outer) {
		return
	}
	c.circlePath(x, y, outer, 1)
	if lw > 0 && r > lw/2 {
		c.circlePath(x, y, r-lw/2, -1)
	}
	c.fill(col)
}

// line strokes a line from a to b (mm) lw mm wide with round caps, as
// render/pdf sets its lines: one closed path, the two sides and a half
// circle around each end.
func (c *canvas) line(a, b layout.Point, lw float64, col color.RGBA) {
	k := c.px
	x0, y0, x1, y1, hw := a.X*k, a.Y*k, b.X*k, b.Y*k, lw*k/2
	if hw <= 0 || !c.begin(min(x0, x1)-hw, min(y0, y1)-hw, max(x0, x1)+hw, max(y0, y1)+hw) {
		return
	}
	dx, dy := x1-x0, y1-y0
	n := math.Hypot(dx, dy)
	if n == 0 {
		// A dot: a round cap alone.
		c.circlePath(x0, y0, hw, 1)
		c.fill(col)
		return
	}
	// The normal, and its angle: the sides are ± hw along it.
	nx, ny := -dy/n*hw, dx/n*hw
	an := math.Atan2(ny, nx)
	c.moveTo(x0+nx, y0+ny)
	c.lineTo(x1+nx, y1+ny)
	c.arc(x1, y1, hw, an, -1) // around the far end
	c.arc(x1, y1, hw, an-math.Pi/2, -1)
	c.lineTo(x0-nx, y0-ny)
	c.arc(x0, y0, hw, an-math.Pi, -1) // and back around the near end
	c.arc(x0, y0, hw, an-3*math.Pi/2, -1)
	c.z.ClosePath()
	c.fill(col)
}

// poly fills the polygon through pts (mm).
func (c *canvas) poly(pts []layout.Point, col color.RGBA) {
	if len(pts) < 3 {
		return
	}
	k := c.px
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		x0, y0, x1, y1 = min(x0, p.X*k), min(y0, p.Y*k), max(x1, p.X*k), max(y1, p.Y*k)
	}
	if !c.begin(x0, y0, x1, y1) {
		return
	}
	for i, p := range pts {
		if i == 0 {
			c.moveTo(p.X*k, p.Y*k)
		} else {
			c.lineTo(p.X*k, p.Y*k)
		}
	}
	c.z.ClosePath()
	c.fill(col)
}

// qr draws code in the square x, y, side (mm): white, with the dark
// modules inside its quiet zone as exact squares. Module edges fall on
// whole pixels, so that every module is solid black or white, never grey
// at its edges: at 96 dpi a 0.4 mm module is only 1.5 pixels.
func (c *canvas) qr(code *qr.Code, x, y, side float64) {
	c.rect(x, y, side, side, 0, 0, color.RGBA{0xff, 0xff, 0xff, 0xff})
	k := c.px
	m := code.Module(side)
	edge := func(origin float64, i int) int {
		return int(math.Round((origin + float64(i+qr.QuietZone)*m) * k))
	}
	n := code.Size()
	xs, ys := make([]int, n+1), make([]int, n+1)
	for i := range xs {
		xs[i], ys[i] = edge(x, i), edge(y, i)
	}
	for row, mods := range code.Modules {
		for col := 0; col < n; {
			if !mods[col] {
				col++
				continue
			}
			start := col
			for col < n && mods[col] {
				col++
			}
			c.solid(image.Rect(xs[start], ys[row], xs[col], ys[row+1]), color.RGBA{0, 0, 0, 0xff})
		}
	}
}

// solid paints the pixels of r with col.
func (c *canvas) solid(r image.Rectangle, col color.RGBA) {
	r = r.Intersect(c.img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := c.img.Pix[c.img.PixOffset(r.Min.X, y):c.img.PixOffset(r.Max.X, y)]
		for i := 0; i < len(row); i += 4 {
			row[i], row[i+1], row[i+2], row[i+3] = col.R, col.G, col.B, col.A
		}
	}
}
