package sheet

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"huskurage/property"
)

// Property checks row i as a property, with the same checks and messages
// as a property file; defaults in opts lie under it as under a file.
// Problems name their cells, and the field is the column's header. When
// anything is wrong, the error is a property.ErrorList.
func (t *Table) Property(i int, opts property.Options) (*property.Property, error) {
	row := &t.Rows[i]
	b := &builder{t: t, row: row, root: node(yaml.MappingNode, row.Num, rowStartCol), fields: map[string]string{},
		bad: map[[2]int]bool{}, problems: append(property.ErrorList(nil), row.problems...)}
	for _, e := range row.problems {
		b.bad[[2]int{e.Pos.Line, e.Pos.Col}] = true
	}
	b.lang = b.firstLanguage(opts.Defaults)
	b.build()
	src := property.NodeSource{File: t.File, Dir: filepath.Dir(t.File), Start: t.pos(row.Num, rowStartCol),
		Place: t.pos}
	if row.made {
		src.IDNote = "made from " + row.from
	}
	p, err := property.ParseNode(b.root, src, opts)
	var list property.ErrorList
	if err != nil && !errors.As(err, &list) {
		return nil, err
	}
	// One problem a cell: what reading the cell found comes first.
	for _, e := range list {
		if !b.bad[[2]int{e.Pos.Line, e.Pos.Col}] || e.Pos.Cell == "" {
			b.problems = append(b.problems, e)
		}
	}
	if len(b.problems) > 0 {
		b.problems.Sort()
		for _, e := range b.problems {
			b.rename(e)
		}
		return nil, b.problems
	}
	for _, w := range p.Warnings {
		b.rename(w)
	}
	return p, nil
}

// builder makes the YAML tree of one row.
type builder struct {
	t        *Table
	row      *Row
	root     *yaml.Node
	sections map[string]*yaml.Node
	lang     string            // the language of a plain text beside per-language ones
	fields   map[string]string // field path -> header, for messages
	bad      map[[2]int]bool   // cells with a problem of their own
	problems property.ErrorList
}

func node(kind yaml.Kind, line, col int) *yaml.Node {
	return &yaml.Node{Kind: kind, Line: line, Column: col}
}

func scalar(value string, line, col int) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value, Line: line, Column: col}
	if value == "" {
		n.Tag = "!!null"
	}
	return n
}

// put adds key: value to the mapping m, the key at the value's cell.
func put(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, scalar(key, v.Line, v.Column), v)
}

// section returns the mapping of a top-level section, made when first
// needed.
func (b *builder) section(name string) *yaml.Node {
	if b.sections == nil {
		b.sections = map[string]*yaml.Node{}
	}
	if m, ok := b.sections[name]; ok {
		return m
	}
	m := node(yaml.MappingNode, b.row.Num, rowStartCol)
	put(b.root, name, m)
	b.sections[name] = m
	return m
}

// problem records what reading a cell found.
func (b *builder) problem(col int, c column, problem, hint property.Text) {
	at := b.t.pos(b.row.Num, col)
	b.bad[[2]int{at.Line, at.Col}] = true
	b.problems.AddText(at, strings.ToLower(c.header), problem, hint)
}

// firstLanguage is the language of a plain text when a row gives the
// same text in other languages too: the row's first language, else the
// defaults', else Swedish.
func (b *builder) firstLanguage(d *property.Defaults) string {
	for i, c := range b.t.cols {
		if c.Column != nil && c.Field == "languages" {
			if codes := splitList(b.row.cells[i]); len(codes) > 0 {
				return strings.ToLower(codes[0])
			}
		}
	}
	if d != nil && d.Values.Language != "" {
		return d.Values.Language
	}
	return "sv"
}

// perLang collects a text given in several columns, one per language.
type perLang struct {
	first  *yaml.Node // the first column's node, for a text with no value
	plain  *yaml.Node
	byLang []*yaml.Node // key, value, key, value
}

