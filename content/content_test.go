package content

import (
	"strings"
	"testing"

	"huskurage/property"
	"huskurage/templates"
)

func sample() *property.Property {
	return &property.Property{
		ID: "x", Language: "sv",
		Landlord: property.Landlord{Name: "Bostads AB", Phone: "070-174 06 21", Website: "https://example.se"},
		Building: property.Building{Name: "Linden", Address: "Storgatan 7", PostalCode: "449 30", City: "Nödinge"},
		Contacts: []property.Contact{
			{Name: "Socialtjänsten, kontaktcenter", Phone: "0303-70 30 00", Hours: property.Texts{"sv": "vardagar 8–16"}},
			{Name: "Fastighetsjouren", Phone: "031-390 06 42", Note: property.Texts{"sv": "dygnet runt"}},
		},
		SupportLines: []string{"kvinnofridslinjen", "bris"},
		QR:           property.QR{URL: "https://example.se/h"},
	}
}

func TestBuild(t *testing.T) {
	l, err := templates.Load("sv")
	if err != nil {
		t.Fatal(err)
	}
	d := Build(sample(), l, "7A")
	if len(d.ChildContacts) != 1 || d.ChildContacts[0].Phone.S != "0303-70 30 00" {
		t.Errorf("social services should be under concern for a child: %+v", d.ChildContacts)
	}
	if len(d.Contacts) != 1 || d.Contacts[0].Name.S != "Fastighetsjouren" || d.Contacts[0].Details[0].Field != "contacts[1].note" {
		t.Errorf("other contacts: %+v", d.Contacts)
	}
	if len(d.Support) != 2 || d.Support[1].Phone.S != "116 111" || !strings.Contains(d.SupportNote.S, "2026") {
		t.Errorf("support lines: %+v, note %q", d.Support, d.SupportNote.S)
	}
	last := d.Address[len(d.Address)-1]
	if last.S != "Uppgång 7A" || last.Field != "property.entrances" {
		t.Errorf("entrance line: %+v", last)
	}
	if !strings.Contains(d.MetaTitle, "Storgatan 7") || !strings.Contains(d.MetaTitle, "7A") || d.MetaAuthor != "Bostads AB" {
		t.Errorf("metadata: %q by %q", d.MetaTitle, d.MetaAuthor)
	}
	if d.Accent != DefaultAccent || d.QRCaption.S != l.Text("qr_caption") {
		t.Errorf("defaults: accent %v, caption %q", d.Accent, d.QRCaption.S)
	}
	if len(d.LandlordLines) != 2 || d.LandlordLines[1].Field != "landlord.website" {
		t.Errorf("landlord lines: %+v", d.LandlordLines)
	}
}

func TestNoSocialServicesContact(t *testing.T) {
	l, _ := templates.Load("en")
	p := sample()
	p.Contacts = p.Contacts[1:]
	d := Build(p, l, "")
	if len(d.ChildContacts) != 0 || d.ChildFallback.S == "" {
		t.Errorf("without a social services contact the fallback is said: %+v", d)
	}
	for _, a := range d.Address {
		if strings.Contains(a.S, "Entrance") {
			t.Errorf("a leaflet names no entrance: %q", a.S)
		}
	}
}

func TestIsSocialServices(t *testing.T) {
	for name, want := range map[string]bool{
		"Socialtjänsten, kontaktcenter": true,
		"Socialjouren":                  true,
		"Social services":               true,
		"Fastighetsjouren":              false,
		"Kvinnojouren":                  false,
	} {
		if got := IsSocialServices(property.Contact{Name: name}); got != want {
			t.Errorf("%q: %v, want %v", name, got, want)
		}
	}
}
