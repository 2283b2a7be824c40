package property

import "huskurage/helpline"

// fieldTable is every field of a property file, in the order of the file:
// each field's rules written once (see Field). The loader reads the
// fields in this order, the starter file and Summary show them in it, and
// unknown-field hints list them in it.
//
// To add a field: add it here, with its value in Property, and the code
// that prints it (content, layout). A field of a kind the loader reads
// already (a text, a phone number, a link …) needs nothing else: it is
// read, checked, merged with the defaults, shown by `check --show`,
// documented in the starter file and read from a spreadsheet column. The
// README's column table and field summary say the same in words.
//
// Starter comments may hold {{MAX}} and {{ITEMMAX}}, the field's limits,
// and {{MAX name}}, the limit of one of its fields; starter.go lists the
// other marks.
var fieldTable = []*Field{
	{
		Path: "version", Kind: KindVersion, Example: "version: 1", Merge: MergeNone,
		Label: Words{"Filformatets version", "Format version"},
		Help:  Words{"Versionen av filformatet; bara 1 finns.", "The version of the file format; only 1 exists."},
		starter: []block{{
			sv:   `Filformatets version. Valfritt; om det anges måste det vara 1.`,
			en:   `Format version of this file. Optional; if present it must be 1.`,
			yaml: `version: 1`,
		}},
	},
	{
		Path: "id", Kind: KindID, Max: 64, Merge: MergeNever, DefaultNote: "from the file name",
		NotInDefaults: Message{Textf("a defaults file has no id"), Textf("each property has its own; remove this line")},
		Column: &Column{Header: Words{"Id", "Id"},
			Format:  Words{"valfri: a–z, 0–9 och -; annars görs den av adressen", "optional: a-z, 0-9 and -; made from the address when empty"},
			Example: "gota-alvs-vag-27"},
		Label: Words{"Id", "Id"},
		Help: Words{"Kort namn i utfilernas namn: a–z, 0–9 och -. Tomt: filens namn.",
			"Short name in the output files' names: a-z, 0-9 and -. Empty: the file's name."},
		value: func(p *Property) any { return &p.ID },
		starter: []block{{
			sv: `Kort namn som används i utfilernas namn. Valfritt. Standard: den här
filens namn utan .yaml, med gemener. Bara a-z, 0-9 och '-', högst {{MAX}}
tecken, inte '-' först eller sist. Det ändras aldrig åt dig: ger
filnamnet inget säkert id, skriv ett här.`,
			en: `Short name used for the output files. Optional. Default: this file's
name without .yaml, in lower case. Only a-z, 0-9 and '-', at most {{MAX}}
characters, not starting or ending with '-'. It is never changed for
you: if the file name does not give a safe id, write one here.`,
			yaml: `{{#}}id: exempelgatan-7`,
		}},
	},
	{
		Path: "language", Kind: KindLanguage, Default: "sv", DefaultNote: "default",
		Merge: MergeSingle, Excludes: "languages", Misnames: []string{"språk"},
		Label: Words{"Språk", "Language"},
		Help:  Words{"De utskrivna dokumentens språk.", "The language of the printed documents."},
		value: func(p *Property) any { return &p.Language },
		starter: []block{{
			sv: `De utskrivna dokumentens språk. Valfritt. Standard: sv.
Finns: {{LANGUAGES}}.`,
			en: `Language of the printed documents. Optional. Default: sv.
Known: {{LANGUAGES}}.`,
			yaml: `language: sv`,
		}},
	},
	{
		Path: "languages", Kind: KindLanguages, Merge: MergeSingle, Excludes: "language",
		Column: &Column{Header: Words{"Språk", "Languages"}, Aliases: []string{"language"},
			Format:  Words{"valfritt: språkkoder, det första är huvudspråket (sv, ar)", "optional: language codes, the first is the main one (sv, ar)"},
			Example: "sv, ar"},
		Label: Words{"Språk", "Languages"},
		Help: Words{"Dokumenten skrivs ut på vart och ett; det första är huvudspråket.",
			"The documents are printed in each; the first is the main one."},
		value: func(p *Property) any { return &p.Languages },
		tight: true,
		starter: []block{{
			sv: `Eller skriv ut dokumenten på flera språk, en uppsättning filer för
varje: det första är huvudspråket. Ange antingen language: eller
languages:.`,
			en: `Or print the documents in several languages, one set of files each:
the first is the main one. Give either language: or languages:.`,
			yaml: `{{#}}languages: [sv, so, uk]`,
		}},
	},
	{
		Path: "landlord", Kind: KindSection, Required: true, Merge: MergeFields,
		Example:  `"landlord:" with "name: Bostads AB Exempel" indented under it`,
		Misnames: []string{"hyresvärd", "värd", "fastighetsägare"},
		Label:    Words{"Hyresvärd", "Landlord"},
		Help:     Words{"Hyresvärden eller bostadsrättsföreningen som har antagit Huskurage.", "The landlord or housing cooperative that has adopted Huskurage."},
		starter: []block{{
			sv: `Hyresvärden eller bostadsrättsföreningen som har antagit Huskurage.
Krävs.`,
			en: `The landlord or housing cooperative that has adopted Huskurage.
Required.`,
			yaml: `landlord:`,
		}},
		fields: []*Field{
			{
				Path: "landlord.name", Kind: KindText, Required: true, Max: 80, Merge: MergeSingle,
				Example: "name: Bostads AB Exempel", Noun: "name", Misnames: []string{"namn"},
				Column: &Column{Header: Words{"Hyresvärd", "Landlord"}, Aliases: []string{"fastighetsägare", "landlord name", "ägare", "owner"},
					Format: Words{"hyresvärd eller bostadsrättsförening", "landlord or housing cooperative"}, Example: "Alebyggen"},
				Label: Words{"Hyresvärdens namn", "Landlord's name"},
				Help:  Words{"Så som det ska stå tryckt.", "As it should be printed."},
				value: func(p *Property) any { return &p.Landlord.Name },
				starter: []block{{
					sv:   `Namnet så som det ska stå tryckt. Krävs, högst {{MAX}} tecken.`,
					en:   `Name as it should be printed. Required, at most {{MAX}} characters.`,
					yaml: `name: Exempelbolaget AB{{REPLACE}}`,
				}},
			},
			{
				Path: "landlord.phone", Kind: KindPhone, Merge: MergeSingle,
				Example: "phone: 0303-70 30 00", Noun: "phone number", Misnames: []string{"telefon", "tel", "telefonnummer"},
				Column: &Column{Header: Words{"Telefon hyresvärd", "Landlord phone"}, Aliases: []string{"telefon", "phone", "tel"},
					Format: Words{"valfritt; som text, med inledande 0", "optional; as text, with its leading 0"}, Example: "070-174 06 05"},
				Label: Words{"Hyresvärdens telefon", "Landlord's phone"},
				Help:  Words{"Skrivs ut som det står, t.ex. 0303-70 30 00.", "Printed as written, e.g. 0303-70 30 00."},
				value: func(p *Property) any { return &p.Landlord.Phone },
				starter: []block{{
					sv: `Telefonnummer för hyresgäster. Valfritt. Siffror, mellanslag, '-',
ett inledande '+' och parentes runt riktnumret. Det skrivs ut som det
står, så gruppera siffrorna som ni vill att de ska läsas; bara en
parentes skrivs om: (0303) 70 30 00 blir 0303-70 30 00.`,
					en: `Phone number for tenants. Optional. Digits, spaces, '-', one leading
'+' and brackets around the area code. It is printed as written, so
group it the way you want it read; only brackets are written out:
(0303) 70 30 00 is printed 0303-70 30 00.`,
					yaml: `{{#}}phone: 070-174 06 90{{REPLACE}}`,
				}},
			},
			{
				Path: "landlord.email", Kind: KindEmail, Max: 100, Merge: MergeSingle,
				Example: "email: info@example.org", Noun: "e-mail address", Misnames: []string{"epost", "e-post", "mejl", "mail"},
				Column: &Column{Header: Words{"E-post", "Email"}, Aliases: []string{"e-mail", "mail", "epostadress"},
					Format: Words{"valfritt", "optional"}, Example: "info@example.se"},
				Label: Words{"Hyresvärdens e-post", "Landlord's e-mail"},
				Help:  Words{"E-postadress för hyresgäster.", "E-mail address for tenants."},
				value: func(p *Property) any { return &p.Landlord.Email },
				starter: []block{{
					sv:   `E-postadress för hyresgäster. Valfritt.`,
					en:   `E-mail address for tenants. Optional.`,
					yaml: `{{#}}email: info@exempelbolaget.example{{REPLACE}}`,
				}},
			},
			{
				Path: "landlord.website", Kind: KindURL, Max: 100, Merge: MergeSingle,
				Example: "website: https://example.org/huskurage", Why: "pages reached over http can be tampered with",
				Noun: "website", Misnames: []string{"webb", "webbplats", "hemsida"},
				Column: &Column{Header: Words{"Webbplats", "Website"}, Aliases: []string{"hemsida", "webb", "web"},
					Format: Words{"valfritt; https://…", "optional; https://…"}, Example: "https://example.se"},
				Label: Words{"Hyresvärdens webbplats", "Landlord's website"},
				Help:  Words{"Börjar med https://.", "Starts with https://."},
				value: func(p *Property) any { return &p.Landlord.Website },
				starter: []block{{
					sv:   `Webbplats. Valfritt. Måste börja med https://.`,
					en:   `Website. Optional. Must start with https://.`,
					yaml: `{{#}}website: https://www.exempelbolaget.example{{REPLACE}}`,
				}},
			},
			{
				Path: "landlord.logo", Kind: KindLogo, Max: 1000, Merge: MergeSingle,
				Column: &Column{Header: Words{"Logotyp", "Logo"},
					Format:  Words{"valfritt: PNG- eller JPEG-fil, sökväg från kalkylarkets mapp", "optional: a PNG or JPEG file, path from the spreadsheet's folder"},
					Example: "logo.png"},
				Label: Words{"Logotyp", "Logo"},
				Help:  Words{"En PNG- eller JPEG-fil som trycks på dokumenten.", "A PNG or JPEG file printed on the documents."},
				value: func(p *Property) any { return &p.Landlord.Logo },
				starter: []block{{
					sv: `Logotyp på dokumenten. Valfritt. En PNG- eller JPEG-fil på högst
{{MAXLOGO}} och {{MAXPIXELS}} bildpunkter; sökvägen räknas från mappen
som den här filen ligger i.`,
					en: `Logo printed on the documents. Optional. A PNG or JPEG file of at
most {{MAXLOGO}} and {{MAXPIXELS}} pixels; the path is relative to the
folder this file is in.`,
					yaml: `{{#}}logo: logo.png`,
				}},
			},
		},
	},
	{
		Path: "property", Kind: KindSection, Required: true, Merge: MergeFields,
		Example:  `"property:" with address:, postal_code: and city: indented under it`,
		Misnames: []string{"fastighet", "byggnad", "hus"},
		Label:    Words{"Fastighet", "Property"},
		Help:     Words{"Byggnaden som dokumenten gäller.", "The building the documents are for."},
		starter: []block{{
			sv:   `Byggnaden som dokumenten gäller. Krävs.`,
			en:   `The building the documents are for. Required.`,
			yaml: `property:`,
		}},
		fields: []*Field{
			{
				Path: "property.name", Kind: KindText, Max: 80, Merge: MergeSingle, Noun: "name", Misnames: []string{"namn"},
				Column: &Column{Header: Words{"Fastighetsnamn", "Name"}, Aliases: []string{"fastighet", "property name", "namn"},
					Format: Words{"valfritt, t.ex. kvarterets namn", "optional, e.g. the block's name"}, Example: "Kvarteret Linden"},
				Label: Words{"Fastighetens namn", "Name of the property"},
				Help:  Words{"Byggnadens eller kvarterets namn.", "The name of the building or block."},
				value: func(p *Property) any { return &p.Building.Name },
				starter: []block{{
					sv:   `Byggnadens eller kvarterets namn. Valfritt, högst {{MAX}} tecken.`,
					en:   `Name of the building or block. Optional, at most {{MAX}} characters.`,
					yaml: `name: Kvarteret Exemplet{{REPLACE}}`,
				}},
			},
			{
				Path: "property.address", Kind: KindText, Required: true, Max: 100, Merge: MergeSingle,
				Example: "address: Storgatan 7", Noun: "street address", Misnames: []string{"adress", "gatuadress"},
				Column: &Column{Header: Words{"Adress", "Address"}, Aliases: []string{"gatuadress", "street address"},
					Format: Words{"gatuadress och nummer", "street and number"}, Example: "Göta älvs väg 27"},
				Label: Words{"Gatuadress", "Street address"},
				Help:  Words{"Gata och nummer.", "Street and number."},
				value: func(p *Property) any { return &p.Building.Address },
				starter: []block{{
					sv:   `Gatuadress. Krävs, högst {{MAX}} tecken.`,
					en:   `Street address. Required, at most {{MAX}} characters.`,
					yaml: `address: Exempelgatan 7{{REPLACE}}`,
				}},
			},
			{
				Path: "property.postal_code", Kind: KindPostalCode, Required: true, Max: 12, Merge: MergeSingle,
				Example: "postal_code: 449 30", Noun: "postal code", Misnames: []string{"postnummer"},
				Column: &Column{Header: Words{"Postnummer", "Postal code"}, Aliases: []string{"postnr", "zip", "zip code", "postcode"},
					Format: Words{"fem siffror, 44930 eller 449 30", "five digits, 44930 or 449 30"}, Example: "449 30"},
				Label: Words{"Postnummer", "Postal code"},
				Help:  Words{"Fem siffror, t.ex. 449 30.", "Five digits, e.g. 449 30."},
				value: func(p *Property) any { return &p.Building.PostalCode },
				starter: []block{{
					sv:   `Postnummer. Krävs. Skrivs som text, t.ex. 449 30 eller 44930.`,
					en:   `Postal code. Required. Written as text, e.g. 449 30 or 44930.`,
					yaml: `postal_code: "000 00"{{REPLACE}}`,
				}},
			},
			{
				Path: "property.city", Kind: KindText, Required: true, Max: 80, Merge: MergeSingle,
				Example: "city: Nödinge", Noun: "city", Misnames: []string{"ort", "postort", "stad"},
				Column: &Column{Header: Words{"Ort", "City"}, Aliases: []string{"postort", "stad", "town"},
					Format: Words{"postort", "postal town"}, Example: "Nödinge"},
				Label: Words{"Ort", "City"},
				Help:  Words{"Postorten.", "The postal town."},
				value: func(p *Property) any { return &p.Building.City },
				starter: []block{{
					sv:   `Ort. Krävs, högst {{MAX}} tecken.`,
					en:   `City or town. Required, at most {{MAX}} characters.`,
					yaml: `city: Exempelstad{{REPLACE}}`,
				}},
			},
			{
				Path: "property.entrances", Kind: KindTextList, Max: MaxEntrances, ItemMax: 20, Merge: MergeNever,
				Example:       "entrances: [7A, 7B]",
				Why:           "a property file is one building or block; describe a larger estate as several properties",
				NotInDefaults: Message{Textf("entrances are never inherited"), Textf("list the entrances in each property file")},
				Misnames:      []string{"uppgångar", "trappuppgångar", "portar", "entréer"},
				Column: &Column{Header: Words{"Uppgångar", "Entrances"}, Aliases: []string{"uppgång", "trappuppgångar", "entrance"},
					Format: Words{"valfritt: en affisch per uppgång; 7A, 7B eller 7A–7C", "optional: one poster each; 7A, 7B or 7A–7C"}, Example: "27A–27C"},
				Label: Words{"Uppgångar", "Entrances"},
				Help:  Words{"En affisch görs för varje uppgång, t.ex. 7A, 7B.", "One poster is made for each entrance, e.g. 7A, 7B."},
				value: func(p *Property) any { return &p.Building.Entrances },
				starter: []block{{
					sv: `Uppgångar (trapphus). Valfritt. En affisch görs för varje; varje
uppgång har högst {{ITEMMAX}} tecken och står med en gång. Högst
{{MAX}} uppgångar.`,
					en: `Entrances (stairwells). Optional. One poster is made for each; each
entrance has at most {{ITEMMAX}} characters and is listed once. At most
{{MAX}} entrances.`,
					yaml: `entrances: [7A, 7B]`,
				}},
			},
			{
				Path: "property.apartments", Kind: KindCount, Max: MaxApartments, Merge: MergeNever,
				Example:       "apartments: 24",
				NotInDefaults: Message{Textf("the number of apartments is never inherited"), Textf("give it in each property file")},
				IfMissing:     Message{Textf("not given: the print order's cover says the number of leaflets is unknown"), Textf("add the number of apartments under property:, e.g. apartments: 24")},
				Column: &Column{Header: Words{"Antal lägenheter", "Apartments"}, Aliases: []string{"lägenheter", "antal lgh", "lgh", "number of apartments"},
					Format: Words{"heltal: antal foldrar att trycka", "whole number: leaflets to print"}, Example: "36"},
				Label: Words{"Antal lägenheter", "Apartments"},
				Help:  Words{"Hur många lappar som ska skrivas ut.", "How many leaflets to print."},
				value: func(p *Property) any { return &p.Building.Apartments },
				starter: []block{{
					sv: `Antal lägenheter: hur många lappar som ska skrivas ut. Valfritt, ett
heltal från 1 till {{MAX}}; visas på försättsbladet i en batchs
tryckfil.`,
					en: `Number of apartments: how many leaflets to print. Optional, a whole
number from 1 to {{MAX}}; shown on the cover of a batch's print file.`,
					yaml: `apartments: 24`,
				}},
			},
		},
	},
	{
		Path: "contacts", Kind: KindContacts, Max: MaxContacts, Merge: MergeByName,
		Why:      "more do not fit on a poster; keep the ones tenants need most",
		Misnames: []string{"kontakter"},
		Label:    Words{"Lokala kontakter", "Local contacts"},
		Help: Words{"Lokala nummer som skrivs ut efter larmnumren, t.ex. socialtjänsten.",
			"Local numbers printed after the emergency numbers, such as social services."},
		value: func(p *Property) any { return &p.Contacts },
		starter: []block{{
			sv: `Lokala nummer som skrivs ut efter larmnumren, i den här ordningen.
Valfritt. Varje kontakt börjar med "- name:"; name och phone krävs,
hours (högst {{MAX hours}} tecken) och note (högst {{MAX note}}) är valfria. Högst
{{MAX}} kontakter. Skriv kommunens socialtjänst här: en kontakt
vars namn innehåller "socialtjänst" står i rutan om oro för ett barn.
Med en fil med gemensamma värden (--defaults) tar "name: X" och
remove: true bort den ärvda kontakten X.`,
			en: `Local numbers printed after the emergency numbers, in this order.
Optional. Each contact starts with "- name:"; name and phone are
required, hours (at most {{MAX hours}} characters) and note (at most {{MAX note}}) are
optional. At most {{MAX}} contacts. Put your municipality's
social services here: a contact whose name contains "socialtjänst" is
printed in the box about concern for a child.
With defaults (--defaults), "name: X" plus remove: true drops the
inherited contact X.`,
			yaml: `contacts:
  - name: Socialtjänsten, Exempel kommun{{REPLACE}}
    phone: 070-174 06 91{{REPLACE}}
    note: Fråga efter en handläggare på socialtjänsten.
  {{#}}- name: Jourhavande socialsekreterare
  {{#}}  phone: 070-174 06 92{{REPLACE}}
  {{#}}  hours: kvällar och helger`,
		}, {
			sv: `En kontakts tider och anteckning, och QR-kodens text, skrivs på
fastighetens språk. Med flera språk kan de ges med en rad per språk;
ett språk utan egen rad får den första:`,
			en: `A contact's hours and note, and the QR caption, are in the property's
language; with several languages they may be given one line per
language, and a language without its own line prints the first one:`,
			yaml: `#    note:
#      sv: Fråga efter en handläggare på socialtjänsten.
#      en: Ask for a social services officer (handläggare).`,
		}},
		fields: []*Field{
			{
				Path: "contacts[].name", Kind: KindText, Required: true, Max: 80, Key: true,
				Example: "name: Socialtjänsten", Noun: "name", Misnames: []string{"namn"},
				Column: &Column{Header: Words{"namn", "name"},
					Format: Words{"valfritt: lokal kontakt, t.ex. socialtjänsten", "optional: a local contact, e.g. social services"}, Example: "Socialtjänsten, kontaktcenter"},
				Label: Words{"Namn", "Name"},
				Help:  Words{"Skrivs som det står på alla språk.", "Printed as written in every language."},
				item:  func(c *Contact) any { return &c.Name },
			},
			{
				Path: "contacts[].phone", Kind: KindPhone, Required: true,
				Example: "phone: 0303-70 30 00", Noun: "phone number", Misnames: []string{"telefon", "tel", "telefonnummer"},
				Column: &Column{Header: Words{"telefon", "phone"}, Aliases: []string{"tel"},
					Format: Words{"kontaktens telefon, som text", "the contact's phone, as text"}, Example: "070-174 06 06"},
				Label: Words{"Telefon", "Phone"},
				Help:  Words{"Skrivs ut som det står.", "Printed as written."},
				item:  func(c *Contact) any { return &c.Phone },
			},
			{
				Path: "contacts[].hours", Kind: KindTexts, Max: 60, Misnames: []string{"tider", "öppettider"},
				Column: &Column{Header: Words{"tider", "hours"},
					Format: Words{"valfritt: öppettider", "optional: opening hours"}, Example: "vardagar 8–16"},
				Label: Words{"Tider", "Hours"},
				Help:  Words{"När numret svarar, t.ex. vardagar 8–16.", "When the number answers, e.g. vardagar 8–16."},
				item:  func(c *Contact) any { return &c.Hours },
			},
			{
				Path: "contacts[].note", Kind: KindTexts, Max: 200, Misnames: []string{"anteckning", "notering"},
				Column: &Column{Header: Words{"not", "note"}, Aliases: []string{"anteckning"},
					Format:  Words{"valfritt; \"Kontakt 1 not (ar)\" på ett annat språk", "optional; \"Contact 1 note (ar)\" in another language"},
					Example: "Be att få tala med en handläggare."},
				Label: Words{"Anteckning", "Note"},
				Help:  Words{"Kort text under numret.", "A short text under the number."},
				item:  func(c *Contact) any { return &c.Note },
			},
			{
				Path: "contacts[].remove", Kind: KindRemove,
				Column: &Column{Header: Words{"ta bort", "remove"},
					Format: Words{"valfritt: ja tar bort kontakten med detta namn som --defaults ger (skriv då bara namnet)",
						"optional: yes leaves out the contact of this name that --defaults gives (then write only the name)"},
					Example: "ja"},
				Label: Words{"Ta bort den ärvda kontakten", "Leave out the inherited contact"},
				Help: Words{"Ta bort kontakten med detta namn som de gemensamma värdena ger.",
					"Leave out the contact of this name that the defaults give."},
			},
		},
	},
	{
		Path: "steps", Kind: KindSteps, Default: PolicySteps, DefaultNote: "default: the municipality's order", Merge: MergeSingle,
		Column: &Column{Header: Words{"Steg", "Steps"},
			Format: Words{"valfritt: ordningen polis, andra, knacka (police, others, knock)", "optional: the order of police, others, knock"}, Example: "polis, andra, knacka"},
		Label: Words{"Stegens ordning", "Order of the steps"},
		Help: Words{"Kommunens ordning är polis, andra, knacka; den äldre nationella är den omvända.",
			"The municipality's order is police, others, knock; the older national one the other way round."},
		value: func(p *Property) any { return &p.Steps },
		starter: []block{{
			sv: `Ordningen på policyns tre steg. Valfritt. Standard: [police, others,
knock], kommunens ordning: ring polisen först, ta hjälp av andra,
knacka på bara om det är säkert. Den äldre nationella texten har dem
i omvänd ordning: [knock, others, police].`,
			en: `The order of the policy's three steps. Optional. Default: [police,
others, knock], the municipality's order: call the police first, get
help from others, knock on the door only if it is safe. The older
national wording lists them the other way round: [knock, others, police].`,
			yaml: `#steps: [police, others, knock]`,
		}},
	},
	{
		Path: "support_lines", Kind: KindSupportLines, Default: helpline.Default, DefaultNote: "default", Merge: MergeList,
		Example:  "support_lines: [kvinnofridslinjen, bris]",
		Misnames: []string{"stödlinjer", "hjälplinjer"},
		Column: &Column{Header: Words{"Stödlinjer", "Support lines"},
			Format: Words{"valfritt: kvinnofridslinjen, bris, terrafem …", "optional: kvinnofridslinjen, bris, terrafem …"}, Example: "kvinnofridslinjen, bris"},
		Label: Words{"Stödlinjer", "Support lines"},
		Help:  Words{"Nationella stödlinjer som skrivs ut, i den här ordningen.", "National support lines to print, in this order."},
		value: func(p *Property) any { return &p.SupportLines },
		starter: []block{{
			sv: `Nationella stödlinjer som skrivs ut, med id, i den här ordningen.
Valfritt. Standard: [{{DEFAULT}}]. Skriv [] för att inte skriva ut
någon. Finns: {{LINES}}.`,
			en: `National support lines to print, by id, in this order. Optional.
Default: [{{DEFAULT}}]. Write [] to print none.
Known ids: {{LINES}}.`,
			yaml: `support_lines: [kvinnofridslinjen, bris]`,
		}},
	},
	{
		Path: "qr", Kind: KindSection, Required: true, Merge: MergeFields,
		Example:  `"qr:" with "url: https://example.org/huskurage" indented under it`,
		Misnames: []string{"qr-kod", "qrkod"},
		Label:    Words{"QR-kod", "QR code"},
		Help:     Words{"Länken som skrivs ut som QR-kod.", "The link printed as a QR code."},
		starter: []block{{
			sv:   `Länken som skrivs ut som QR-kod. Krävs.`,
			en:   `The link printed as a QR code. Required.`,
			yaml: `qr:`,
		}},
		fields: []*Field{
			{
				Path: "qr.url", Kind: KindURL, Required: true, Max: MaxQRURL, Merge: MergeSingle,
				Example: "url: https://example.org/huskurage", Why: "a QR code that opens an insecure page can be tampered with",
				Noun: "link", Misnames: []string{"länk"},
				Column: &Column{Header: Words{"QR-länk", "QR URL"}, Aliases: []string{"qr link", "länk", "qr"},
					Format: Words{"https://… som QR-koden öppnar", "the https://… link the QR code opens"}, Example: "https://example.se/huskurage"},
				Label: Words{"QR-kodens länk", "The QR code's link"},
				Help:  Words{"Adressen som QR-koden öppnar; börjar med https://.", "The address the QR code opens; starts with https://."},
				value: func(p *Property) any { return &p.QR.URL },
				starter: []block{{
					sv: `Adressen som QR-koden öppnar. Krävs. Måste börja med https://; den
läggs in i koden precis som den står. Kortare länkar ger en QR-kod
som är lättare att läsa av.`,
					en: `Address the QR code opens. Required. Must start with https://; it is
put into the code exactly as written. Shorter links give a QR code
that is easier to scan.`,
					yaml: `url: https://www.exempelbolaget.example/huskurage{{REPLACE}}`,
				}},
			},
			{
				Path: "qr.caption", Kind: KindTexts, Max: 80, Merge: MergeSingle, Noun: "caption", Builtin: true,
				Misnames: []string{"bildtext"},
				Column: &Column{Header: Words{"QR-text", "QR caption"}, Aliases: []string{"qr text"},
					Format:  Words{"valfritt; \"QR-text (ar)\" ger texten på ett annat språk", "optional; \"QR caption (ar)\" gives it in another language"},
					Example: "Läs mer om Huskurage"},
				Label: Words{"Text vid QR-koden", "QR caption"},
				Help:  Words{"Text bredvid koden; utan den skrivs vår egen.", "Text next to the code; without it, ours is printed."},
				value: func(p *Property) any { return &p.QR.Caption },
				starter: []block{{
					sv:   `Text bredvid koden. Valfritt, högst {{MAX}} tecken.`,
					en:   `Text printed next to the code. Optional, at most {{MAX}} characters.`,
					yaml: `caption: Läs mer om Huskurage`,
				}},
			},
		},
	},
	{
		Path: "theme", Kind: KindSection, Merge: MergeFields, Misnames: []string{"tema"},
		Label: Words{"Utseende", "Look"},
		Help:  Words{"Accentfärgen.", "The accent colour."},
		starter: []block{{
			sv:   `Accentfärg. Valfritt; utelämna den för standardfärgen.`,
			en:   `Accent colour. Optional; leave it out for the default.`,
			yaml: `theme:`,
		}},
		fields: []*Field{
			{
				Path: "theme.color", Kind: KindColor, Merge: MergeSingle, Example: `color: "#1F4E79"`, Misnames: []string{"färg", "colour"},
				Column: &Column{Header: Words{"Färg", "Color"}, Aliases: []string{"colour", "färgtema"},
					Format: Words{"valfritt: #RRGGBB, mörk nog för vit text", "optional: #RRGGBB, dark enough for white text"}, Example: "#1d4e63"},
				Label: Words{"Accentfärg", "Accent colour"},
				Help:  Words{"#RRGGBB, mörk nog för vit text.", "#RRGGBB, dark enough for white text."},
				value: func(p *Property) any { return &p.Theme },
				starter: []block{{
					sv: `Skrivs "#RRGGBB", inom citattecken (annars börjar # en kommentar).
Vit text trycks på den, så den måste vara mörk nog: en kontrast på
minst 4,5:1 mot vitt.`,
					en: `Written "#RRGGBB", in quotes (# starts a comment otherwise). White
text is printed on it, so it must be dark enough: a contrast of at
least 4.5:1 with white.`,
					yaml: `color: "#1F4E79"`,
				}},
			},
		},
	},
}