func (b *builder) build() {
	row := b.row
	type contact struct {
		n      int
		fields map[string]*yaml.Node
		texts  map[string]*perLang
		order  []string
		first  int // its first column
		any    bool
	}
	var contacts []*contact
	byNum := map[int]*contact{}
	textsOf := map[string]*perLang{} // qr.caption
	var textOrder []string
	idDone := false
	for i, c := range b.t.cols {
		if c.Column == nil {
			continue
		}
		col := i + 1
		v := b.value(col, c, row.cells[i])
		switch {
		case c.Field == "id":
			if strings.EqualFold(row.cells[i], ExampleID) {
				b.problem(col, c, property.Textf("this is the example row of the workbook `huskurage init` wrote"),
					property.Textf("write a property's values over it and clear the id (or give the property one), or delete the row"))
			}
			if row.cells[i] != "" || !row.made {
				put(b.root, "id", v)
				b.fields["id"] = c.header
				idDone = true
			}
		case c.contact > 0:
			k := byNum[c.contact]
			if k == nil {
				k = &contact{n: c.contact, fields: map[string]*yaml.Node{}, texts: map[string]*perLang{}, first: col}
				byNum[c.contact] = k
				contacts = append(contacts, k)
			}
			part := strings.TrimPrefix(c.Field, "contacts.")
			if row.cells[i] != "" {
				k.any = true
			}
			if c.kind == texts {
				pl := k.texts[part]
				if pl == nil {
					pl = &perLang{}
					k.texts[part] = pl
					k.order = append(k.order, part)
				}
				pl.add(c, v)
				continue
			}
			k.fields[part] = v
			k.order = append(k.order, part)
		case c.kind == texts:
			pl := textsOf[c.Field]
			if pl == nil {
				pl = &perLang{}
				textsOf[c.Field] = pl
				textOrder = append(textOrder, c.Field)
			}
			pl.add(c, v)
			if c.lang != "" {
				b.fields[c.Field+"."+c.lang] = c.header
			} else {
				b.fields[c.Field] = c.header
			}
		default:
			key := c.Field
			if c.Field == "languages" && v.Kind == yaml.ScalarNode {
				key = "language"
			}
			b.fields[c.Field] = c.header
			b.fields[key] = c.header
			if sec, name, ok := strings.Cut(key, "."); ok {
				put(b.section(sec), name, v)
			} else {
				put(b.root, key, v)
			}
		}
	}
	if !idDone {
		put(b.root, "id", scalar(row.ID, row.Num, rowStartCol))
	}
	for _, f := range textOrder {
		sec, name, _ := strings.Cut(f, ".")
		put(b.section(sec), name, textsOf[f].node(b.lang))
	}
	if len(contacts) > 0 {
		seq := node(yaml.SequenceNode, row.Num, contacts[0].first)
		idx := 0
		for _, k := range contacts {
			if !k.any {
				continue
			}
			item := node(yaml.MappingNode, row.Num, k.first)
			// A contact's empty cells are left out, not null: a contact
			// with remove: true may give nothing but its name.
			for _, part := range k.order {
				v, ok := k.fields[part]
				if pl, isText := k.texts[part]; isText && !ok {
					v, ok = pl.node(b.lang), true
				}
				if ok && v.Tag != "!!null" {
					put(item, part, v)
				}
			}
			for i, c := range b.t.cols {
				if c.Column != nil && c.contact == k.n {
					part := strings.TrimPrefix(c.Field, "contacts.")
					f := fmt.Sprintf("contacts[%d].%s", idx, part)
					if c.lang != "" {
						f += "." + c.lang
					} else if _, ok := b.fields[f]; ok {
						continue
					}
					b.fields[f] = b.t.cols[i].header
				}
			}
			b.fields[fmt.Sprintf("contacts[%d]", idx)] = fmt.Sprintf("kontakt %d", k.n)
			seq.Content = append(seq.Content, item)
			idx++
		}
		if idx > 0 {
			put(b.root, "contacts", seq)
		}
	}
}

func (pl *perLang) add(c column, v *yaml.Node) {
	if pl.first == nil {
		pl.first = v
	}
	if c.lang == "" {
		pl.plain = v
		return
	}
	if v.Tag != "!!null" {
		pl.byLang = append(pl.byLang, scalar(c.lang, v.Line, v.Column), v)
	}
}

// node is the text as the property file gives it: a plain text, or one
// per language when any column in another language has a value.
func (pl *perLang) node(first string) *yaml.Node {
	if len(pl.byLang) == 0 {
		if pl.plain != nil {
			return pl.plain
		}
		return pl.first // null
	}
	at := pl.byLang[1]
	m := node(yaml.MappingNode, at.Line, at.Column)
	if pl.plain != nil && pl.plain.Tag != "!!null" {
		m.Content = append(m.Content, scalar(first, pl.plain.Line, pl.plain.Column), pl.plain)
		m.Line, m.Column = pl.plain.Line, pl.plain.Column
	}
	m.Content = append(m.Content, pl.byLang...)
	return m
}

