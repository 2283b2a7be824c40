package pipeline

// Numbers never break across lines: every language, every document kind
// and size, read back with pdftotext -bbox. The numbers to look for are
// found at run time in the language's texts, the property's fields and
// the support lines it prints, so that the test follows the texts when
// they change.

import (
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"huskurage/helpline"
	"huskurage/kind"
	"huskurage/layout"
	"huskurage/property"
	"huskurage/templates"
)

// numberRE finds a number as a reader sees one: digit groups joined by a
// space, a hyphen or dash (spaced or not), a slash, dot or colon, or a
// bracketed group ("+46 (0)303-70 30 00"). It is written here, not taken
// from package typeset, so that it checks the breaker instead of
// repeating it. Text is matched with its white space folded to single
// spaces, as it is printed.
var numberRE = regexp.MustCompile(`\+?\(?\p{Nd}+(?:(?: ?[-‐‑‒–] ?| | ?\(|\) ?|[/.:])\p{Nd}+)*`)

var digitGroupRE = regexp.MustCompile(`\p{Nd}+`)

// numberKey is a number's digit groups joined by "|": the same number
// whatever separators print between them ("114 14" and "114 14"
// are both "114|14").
func numberKey(groups []string) string { return strings.Join(groups, "|") }

// sourceNumber is a number of two or more digit groups, the kind a line
// break could split.
type sourceNumber struct {
	text   string
	groups []string
}

// numbersIn adds to out every number in the texts, by its key.
func numbersIn(out map[string]sourceNumber, texts ...string) {
	for _, s := range texts {
		s = strings.Join(strings.Fields(s), " ")
		for _, m := range numberRE.FindAllString(s, -1) {
			groups := digitGroupRE.FindAllString(m, -1)
			out[numberKey(groups)] = sourceNumber{text: m, groups: groups}
		}
	}
}

// stringsOf returns every string reachable from v's exported fields,
// slices, maps and pointers: the property's fields, whatever shape a
// field is given (a plain string, or one per language).
func stringsOf(v reflect.Value) []string {
	switch v.Kind() {
	case reflect.String:
		return []string{v.String()}
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return stringsOf(v.Elem())
	case reflect.Struct:
		var out []string
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				out = append(out, stringsOf(v.Field(i))...)
			}
		}
		return out
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return nil // bytes (a logo), not text
		}
		var out []string
		for i := 0; i < v.Len(); i++ {
			out = append(out, stringsOf(v.Index(i))...)
		}
		return out
	case reflect.Map:
		var out []string
		iter := v.MapRange()
		for iter.Next() {
			out = append(out, stringsOf(iter.Key())...)
			out = append(out, stringsOf(iter.Value())...)
		}
		return out
	}
	return nil
}

// sourceNumbers returns the numbers a document of p in lang can print:
// from the language's texts, the property's fields and its support lines.
func sourceNumbers(p *property.Property, lang *templates.Language) map[string]sourceNumber {
	out := map[string]sourceNumber{}
	for _, s := range lang.Texts {
		numbersIn(out, s)
	}
	numbersIn(out, stringsOf(reflect.ValueOf(p))...)
	for _, id := range p.SupportLines {
		if l, ok := helpline.Lookup(id); ok {
			numbersIn(out, stringsOf(reflect.ValueOf(l))...)
		}
	}
	return out
}

// bboxWord is one word of pdftotext -bbox, in points from the page's top
// left corner.
type bboxWord struct {
	page                   int
	xMin, yMin, xMax, yMax float64
	text                   string
}

