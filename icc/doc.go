// Package icc converts colours for offset printing through an ICC output
// profile: it reads a CMYK printer profile's lookup tables (version 2,
// lut16Type) and turns sRGB colours into the profile's CMYK, as a colour
// management module (little CMS, Ghostscript) does with the same tables.
// It holds the one profile huskurage prints for, FOGRA39 (coated offset
// paper), made from Fogra's free characterisation data: see README.md.
//
//   - icc.go reads a profile and looks colours up in its tables;
//   - srgb.go turns sRGB into CIE L*a*b* (D50), the profile's connection
//     space.
package icc