var (
	isoDate   = regexp.MustCompile(`^\d{4}-\d{1,2}-\d{1,2}(?: \d{1,2}:\d{2}(?::\d{2})?)?$`)
	shortDate = regexp.MustCompile(`^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$`)
	monthDate = regexp.MustCompile(`(?i)^(?:\d{1,2}[-/ .]*(?:jan|feb|mar|apr|maj|may|jun|jul|aug|sep|okt|oct|nov|dec)[a-z]*\.?(?:[-/ ]\d{2,4})?|(?:jan|feb|mar|apr|maj|may|jun|jul|aug|sep|okt|oct|nov|dec)[a-z]*\.?[-/ ]\d{1,4})$`)
)

// looksLikeDate reports whether a cell shows a date, as a spreadsheet
// shows a value it took for one (7-9 typed into a general cell).
func looksLikeDate(s string) bool {
	return isoDate.MatchString(s) || shortDate.MatchString(s) || monthDate.MatchString(s)
}

// value is the node for a cell: text as the loader reads it, a list for
// a list column; empty is null (not given, so --defaults fill it).
func (b *builder) value(col int, c column, s string) *yaml.Node {
	num := b.row.Num
	if s == "" {
		return scalar("", num, col)
	}
	switch c.kind {
	case code, number, entrances:
		if looksLikeDate(s) {
			b.problem(col, c, property.Textf("%q is a date: the spreadsheet took what was typed for one", clip(s)),
				property.Textf("format the column as text (Format Cells › Text, in Swedish Formatera celler › Text) and type the value again"))
			return scalar("", num, col)
		}
	}
	switch c.kind {
	case text, texts:
		// A line break typed into a cell (Alt+Enter) is a space on paper,
		// where the layout breaks its own lines.
		return scalar(strings.Join(strings.Fields(s), " "), num, col)
	case number:
		if t := strings.Map(dropSpace, s); t != "" && strings.Trim(t, "0123456789") == "" {
			s = t // 1 200
		}
		return scalar(s, num, col)
	case entrances:
		list, problem := expandEntrances(s)
		if !problem.IsZero() {
			b.problem(col, c, problem, property.Textf("write e.g. 7A, 7B or 7A–7C"))
			return scalar("", num, col)
		}
		return sequence(list, num, col)
	case langs:
		codes := splitList(s)
		for i := range codes {
			codes[i] = strings.ToLower(codes[i])
		}
		if len(codes) == 1 {
			return scalar(codes[0], num, col)
		}
		return sequence(codes, num, col)
	case yesNo:
		switch strings.ToLower(s) {
		case "ja", "j", "yes", "y", "x", "true", "sant", "1":
			s = "true"
		case "nej", "n", "no", "false", "falskt", "0":
			s = "false"
		}
		return scalar(s, num, col)
	case list:
		items := splitList(s)
		if c.Field == "steps" {
			for i, s := range items {
				if id, ok := stepWords[strings.ToLower(s)]; ok {
					items[i] = id
				}
			}
		}
		return sequence(items, num, col)
	}
	return scalar(s, num, col)
}

func dropSpace(r rune) rune {
	if unicode.IsSpace(r) {
		return -1
	}
	return r
}

// stepWords are the policy's steps in Swedish and English.
var stepWords = map[string]string{
	"polis": "police", "polisen": "police", "ring polisen": "police", "police": "police",
	"andra": "others", "hjälp": "others", "grannar": "others", "others": "others",
	"knacka": "knock", "knacka på": "knock", "knock": "knock",
}

func sequence(items []string, line, col int) *yaml.Node {
	seq := node(yaml.SequenceNode, line, col)
	for _, s := range items {
		seq.Content = append(seq.Content, scalar(s, line, col))
	}
	return seq
}

// splitList splits "sv, ar" or "sv; ar" or "sv ar".
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) })
}

// entranceRange is one end of a range of entrances: 7A, 7 or A.
var entranceEnd = regexp.MustCompile(`^(\d*)\s*([A-Za-zÅÄÖåäö]?)$`)

