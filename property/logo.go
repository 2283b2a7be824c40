package property

import (
	"bytes"
	"errors"
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
		problem, hint Text
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
	if !problem.IsZero() {
		l.addAt(v, field, problem, hint)
		return nil
	}
	return img
}

// readLogo reads and checks a logo file. The file's type and size are
// checked before it is read, its dimensions before it is decoded.
func readLogo(path string) (img *Image, problem, hint Text) {
	data, err := input.Read(path, MaxLogoSize)
	var e *input.Error
	switch {
	case err == nil:
	case !errors.As(err, &e):
		return nil, Textf("cannot read the logo: %v", pathErrText(err)), Text{}
	case e.Problem == input.NotFound:
		return nil, Textf("logo file %s not found", path), Textf("the path is relative to the folder of the property file")
	case e.Problem == input.Folder:
		return nil, Textf("%s is a folder, not an image", path), Textf("name a PNG or JPEG file")
	case e.Problem == input.Special:
		return nil, Textf("%s is %s, not an image", path, specialText(e.What)), Textf("name a PNG or JPEG file")
	case e.Problem == input.TooLarge && e.Size < 0:
		return nil, Textf("the logo file is larger than 5 MiB, the most allowed"),
			Textf("save it smaller; about 1000 pixels across is plenty for print")
	case e.Problem == input.TooLarge:
		return nil, Textf("the logo file is %s; at most 5 MiB is allowed", sizeText(e.Size)), Textf("save it smaller; about 1000 pixels across is plenty for print")
	default:
		return nil, Textf("cannot read the logo: %v", e.Err.Error()), Text{}
	}
	if len(data) == 0 {
		return nil, Textf("the logo file is empty"), Textf("name a PNG or JPEG file")
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
func readLogoFrom(files fs.FS, name string) (img *Image, problem, hint Text) {
	notFound := func() (*Image, Text, Text) {
		return nil, Textf("logo file %s not found", name), Textf("the logo must be among the files given with the property file")
	}
	if !fs.ValidPath(name) {
		return notFound()
	}
	fi, err := fs.Stat(files, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return notFound()
	case err != nil:
		return nil, Textf("cannot read the logo: %v", pathErrText(err)), Text{}
	case fi.IsDir():
		return nil, Textf("%s is a folder, not an image", name), Textf("name a PNG or JPEG file")
	case fi.Size() > MaxLogoSize:
		return nil, Textf("the logo file is %s; at most 5 MiB is allowed", sizeText(fi.Size())),
			Textf("save it smaller; about 1000 pixels across is plenty for print")
	case fi.Size() == 0:
		return nil, Textf("the logo file is empty"), Textf("name a PNG or JPEG file")
	}
	data, err := fs.ReadFile(files, name)
	if err != nil {
		return nil, Textf("cannot read the logo: %v", pathErrText(err)), Text{}
	}
	img, problem, hint = decodeLogo(data)
	if img != nil {
		img.Path = name
	}
	return img, problem, hint
}

// decodeLogo checks that data is a PNG or JPEG the PDF library can draw.
func decodeLogo(data []byte) (img *Image, problem, hint Text) {
	resave := Textf("open it in an image program and save it again as PNG or JPEG")
	var (
		format  string
		convert bool
	)
	switch {
	case bytes.HasPrefix(data, []byte(pngSignature)):
		format = "PNG"
		if len(data) < 33 || string(data[12:16]) != "IHDR" {
			return nil, Textf("the logo is a damaged PNG file"), resave
		}
		// The PDF library draws a 16-bit PNG blank and cannot read an
		// interlaced one: such a logo is converted below.
		convert = data[24] == 16 || data[28] != 0
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		format = "JPEG"
	default:
		problem := Textf("the logo is not a PNG or JPEG")
		if kind := guessImageKind(data); !kind.IsZero() {
			problem = Textf("the logo is not a PNG or JPEG (it looks like %s)", kind)
		}
		return nil, problem, Textf("save it as PNG or JPEG")
	}
	cfg, name, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || !strings.EqualFold(name, format) {
		return nil, Textf("the logo is a damaged %s file", format), resave
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, Textf("the logo is a damaged %s file (it has no pixels)", format), resave
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxLogoPixels {
		return nil, Textf("the logo is %d×%d pixels; at most 16.7 million pixels (4096×4096) are allowed", cfg.Width, cfg.Height), Textf("scale it down; about 1000 pixels across is plenty for print")
	}
	decoded, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, Textf("the logo is a damaged %s file: %v", format, err.Error()), resave
	}
	if convert {
		if data, err = plainPNG(decoded); err != nil {
			return nil, Textf("the logo could not be converted to an 8-bit PNG: %v", err.Error()), resave
		}
	}
	return &Image{Format: format, Width: cfg.Width, Height: cfg.Height, Data: data}, Text{}, Text{}
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
func guessImageKind(data []byte) Text {
	head := data[:min(len(data), 512)]
	text := strings.ToLower(strings.TrimSpace(string(head)))
	switch {
	case bytes.HasPrefix(head, []byte("GIF8")):
		return Textf("a GIF image")
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return Textf("a WebP image")
	case len(head) >= 12 && string(head[4:8]) == "ftyp":
		return Textf("an HEIC or AVIF image")
	case bytes.HasPrefix(head, []byte("II*\x00")) || bytes.HasPrefix(head, []byte("MM\x00*")):
		return Textf("a TIFF image")
	case bytes.HasPrefix(head, []byte("BM")):
		return Textf("a BMP image")
	case bytes.HasPrefix(head, []byte("%PDF")):
		return Textf("a PDF file")
	case strings.HasPrefix(text, "<svg") || strings.HasPrefix(text, "<?xml") && strings.Contains(text, "<svg"):
		return Textf("an SVG drawing")
	}
	return Text{}
}

// specialText says what a file that is neither a regular file nor a
// folder is (input.Error's What), as a message.
func specialText(what string) Text {
	switch what {
	case "a named pipe (FIFO)":
		return Textf("a named pipe (FIFO)")
	case "a character device":
		return Textf("a character device")
	case "a device":
		return Textf("a device")
	case "a socket":
		return Textf("a socket")
	case "a symbolic link":
		return Textf("a symbolic link")
	}
	return Textf("a special file")
}
