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

// Text is one piece of text and where it came from: a property field path
// such as "contacts[1].note", or "" for our own policy text.
type Text struct {
	S     string
	Field string
}

// Entry is a name with a phone number and an optional detail line.
type Entry struct {
	Name   Text
	Phone  Text
	Detail Text
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

	Title, Tagline, Intro Text

	EmergencyLabel Text
	PoliceLine     Text

	StepsHeading Text
	Steps        []Step

	ChildHeading  Text
	ChildText     Text
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
		Lang:           l.Code,
		Direction:      l.Direction,
		Title:          t("title"),
		Tagline:        t("tagline"),
		Intro:          t("intro"),
		EmergencyLabel: t("emergency_label"),
		PoliceLine:     t("police_line"),
		StepsHeading:   t("steps_heading"),
		Steps: []Step{
			{Icon: "knock", Title: t("step_knock_title"), Body: t("step_knock_text")},
			{Icon: "neighbours", Title: t("step_neighbours_title"), Body: t("step_neighbours_text")},
			{Icon: "police", Title: t("step_police_title"), Body: t("step_police_text")},
		},
		ChildHeading:    t("child_heading"),
		ChildText:       t("child_text"),
		ChildFallback:   t("child_fallback"),
		ContactsHeading: t("contacts_heading"),
		SupportHeading:  t("support_heading"),
		LandlordHeading: t("landlord_heading"),
		LandlordName:    Text{p.Landlord.Name, "landlord.name"},
		Logo:            p.Landlord.Logo,
		QRURL:           Text{p.QR.URL, "qr.url"},
		QRCaption:       t("qr_caption"),
		Accent:          DefaultAccent,
		MetaSubject:     l.Text("subject"),
		MetaAuthor:      p.Landlord.Name,
	}
	if p.QR.Caption != "" {
		d.QRCaption = Text{p.QR.Caption, "qr.caption"}
	}
	if p.Theme.Color != "" {
		d.Accent = p.Theme.RGB
	}
	for i, c := range p.Contacts {
		f := "contacts[" + itoa(i) + "]"
		e := Entry{Name: Text{c.Name, f + ".name"}, Phone: Text{c.Phone, f + ".phone"}}
		switch {
		case c.Hours != "" && c.Note != "":
			e.Detail = Text{c.Hours + " · " + c.Note, f + ".note"}
		case c.Hours != "":
			e.Detail = Text{c.Hours, f + ".hours"}
		case c.Note != "":
			e.Detail = Text{c.Note, f + ".note"}
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
			Name:   Text{line.Name, f},
			Phone:  Text{line.Number, f},
			Detail: Text{S: l.Text("support_" + id)}, // our own words
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
			d.Support[i].Detail.S = e.Detail.S + " (" + l.Text("checked", "date", line.Checked) + ")"
		}
	}
	for _, f := range []Text{
		{p.Landlord.Phone, "landlord.phone"},
		{p.Landlord.Email, "landlord.email"},
		{displayURL(p.Landlord.Website), "landlord.website"},
	} {
		if f.S != "" {
			d.LandlordLines = append(d.LandlordLines, f)
		}
	}
	b := p.Building
	if b.Name != "" {
		d.Address = append(d.Address, Text{b.Name, "property.name"})
	}
	d.Address = append(d.Address,
		Text{b.Address, "property.address"},
		Text{b.PostalCode + " " + b.City, "property.city"})
	if entrance != "" {
		d.Address = append(d.Address, Text{l.Text("entrance", "entrance", entrance), "property.entrances"})
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

// displayURL is a link as it is printed for reading: without "https://"
// and a trailing slash, which nobody types. The QR code keeps the link
// exactly as written.
func displayURL(u string) string {
	return strings.TrimSuffix(strings.TrimPrefix(u, "https://"), "/")
}
