// Package content merges a property with a language's policy text into the
// words of one document: what is said, in which order, and which property
// field each user-given text came from (for error messages).
package content

import (
	"strconv"
	"strings"

	"huskurage/helpline"
	"huskurage/property"
	"huskurage/templates"
)

// EmergencyNumber is the Swedish emergency number, printed large.
const EmergencyNumber = "112"

// PoliceNumber is the police's number for what is not an emergency.
const PoliceNumber = "114 14"

// Text is one piece of text and where it came from: a property field path
// such as "contacts[1].note", or "" for our own policy text.
type Text struct {
	S     string
	Field string
	// Lang is the text's language when it is not the document's: a
	// contact's note the property gives only in Swedish, on an Arabic
	// page. "" for the document's language.
	Lang string
}

// Entry is a name with a phone number and optional details: hours and a
// note, as one text when they are in one language.
type Entry struct {
	Name    Text
	Phone   Text
	Details []Text
}

// Step is one thing a tenant can do.
type Step struct {
	Icon  string // "knock", "neighbours" or "police"
	Title Text
	Body  Text
}

// Document is everything one poster or leaflet says.
type Document struct {
	Lang      string // BCP 47 code for /Lang
	Direction string // "ltr" or "rtl"
	// EasyRead is set for an easy-to-read language (lättläst): each
	// sentence starts a line, and text is larger.
	EasyRead bool

	Title, Tagline, Intro Text

	EmergencyLabel Text
	PoliceLine     Text

	StepsHeading Text
	Steps        []Step

	ChildHeading  Text
	ChildText     Text
	SocialAdult   Text    // social services also advise about an adult
	ChildContacts []Entry // social services; empty: ChildFallback is said
	ChildFallback Text

	ContactsHeading Text
	Contacts        []Entry

	SupportHeading Text
	Support        []Entry
	SupportNote    Text // when all numbers were checked on one day

	LandlordHeading Text
	LandlordName    Text
	LandlordLines   []Text // phone, e-mail, website
	Logo            *property.Image

	Address []Text // building name, street, postal code and city, entrance

	QRURL     Text
	QRCaption Text
	// QRAlt says in words what the QR code opens, for a reader who
	// cannot see it (not printed).
	QRAlt string

	Accent [3]uint8 // landlord colour, or the default

	// PDF metadata.
	MetaTitle, MetaSubject, MetaAuthor string
}

// DefaultAccent is a calm dark blue-green with a contrast of 7:1 against
// white text.
var DefaultAccent = [3]uint8{0x1d, 0x4e, 0x63}