// expandEntrances reads "7A, 7B", "7A–7C", "7A-7C" and "1-3".
func expandEntrances(s string) ([]string, property.Text) {
	var out []string
	for _, part := range strings.Split(strings.ReplaceAll(s, ";", ","), ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		from, to, isRange := cutRange(part)
		if !isRange {
			out = append(out, part)
			continue
		}
		a, b := entranceEnd.FindStringSubmatch(from), entranceEnd.FindStringSubmatch(to)
		if a == nil || b == nil || a[0] == "" || b[0] == "" {
			out = append(out, part) // "A-huset": a name, not a range
			continue
		}
		switch {
		case a[1] == b[1] && a[2] != "" && b[2] != "" && len(a[2]) == 1 && len(b[2]) == 1:
			lo, hi := unicode.ToUpper(rune(a[2][0])), unicode.ToUpper(rune(b[2][0]))
			if hi <= lo {
				return nil, property.Textf("%q is not a range of entrances: it must go up", clip(part))
			}
			for r := lo; r <= hi; r++ {
				l := string(r)
				if unicode.IsLower(rune(a[2][0])) {
					l = strings.ToLower(l)
				}
				out = append(out, a[1]+l)
			}
		case a[2] == "" && b[2] == "" && a[1] != "" && b[1] != "":
			lo, _ := strconv.Atoi(a[1])
			hi, _ := strconv.Atoi(b[1])
			if hi <= lo {
				return nil, property.Textf("%q is not a range of entrances: it must go up", clip(part))
			}
			if hi-lo >= property.MaxEntrances {
				return nil, property.Textf("%q is more than %d entrances", clip(part), property.MaxEntrances)
			}
			for n := lo; n <= hi; n++ {
				out = append(out, strconv.Itoa(n))
			}
		default:
			return nil, property.Textf("%q is not a range of entrances: both ends need the same number, or no letters", clip(part))
		}
		if len(out) > property.MaxEntrances {
			break
		}
	}
	return out, property.Text{}
}

// cutRange splits "7A–7C" at its dash.
func cutRange(s string) (from, to string, ok bool) {
	for _, d := range []string{"–", "—", "-"} {
		if a, b, found := strings.Cut(s, d); found {
			return strings.TrimSpace(a), strings.TrimSpace(b), true
		}
	}
	return "", "", false
}

// eg finds a YAML example in a hint, "e.g. city: Nödinge" ("t.ex." in
// Swedish), so that the field's name can be dropped: a cell holds the
// value alone.
var eg = regexp.MustCompile(`(e\.g\.|e\.g|t\.ex\.) [a-z_]+: `)

// rename puts a problem in the words of the sheet: the field is the
// column's header, and a hint's YAML example is the value alone. It
// knows the loader's messages by their English formats, and rewords
// them as messages too, so that they can be said in Swedish as well.
func (b *builder) rename(e *property.Error) {
	problem, hint := e.Texts()
	if problem.Format() == "missing required field %q" {
		if cols := requiredColumns(e.Field); len(cols) > 0 {
			names := make([]string, len(cols))
			for i, c := range cols {
				names[i] = fmt.Sprintf("%q (%s)", c.Swedish, c.English)
			}
			e.Field = strings.ToLower(cols[0].Swedish)
			e.Reword(property.Textf("no column %s", strings.Join(names, ", ")),
				property.Textf("add the column, or give the value to every row in the --defaults file"))
			return
		}
		if m := contactField.FindStringSubmatch(e.Field); m != nil {
			n, _ := strconv.Atoi(m[1])
			c := contactColumn(m[2])
			name := strings.Replace(c.Swedish, "1", b.contactNum(n), 1)
			e.Field = strings.ToLower(name)
			e.Reword(property.Textf("is empty or has no column %q", name), property.Textf("a contact needs a name and a phone number"))
			return
		}
	}
	field := e.Field
	for f := e.Field; f != ""; f = parentField(f) {
		if h, ok := b.fields[f]; ok {
			e.Field = strings.ToLower(h) + strings.TrimPrefix(e.Field, f)
			break
		}
	}
	header := b.fields[field]
	if header == "" {
		header = "the column"
	}
	switch args := hint.Args(); {
	// A text given in one language only: the column to add. The words
	// and the language's name are said as the loader says them.
	case hint.Format() == "add %s: with the %s in %s under %s:" && len(args) == 4:
		e.Reword(property.Text{}, property.Textf("add a column %q with the %s in %s", header+" ("+fmt.Sprint(args[0])+")", args[1], args[2]))
	case hint.Format() == "add %s: with the text in %s under %s:" && len(args) == 3:
		e.Reword(property.Text{}, property.Textf("add a column %q with the text in %s", header+" ("+fmt.Sprint(args[0])+")", args[1]))
	case field == "property.apartments" && e.Field == field:
		c := columnOf(field)
		e.Field = strings.ToLower(c.Swedish)
		e.Reword(property.Text{}, property.Textf("add a column %q (%s) with the number of apartments, e.g. 24", c.Swedish, c.English))
	default:
		e.EditHint(func(h string) string { return eg.ReplaceAllString(h, "$1 ") })
	}
}

// contactField matches a contact's required field: "contacts[0].phone".
var contactField = regexp.MustCompile(`^contacts\[(\d+)\]\.(` + alternatives(requiredContactParts()) + `)$`)

