package property

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // register the decoder for image.Decode
	"image/png"
	"io/fs"
	"path/filepath"
	"strings"

	"huskurage/input"
)

const pngSignature = "\x89PNG\r\n\x1a\n"

// logo reads landlord.logo: a path relative to the property file's folder
// (or absolute) naming a PNG or JPEG that the PDF library can draw.
func (l *loader) logo(m *mapping, f *Field) *Image {
	v := m.get(f.name)
	if v == nil {
		return nil
	}
	field := pathOf(m, f)
	s, ok := l.str(v, field, f.Max, false)
	if !ok || s == "" {
		return nil
	}
	var (
		img           *Image
		problem, hint string
	)
	if l.opts.Files != nil {
		img, problem, hint = readLogoFrom(l.opts.Files, s)
	} else {
		path := s
		if !filepath.IsAbs(path) && l.dir != "" {
			path = filepath.Join(l.dir, path)
		}
		img, problem, hint = readLogo(path)
	}
	if problem != "" {
		l.addAt(v, field, problem, hint)
		return nil
	}
	return img
}

// readLogo reads and checks a logo file. The file's type and size are
// checked before it is read, its dimensions before it is decoded.
func readLogo(path string) (img *Image, problem, hint string) {
	data, err := input.Read(path, MaxLogoSize)
	var e *input.Error
	switch {
	case err == nil:
	case !errors.As(err, &e):
		return nil, "cannot read the logo: " + pathErrText(err), ""
	case e.Problem == input.NotFound:
		return nil, fmt.Sprintf("logo file %s not found", path), "the path is relative to the folder of the property file"
	case e.Problem == input.Folder:
		return nil, fmt.Sprintf("%s is a folder, not an image", path), "name a PNG or JPEG file"
	case e.Problem == input.Special:
		return nil, fmt.Sprintf("%s is %s, not an image", path, e.What), "name a PNG or JPEG file"
	case e.Problem == input.TooLarge && e.Size < 0:
		return nil, "the logo file is larger than 5 MiB, the most allowed",
			"save it smaller; about 1000 pixels across is plenty for print"
	case e.Problem == input.TooLarge:
		return nil, fmt.Sprintf("the logo file is %s; at most 5 MiB is allowed", sizeText(e.Size)),
			"save it smaller; about 1000 pixels across is plenty for print"
	default:
		return nil, "cannot read the logo: " + e.Err.Error(), ""
	}
	if len(data) == 0 {
		return nil, "the logo file is empty", "name a PNG or JPEG file"
	}
	img, problem, hint = decodeLogo(data)
	if img != nil {
		img.Path = path
	}
	return img, problem, hint
}

// readLogoFrom reads and checks a logo from files (Options.Files): name
// must be a plain relative path there; its size is checked before it is
// read.
func readLogoFrom(files fs.FS, name string) (img *Image, problem, hint string) {
	notFound := func() (*Image, string, string) {
		return nil, fmt.Sprintf("logo file %s not found", name), "the logo must be among the files given with the property file"
	}
	if !fs.ValidPath(name) {
		return notFound()
	}
	fi, err := fs.Stat(files, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return notFound()
	case err != nil:
		return nil, "cannot read the logo: " + pathErrText(err), ""
	case fi.IsDir():
		return nil, fmt.Sprintf("%s is a folder, not an image", name), "name a PNG or JPEG file"
	case fi.Size() > MaxLogoSize:
		return nil, fmt.Sprintf("the logo file is %s; at most 5 MiB is allowed", sizeText(fi.Size())),
			"save it smaller; about 1000 pixels across is plenty for print"
	case fi.Size() == 0:
		return nil, "the logo file is empty", "name a PNG or JPEG file"
	}
	data, err := fs.ReadFile(files, name)
	if err != nil {
		return nil, "cannot read the logo: " + pathErrText(err), ""
	}
	img, problem, hint = decodeLogo(data)
	if img != nil {
		img.Path = name
	}
	return img, problem, hint
}

// decodeLogo checks that data is a PNG or JPEG the PDF library can draw.
func decodeLogo(data []byte) (img *Image, problem, hint string) {
	const resave = "open it in an image program and save it again as PNG or JPEG"
	var (
		format  string
		convert bool
	)
	switch {
	case bytes.HasPrefix(data, []byte(pngSignature)):
		format = "PNG"
		if len(data) < 33 || string(data[12:16]) != "IHDR" {
			return nil, "the logo is a damaged PNG file", resave
		}
		// The PDF library draws a 16-bit PNG blank and cannot read an
		// interlaced one: such a logo is converted below.
		convert = data[24] == 16 || data[28] != 0
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		format = "JPEG"
	default:
		problem = "the logo is not a PNG or JPEG"
		if kind := guessImageKind(data); kind != "" {
			problem += " (it looks like " + kind + ")"
		}
		return nil, problem, "save it as PNG or JPEG"
	}
	cfg, name, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || !strings.EqualFold(name, format) {
		return nil, fmt.Sprintf("the logo is a damaged %s file", format), resave
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Sprintf("the logo is a damaged %s file (it has no pixels)", format), resave
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxLogoPixels {
		return nil, fmt.Sprintf("the logo is %d×%d pixels; at most 16.7 million pixels (4096×4096) are allowed", cfg.Width, cfg.Height),
			"scale it down; about 1000 pixels across is plenty for print"
	}
	decoded, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Sprintf("the logo is a damaged %s file: %v", format, err), resave
	}
	if convert {
		if data, err = plainPNG(decoded); err != nil {
			return nil, fmt.Sprintf("the logo could not be converted to an 8-bit PNG: %v", err), resave
		}
	}
	return &Image{Format: format, Width: cfg.Width, Height: cfg.Height, Data: data}, "", ""
}

// plainPNG encodes img as a PNG the PDF library draws: 8 bits per
// channel, not interlaced (image/png never writes interlaced files).
// A 16-bit image is reduced to 8 bits, keeping grey as grey and
// transparency as transparency.
func plainPNG(img image.Image) ([]byte, error) {
	b := img.Bounds()
	var out image.Image
	switch img.(type) {
	case *image.Gray, *image.NRGBA, *image.RGBA, *image.Paletted:
		out = img // already 8 bits: it was only interlaced
	case *image.Gray16:
		g := image.NewGray(b)
		draw.Draw(g, b, img, b.Min, draw.Src)
		out = g
	default:
		n := image.NewNRGBA(b)
		draw.Draw(n, b, img, b.Min, draw.Src)
		out = n
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// guessImageKind names a few file types people may try to use as a logo.
func guessImageKind(data []byte) string {
	head := data[:min(len(data), 512)]
	text := strings.ToLower(strings.TrimSpace(string(head)))
	switch {
	case bytes.HasPrefix(head, []byte("GIF8")):
		return "a GIF image"
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return "a WebP image"
	case len(head) >= 12 && string(head[4:8]) == "ftyp":
		return "an HEIC or AVIF image"
	case bytes.HasPrefix(head, []byte("II*\x00")) || bytes.HasPrefix(head, []byte("MM\x00*")):
		return "a TIFF image"
	case bytes.HasPrefix(head, []byte("BM")):
		return "a BMP image"
	case bytes.HasPrefix(head, []byte("%PDF")):
		return "a PDF file"
	case strings.HasPrefix(text, "<svg") || strings.HasPrefix(text, "<?xml") && strings.Contains(text, "<svg"):
		return "an SVG drawing"
	}
	return ""
}