// Build returns the words of the document for property p in language l.
// entrance is "" for a document that is for the whole property.
func Build(p *property.Property, l *templates.Language, entrance string) Document {
	t := func(key string, args ...string) Text {
		return Text{S: l.Text(key, args...)}
	}
	d := Document{
		Lang:            l.Code,
		Direction:       l.Direction,
		EasyRead:        l.EasyRead,
		Title:           t("title"),
		Tagline:         t("tagline"),
		Intro:           t("intro"),
		EmergencyLabel:  t("emergency_label"),
		PoliceLine:      t("police_line"),
		StepsHeading:    t("steps_heading"),
		ChildHeading:    t("child_heading"),
		ChildText:       t("child_text"),
		SocialAdult:     t("social_adult_text"),
		ChildFallback:   t("child_fallback"),
		ContactsHeading: t("contacts_heading"),
		SupportHeading:  t("support_heading"),
		LandlordHeading: t("landlord_heading"),
		LandlordName:    Text{S: p.Landlord.Name, Field: "landlord.name"},
		Logo:            p.Landlord.Logo,
		QRURL:           Text{S: p.QR.URL, Field: "qr.url"},
		QRCaption:       t("qr_caption"),
		QRAlt:           l.Text("qr_alt", "link", p.QR.URL),
		Accent:          DefaultAccent,
		MetaSubject:     l.Text("subject"),
		MetaAuthor:      p.Landlord.Name,
	}
	order := p.Steps
	if len(order) == 0 {
		order = property.PolicySteps
	}
	for _, id := range order {
		key := stepKeys[id]
		d.Steps = append(d.Steps, Step{Icon: key, Title: t("step_" + key + "_title"), Body: t("step_" + key + "_text")})
	}
	// The property's own caption in this language; else ours, also when
	// the property gives one in another language only.
	// A text given per language is named by its language's line in
	// errors ("qr.caption.ar"); a plain string by its field.
	fieldOf := func(field, lang string) string {
		if p.Has(field + "." + lang) {
			return field + "." + lang
		}
		return field
	}
	if s := p.QR.Caption.In(l.Code); s != "" {
		d.QRCaption = Text{S: s, Field: fieldOf("qr.caption", l.Code)}
	}
	if p.Theme.Color != "" {
		d.Accent = p.Theme.RGB
	}
	// A contact's hours and note in another language are printed as
	// given (a reader can say them on the phone) and marked as that
	// language.
	given := func(ts property.Texts, field string) Text {
		s, in := ts.For(l.Code, p.Language)
		t := Text{S: s, Field: fieldOf(field, in)}
		if in != l.Code {
			t.Lang = in
		}
		return t
	}
	for i, c := range p.Contacts {
		f := "contacts[" + itoa(i) + "]"
		e := Entry{Name: Text{S: c.Name, Field: f + ".name"}, Phone: Text{S: c.Phone, Field: f + ".phone"}}
		hours, note := given(c.Hours, f+".hours"), given(c.Note, f+".note")
		switch {
		case hours.S != "" && note.S != "" && hours.Lang == note.Lang:
			e.Details = []Text{{S: hours.S + " · " + note.S, Field: note.Field, Lang: note.Lang}}
		default:
			for _, x := range []Text{hours, note} {
				if x.S != "" {
					e.Details = append(e.Details, x)
				}
			}
		}
		if IsSocialServices(c) {
			d.ChildContacts = append(d.ChildContacts, e)
		} else {
			d.Contacts = append(d.Contacts, e)
		}
	}
	dates := map[string]bool{}
	for i, id := range p.SupportLines {
		line, ok := helpline.Lookup(id)
		if !ok {
			continue // the loader refuses unknown ids
		}
		dates[line.Checked] = true
		f := "support_lines[" + itoa(i) + "]"
		d.Support = append(d.Support, Entry{
			Name:    Text{S: line.Name, Field: f},
			Phone:   Text{S: line.Number, Field: f},
			Details: []Text{{S: l.Text("support_" + id)}}, // our own words
		})
	}
	// One note when every number was checked on the same day, else a
	// note on each entry.
	if len(dates) == 1 {
		for date := range dates {
			d.SupportNote = Text{S: l.Text("checked", "date", date)}
		}
	} else {
		for i, e := range d.Support {
			line, _ := helpline.Lookup(p.SupportLines[i])
			d.Support[i].Details[0].S = e.Details[0].S + " (" + l.Text("checked_one", "date", line.Checked) + ")"
		}
	}
	for _, f := range []Text{
		{S: p.Landlord.Phone, Field: "landlord.phone"},
		{S: p.Landlord.Email, Field: "landlord.email"},
		{S: displayURL(p.Landlord.Website), Field: "landlord.website"},
	} {
		if f.S != "" {
			d.LandlordLines = append(d.LandlordLines, f)
		}
	}
	b := p.Building
	if b.Name != "" {
		d.Address = append(d.Address, Text{S: b.Name, Field: "property.name"})
	}
	d.Address = append(d.Address,
		Text{S: b.Address, Field: "property.address"},
		Text{S: b.PostalCode + " " + b.City, Field: "property.city"})
	if entrance != "" {
		d.Address = append(d.Address, Text{S: l.Text("entrance", "entrance", entrance), Field: "property.entrances"})
	}
	place := b.Address
	if entrance != "" {
		place += ", " + l.Text("entrance", "entrance", entrance)
	}
	d.MetaTitle = l.Text("title") + " – " + place + ", " + b.City
	return d
}

// IsSocialServices reports whether a contact is the municipality's social
// services, which the documents name under concern for a child.
func IsSocialServices(c property.Contact) bool {
	n := strings.ToLower(c.Name)
	for _, w := range []string{"socialtjänst", "socialjour", "social services", "socialkontor", "socialförvaltning"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

func itoa(i int) string { return strconv.Itoa(i) }

// stepKeys gives the text keys of each step of property.PolicySteps; the
// key is also the step's icon.
var stepKeys = map[string]string{"police": "police", "others": "neighbours", "knock": "knock"}

// displayURL is a link as it is printed for reading: without "https://"
// and a trailing slash, which nobody types. The QR code keeps the link
// exactly as written.
func displayURL(u string) string {
	return strings.TrimSuffix(strings.TrimPrefix(u, "https://"), "/")
}