var (
	pageRE = regexp.MustCompile(`<page `)
	wordRE = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// bboxWords runs pdftotext -bbox on the PDF at path.
func bboxWords(path string) ([]bboxWord, error) {
	out, err := exec.Command("pdftotext", "-bbox", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext -bbox %s: %v", path, err)
	}
	var words []bboxWord
	pages := pageRE.Split(string(out), -1)
	for page, s := range pages[1:] {
		for _, m := range wordRE.FindAllStringSubmatch(s, -1) {
			w := bboxWord{page: page, text: html.UnescapeString(m[5])}
			for i, f := range []*float64{&w.xMin, &w.yMin, &w.xMax, &w.yMax} {
				if *f, err = strconv.ParseFloat(m[i+1], 64); err != nil {
					return nil, fmt.Errorf("pdftotext -bbox %s: %v", path, err)
				}
			}
			words = append(words, w)
		}
	}
	return words, nil
}

// visualLines groups words into the runs of text that stand on one line
// next to each other, left to right as drawn: words whose middles are
// level, cut where the gap between two is wider than the text is tall (a
// column's edge). A number is drawn left to right in every language, so
// a whole one reads in order in one of these.
func visualLines(words []bboxWord) []string {
	sorted := append([]bboxWord(nil), words...)
	mid := func(w bboxWord) float64 { return (w.yMin + w.yMax) / 2 }
	sort.SliceStable(sorted, func(a, b int) bool {
		if sorted[a].page != sorted[b].page {
			return sorted[a].page < sorted[b].page
		}
		return mid(sorted[a]) < mid(sorted[b])
	})
	var out []string
	for i := 0; i < len(sorted); {
		first := sorted[i]
		h := first.yMax - first.yMin
		j := i + 1
		for j < len(sorted) && sorted[j].page == first.page &&
			mid(sorted[j])-mid(first) < 0.3*min(h, sorted[j].yMax-sorted[j].yMin) {
			j++
		}
		line := sorted[i:j]
		sort.SliceStable(line, func(a, b int) bool { return line[a].xMin < line[b].xMin })
		text := line[0].text
		for k := 1; k < len(line); k++ {
			tall := max(line[k].yMax-line[k].yMin, line[k-1].yMax-line[k-1].yMin)
			if line[k].xMin-line[k-1].xMax > tall {
				out = append(out, text)
				text = ""
			} else {
				text += " "
			}
			text += line[k].text
		}
		out = append(out, text)
		i = j
	}
	return out
}

// splitNumbers returns the numbers of sources that lines show broken: the
// first groups of a number as a whole number on one line and the groups
// that follow on another. It also counts the numbers of two or more
// groups found whole.
func splitNumbers(lines []string, sources map[string]sourceNumber) (splits []string, whole int) {
	found := map[string]bool{}
	for _, l := range lines {
		for _, m := range numberRE.FindAllString(l, -1) {
			key := numberKey(digitGroupRE.FindAllString(m, -1))
			found[key] = true
			if n, ok := sources[key]; ok && len(n.groups) > 1 {
				whole++
			}
		}
	}
	keys := make([]string, 0, len(sources))
	for k := range sources {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		n := sources[k]
		// A number drawn with its groups in the wrong order ("30 449"
		// for "449 30", as a right-to-left line lays out groups that
		// are not held together) reads as another number.
		back := slices.Clone(n.groups)
		slices.Reverse(back)
		if bk := numberKey(back); bk != k && found[bk] && !found[k] {
			if _, other := sources[bk]; !other {
				splits = append(splits, fmt.Sprintf("%q printed with its groups reversed", n.text))
			}
		}
		for j := 1; j < len(n.groups); j++ {
			head := numberKey(n.groups[:j])
			if !found[head] {
				continue
			}
			for m := j + 1; m <= len(n.groups); m++ {
				tail := numberKey(n.groups[j:m])
				_, headIsNumber := sources[head]
				_, tailIsNumber := sources[tail]
				if found[tail] && !(headIsNumber && tailIsNumber) {
					splits = append(splits, fmt.Sprintf("%q broken after %q", n.text, strings.Join(n.groups[:j], " ")))
					break
				}
			}
		}
	}
	return splits, whole
}

// numberProperties are properties whose text wraps a lot: several
// contacts with long notes full of numbers written the ways people write
// them (spaces, hyphens, en dashes, no-break spaces, a country code,
// dates, postal codes), in Swedish and in Arabic, with the Ale example.
var numberProperties = []string{`
id: nummer-sv
language: sv
landlord:
  name: Bostadsstiftelsen Nummerhuset i Västra Götaland
  phone: +46 303 70 30 00
property:
  name: Kvarteret Siffran
  address: Nummergatan 114
  postal_code: "449 30"
  city: Nödinge
  entrances: ["12 B"]
contacts:
  - name: Socialtjänsten, kontaktcenter i kommunen
    phone: 0303-70 30 00
    hours: "mån–fre 8.00–16.30"
    note: "Från utlandet +46 (0)303-70 30 00. Besök Torget 3, 449 30 Nödinge, från 2026-11-25."
  - name: Socialjouren kvällar och helger
    phone: 031-365 00 00
    hours: "16.30–08.00"
    note: "Polisen 114 14 när det inte är akut, 112 vid fara."
  - name: Kvinnojouren i Ale
    phone: 070 174 06 21
    note: "Ring 070\u00a0174\u00a006\u00a021 eller 08 – 123 456 78, 9–17."
support_lines: [kvinnofridslinjen, bris]
qr:
  url: https://example.se/nummer
  caption: "Ring 0303-70 30 00 vardagar 8–16"
`, `
id: nummer-blandat
language: sv
landlord:
  name: Bostadsbolaget i Nödinge
property:
  name: برج النخيل
  address: شارع النخيل 7
  postal_code: "449 30"
  city: Nödinge
  entrances: [7A]
contacts:
  - name: الخدمات الاجتماعية
    phone: 0303-70 30 00
    note: "اتصلوا بالرقم 0303-70 30 00 أو 114 14."
qr:
  url: https://example.se/blandat
`, `
id: nummer-ar
language: ar
landlord:
  name: شركة المساكن النموذجية في يوتبوري
  phone: 031-390 06 42
property:
  address: Storgatan 7
  postal_code: "416 55"
  city: Göteborg
contacts:
  - name: الخدمات الاجتماعية في البلدية
    phone: 0303-70 30 00
    hours: "الاثنين–الجمعة 8–16"
    note: "اتصلوا بالرقم 0303-70 30 00 أو بالرقم 020-50 50 50 في أي وقت، وبالشرطة على 114 14 أو 112 عند الخطر. العنوان 449 30 Nödinge منذ 2026-11-25."
  - name: خط الدعم للرجال
    phone: 020-80 80 80
    note: "يمكن الاتصال بالرقم 020-80 80 80 أو 116 111 للأطفال، أو بالرقم +46 (0)31-365 00 00 من خارج السويد، من 8.00–16.30."
support_lines: [kvinnofridslinjen, bris]
qr:
  url: https://example.org/nummer
`}

// numberJob is one document to build and read back.
type numberJob struct {
	prop *property.Property
	lang string
	kind *kind.Kind
	size string
}

func (j numberJob) String() string {
	return fmt.Sprintf("%s %s %s %s", j.prop.ID, j.lang, j.size, j.kind)
}

// numberResult is what reading one document back found.
type numberResult struct {
	job     numberJob
	refused string // the layout's reason for not making the document
	splits  []string
	whole   int
	err     error
}

func TestNumbersStayWhole(t *testing.T) {
	t.Parallel()
	requireTools(t)
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	_, ale := loadExample(t, "../examples/ale-storgatan.yaml")
	props := []*property.Property{ale}
	for i, src := range numberProperties {
		p, err := property.Parse([]byte(src), fmt.Sprintf("numbers-%d.yaml", i), ".", property.Options{Covers: b.Covers})
		if err != nil {
			t.Fatalf("property %d: %v", i, err)
		}
		props = append(props, p)
	}
	var jobs []numberJob
	for _, p := range props {
		for _, code := range templates.Codes() {
			for _, size := range layout.PosterSizes {
				jobs = append(jobs, numberJob{p, code, kind.Poster, size})
			}
			for _, size := range layout.LeafletSizes {
				jobs = append(jobs, numberJob{p, code, kind.Leaflet, size})
			}
		}
	}
	dir := t.TempDir()
	todo := make(chan numberJob)
	results := make(chan numberResult)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			b, err := New() // a Builder per goroutine
			for j := range todo {
				if err != nil {
					results <- numberResult{job: j, err: err}
					continue
				}
				results <- checkNumbers(b, j, dir)
			}
		})
	}
	go func() {
		for _, j := range jobs {
			todo <- j
		}
		close(todo)
		wg.Wait()
		close(results)
	}()
	var checked, refused int
	var all []numberResult
	for r := range results {
		all = append(all, r)
	}
	sort.Slice(all, func(a, b int) bool { return all[a].job.String() < all[b].job.String() })
	for _, r := range all {
		switch {
		case r.err != nil:
			t.Errorf("%s: %v", r.job, r.err)
		case r.refused != "":
			refused++
			t.Logf("%s: skipped, the layout refuses it: %s", r.job, r.refused)
		default:
			checked++
			for _, s := range r.splits {
				t.Errorf("%s: %s", r.job, s)
			}
			if r.whole == 0 {
				t.Errorf("%s: no number of two or more groups found in the text, so nothing was checked", r.job)
			}
		}
	}
	t.Logf("%d documents checked, %d refused by the layout, of %d", checked, refused, len(jobs))
	if checked < len(jobs)*3/4 {
		t.Errorf("only %d of %d documents were checked (%d refused by the layout): want at least three in four", checked, len(jobs), refused)
	}
}

