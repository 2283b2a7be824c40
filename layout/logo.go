package layout

import "math"

// MinLogoPPI is the least resolution at which a print shop prints a
// picture sharp: below it, pixels and blurred edges show.
const MinLogoPPI = 150

// LogoPlacement is where the logo prints at its lowest resolution.
type LogoPlacement struct {
	PPI  float64 // pixels per inch, the lesser of across and down
	W, H float64 // its placed size in mm
	// Need is the size in pixels that prints at MinLogoPPI there.
	NeedW, NeedH int
}

// LogoPPI returns the resolution the logo prints at where it is placed
// smallest in pixels per inch (largest on the page), and false when the
// document places no logo.
func (d *Doc) LogoPPI() (LogoPlacement, bool) {
	if d.Logo == nil || d.Logo.Width <= 0 || d.Logo.Height <= 0 {
		return LogoPlacement{}, false
	}
	var low LogoPlacement
	found := false
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if it.Kind != KindImage || it.W <= 0 || it.H <= 0 {
				continue
			}
			ppi := math.Min(float64(d.Logo.Width)/(it.W/25.4), float64(d.Logo.Height)/(it.H/25.4))
			if !found || ppi < low.PPI {
				low = LogoPlacement{PPI: ppi, W: it.W, H: it.H,
					NeedW: int(math.Ceil(it.W / 25.4 * MinLogoPPI)), NeedH: int(math.Ceil(it.H / 25.4 * MinLogoPPI))}
				found = true
			}
		}
	}
	return low, found
}