// requiredContactParts are the fields each contact needs, from the field
// table: name and phone.
func requiredContactParts() []string {
	var out []string
	for _, f := range property.Fields() {
		if f.InList() && f.Required {
			out = append(out, f.Path[strings.LastIndex(f.Path, ".")+1:])
		}
	}
	return out
}

// contactNum is the number in the headers of the row's contact i (from 0).
func (b *builder) contactNum(i int) string {
	if h, ok := b.fields[fmt.Sprintf("contacts[%d]", i)]; ok {
		return strings.TrimPrefix(h, "kontakt ")
	}
	return strconv.Itoa(i + 1)
}

// requiredColumns are the required columns of a field or section that
// a row lacks: "landlord" gives Hyresvärd.
func requiredColumns(field string) []*Column {
	var out []*Column
	for i := range Columns {
		c := &Columns[i]
		if c.Required && (c.Field == field || strings.HasPrefix(c.Field, field+".")) {
			out = append(out, c)
		}
	}
	return out
}

// columnOf is the known column of a field path.
func columnOf(field string) *Column {
	for i := range Columns {
		if Columns[i].Field == field {
			return &Columns[i]
		}
	}
	return nil
}

func parentField(f string) string {
	i := strings.LastIndexAny(f, ".[")
	if i < 0 {
		return ""
	}
	return f[:i]
}

// assignIDs gives every row its id: the id column's, or one made from
// the address, with the first entrance or the row added where two rows
// would otherwise share one. Two rows that give the same id are
// Duplicates.
func (t *Table) assignIDs() {
	idCol, addrCol, entCol := -1, -1, -1
	for i, c := range t.cols {
		if c.Column == nil || c.contact > 0 {
			continue
		}
		switch c.Field {
		case "id":
			idCol = i
		case "property.address":
			addrCol = i
		case "property.entrances":
			entCol = i
		}
	}
	t.idCol = idCol
	taken := map[string]int{} // id in lower case -> row index

	for i := range t.Rows {
		r := &t.Rows[i]
		if idCol < 0 || r.cells[idCol] == "" {
			continue
		}
		r.ID = r.cells[idCol]
		key := strings.ToLower(r.ID)
		if j, dup := taken[key]; dup {
			first := t.Rows[j]
			t.Duplicates.AddText(t.pos(r.Num, idCol+1), "id",
				property.Textf("%q is also the id of row %d (%s); their files would overwrite each other", r.ID, first.Num, t.pos(first.Num, idCol+1).String()),
				property.Textf("give each property its own id"))
			continue
		}
		taken[key] = i
	}
	base := make([]string, len(t.Rows))
	count := map[string]int{}
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.ID != "" {
			continue
		}
		r.made = true
		if addrCol >= 0 {
			base[i] = cut(MakeID(r.cells[addrCol]), 50)
		}
		r.from = "the address"
		if base[i] == "" {
			base[i], r.from = fmt.Sprintf("rad-%d", r.Num), "the row"
		}
		count[base[i]]++
	}
	for i := range t.Rows {
		r := &t.Rows[i]
		if !r.made {
			continue
		}
		id := base[i]
		if _, clash := taken[id]; clash || count[id] > 1 {
			id = ""
			if entCol >= 0 {
				if list, _ := expandEntrances(r.cells[entCol]); len(list) > 0 {
					if e := MakeID(list[0]); e != "" {
						id, r.from = base[i]+"-"+cut(e, 6), "the address and the first entrance"
					}
				}
			}
			if _, clash := taken[id]; id == "" || clash {
				id, r.from = fmt.Sprintf("%s-rad-%d", base[i], r.Num), r.from+" and the row"
				if strings.HasPrefix(base[i], "rad-") {
					id = base[i] + fmt.Sprintf("-%d", len(taken))
				}
			}
		}
		r.ID = id
		taken[id] = i
	}
}

func cut(id string, n int) string {
	if len(id) <= n {
		return id
	}
	return strings.TrimRight(id[:n], "-")
}

// transliterated are letters that do not fall apart into a letter and a
// mark.
var transliterated = strings.NewReplacer("ø", "o", "æ", "ae", "œ", "oe", "ß", "ss", "ł", "l", "đ", "d", "ð", "d", "þ", "th", "ı", "i")

// MakeID makes an id from a text such as an address: lower case, å, ä →
// a, ö → o, é → e and other letters with marks without them, a few others
// transliterated, anything else dropped, words joined by '-'; at most 64
// characters. "Göta älvs väg 27" gives "gota-alvs-vag-27". It returns ""
// when nothing is left.
func MakeID(s string) string {
	s = transliterated.Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
			// a mark of the letter before it
		default:
			dash = true
		}
	}
	return cut(b.String(), 64)
}