// checkNumbers builds one document, writes it and reads its numbers back.
func checkNumbers(b *Builder, j numberJob, dir string) numberResult {
	r := numberResult{job: j}
	lang, err := templates.Load(j.lang)
	if err != nil {
		r.err = err
		return r
	}
	opts := Options{Lang: j.lang, Sizes: map[*kind.Kind]string{kind.Poster: j.size, kind.Leaflet: j.size}}
	entrance := ""
	if len(j.prop.Building.Entrances) > 0 {
		entrance = j.prop.Building.Entrances[0]
	}
	f, err := b.Document(j.prop, opts, j.kind, entrance)
	if err != nil {
		// A document the layout cannot fit is refused with the field to
		// shorten, naming the document; anything else is a fault.
		msg := err.Error()
		if strings.Contains(msg, " on the "+j.size+" "+j.kind.Name) && !strings.Contains(msg, "layout fault") {
			r.refused = msg
		} else {
			r.err = err
		}
		return r
	}
	path := filepath.Join(dir, strings.ReplaceAll(j.String(), " ", "-")+".pdf")
	if err := os.WriteFile(path, f.Data, 0o644); err != nil {
		r.err = err
		return r
	}
	words, err := bboxWords(path)
	if err != nil {
		r.err = err
		return r
	}
	r.splits, r.whole = splitNumbers(visualLines(words), sourceNumbers(j.prop, lang))
	return r
}

// The checker finds a number broken over two lines, in either direction,
// and takes a whole one for whole; words far apart on one line (two
// columns) are not read as one line.
func TestSplitNumbersFinds(t *testing.T) {
	t.Parallel()
	sources := map[string]sourceNumber{}
	numbersIn(sources, "Ring polisen på 114 14 eller 0303-70 30 00, BRIS 116 111.")
	word := func(x, y float64, text string) bboxWord {
		return bboxWord{xMin: x, yMin: y, xMax: x + 6*float64(len(text)), yMax: y + 12, text: text}
	}
	for _, tc := range []struct {
		name   string
		words  []bboxWord
		splits int
	}{
		{"whole", []bboxWord{word(10, 100, "ring"), word(40, 100, "114"), word(62, 100, "14"), word(80, 100, "nu")}, 0},
		{"broken at the end of a left-to-right line",
			[]bboxWord{word(10, 100, "ring"), word(40, 100, "114"), word(10, 114, "14"), word(30, 114, "nu")}, 1},
		// Right to left, the first line ends on its left.
		{"broken at the end of a right-to-left line",
			[]bboxWord{word(10, 100, "114"), word(40, 100, "مقرلاب"), word(70, 114, "ةطرشلا"), word(120, 114, "14.")}, 1},
		{"broken at the hyphen", []bboxWord{word(10, 100, "0303-"), word(10, 114, "70"), word(30, 114, "30"), word(50, 114, "00")}, 1},
		{"two columns", []bboxWord{word(10, 100, "0303-70"), word(60, 100, "30"), word(300, 100, "00")}, 1},
		{"groups reversed on a line", []bboxWord{word(10, 100, "ring"), word(40, 100, "14"), word(62, 100, "114")}, 1},
		{"whole in two columns", []bboxWord{word(10, 100, "114"), word(32, 100, "14"), word(300, 100, "116"), word(322, 100, "111")}, 0},
	} {
		splits, whole := splitNumbers(visualLines(tc.words), sources)
		if len(splits) != tc.splits {
			t.Errorf("%s: %d splits %v, want %d", tc.name, len(splits), splits, tc.splits)
		}
		if tc.splits == 0 && whole == 0 {
			t.Errorf("%s: no whole number found", tc.name)
		}
	}
}
