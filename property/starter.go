package property

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"huskurage/helpline"
	"huskurage/templates"
)

// starterText is the starter property file in both of its languages, and
// the one source of its example values.
//
//   - A line that starts with "sv|" or "en|" is a comment in that
//     language; the prefix is dropped, and the line is left out of the
//     other language's file.
//   - "{{#}}" starts a field that is commented out: "#" in the file.
//   - "{{REPLACE}}" marks an example value that must be replaced: it
//     becomes a short comment saying so, and the loader refuses the
//     value wherever it is still present (StarterValues), commented-out
//     fields included, so that no example reaches a printed page.
//   - {{LANGUAGES}}, {{LINES}}, {{DEFAULT}}, {{MAXLOGO}} and
//     {{MAXPIXELS}} are filled in from the live lists and limits, so the
//     comments never go stale.
//
// The phone numbers are from the range that PTS (the Swedish Post and
// Telecom Authority) keeps for fiction, 070-174 06 05 to 070-174 06 99:
// a starter value never rings a real number.
const starterText = `sv|# Huskurage: en fil för varje fastighet.
en|# Huskurage property file: one building per file.
#
sv|# Fyll i fälten nedan och kör sedan huskurage för att skriva ut affischen
sv|# för varje uppgång och lappen till hyresgästerna. Rader som börjar med #
sv|# är kommentarer och läses inte. Dra in med mellanslag, aldrig med tabb.
sv|# Text som innehåller ": " eller börjar med # skrivs inom "citattecken".
sv|#
sv|# Värden märkta "byt ut" är påhittade exempel: huskurage vägrar skriva ut
sv|# dem. Byt ut vart och ett mot ert eget, eller ta bort raden om fältet är
sv|# valfritt.
en|# Fill in the fields below, then run huskurage to print the poster for
en|# each entrance and the leaflet for the tenants. Lines that start with #
en|# are comments and are ignored. Indent with spaces, never with tabs.
en|# Text that contains ": " or starts with # must be put in "double quotes".
en|#
en|# Values marked "replace" are made-up examples: huskurage refuses to
en|# print them. Replace each with your own, or delete the line if the
en|# field is optional.

sv|# Filformatets version. Valfritt; om det anges måste det vara 1.
en|# Format version of this file. Optional; if present it must be 1.
version: 1

sv|# Kort namn som används i utfilernas namn. Valfritt. Standard: den här
sv|# filens namn utan .yaml, med gemener. Bara a-z, 0-9 och '-', högst 64
sv|# tecken, inte '-' först eller sist. Det ändras aldrig åt dig: ger
sv|# filnamnet inget säkert id, skriv ett här.
en|# Short name used for the output files. Optional. Default: this file's
en|# name without .yaml, in lower case. Only a-z, 0-9 and '-', at most 64
en|# characters, not starting or ending with '-'. It is never changed for
en|# you: if the file name does not give a safe id, write one here.
{{#}}id: exempelgatan-7

sv|# De utskrivna dokumentens språk. Valfritt. Standard: sv.
sv|# Finns: {{LANGUAGES}}.
en|# Language of the printed documents. Optional. Default: sv.
en|# Known: {{LANGUAGES}}.
language: sv
sv|# Eller skriv ut dokumenten på flera språk, en uppsättning filer för
sv|# varje: det första är huvudspråket. Ange antingen language: eller
sv|# languages:.
en|# Or print the documents in several languages, one set of files each:
en|# the first is the main one. Give either language: or languages:.
{{#}}languages: [sv, so, uk]

sv|# Hyresvärden eller bostadsrättsföreningen som har antagit Huskurage.
sv|# Krävs.
en|# The landlord or housing cooperative that has adopted Huskurage.
en|# Required.
landlord:
sv|  # Namnet så som det ska stå tryckt. Krävs, högst 80 tecken.
en|  # Name as it should be printed. Required, at most 80 characters.
  name: Exempelbolaget AB{{REPLACE}}
sv|  # Telefonnummer för hyresgäster. Valfritt. Siffror, mellanslag, '-',
sv|  # ett inledande '+' och parentes runt riktnumret. Det skrivs ut som det
sv|  # står, så gruppera siffrorna som ni vill att de ska läsas; bara en
sv|  # parentes skrivs om: (0303) 70 30 00 blir 0303-70 30 00.
en|  # Phone number for tenants. Optional. Digits, spaces, '-', one leading
en|  # '+' and brackets around the area code. It is printed as written, so
en|  # group it the way you want it read; only brackets are written out:
en|  # (0303) 70 30 00 is printed 0303-70 30 00.
  {{#}}phone: 070-174 06 90{{REPLACE}}
sv|  # E-postadress för hyresgäster. Valfritt.
en|  # E-mail address for tenants. Optional.
  {{#}}email: info@exempelbolaget.example{{REPLACE}}
sv|  # Webbplats. Valfritt. Måste börja med https://.
en|  # Website. Optional. Must start with https://.
  {{#}}website: https://www.exempelbolaget.example{{REPLACE}}
sv|  # Logotyp på dokumenten. Valfritt. En PNG- eller JPEG-fil på högst
sv|  # {{MAXLOGO}} och {{MAXPIXELS}} bildpunkter; sökvägen räknas från mappen
sv|  # som den här filen ligger i.
en|  # Logo printed on the documents. Optional. A PNG or JPEG file of at
en|  # most {{MAXLOGO}} and {{MAXPIXELS}} pixels; the path is relative to the
en|  # folder this file is in.
  {{#}}logo: logo.png

sv|# Byggnaden som dokumenten gäller. Krävs.
en|# The building the documents are for. Required.
property:
sv|  # Byggnadens eller kvarterets namn. Valfritt, högst 80 tecken.
en|  # Name of the building or block. Optional, at most 80 characters.
  name: Kvarteret Exemplet{{REPLACE}}
sv|  # Gatuadress. Krävs, högst 100 tecken.
en|  # Street address. Required, at most 100 characters.
  address: Exempelgatan 7{{REPLACE}}
sv|  # Postnummer. Krävs. Skrivs som text, t.ex. 449 30 eller 44930.
en|  # Postal code. Required. Written as text, e.g. 449 30 or 44930.
  postal_code: "000 00"{{REPLACE}}
sv|  # Ort. Krävs, högst 80 tecken.
en|  # City or town. Required, at most 80 characters.
  city: Exempelstad{{REPLACE}}
sv|  # Uppgångar (trapphus). Valfritt. En affisch görs för varje; varje
sv|  # uppgång har högst 20 tecken och står med en gång. Högst
sv|  # {{MAXENTRANCES}} uppgångar.
en|  # Entrances (stairwells). Optional. One poster is made for each; each
en|  # entrance has at most 20 characters and is listed once. At most
en|  # {{MAXENTRANCES}} entrances.
  entrances: [7A, 7B]
sv|  # Antal lägenheter: hur många lappar som ska skrivas ut. Valfritt, ett
sv|  # heltal från 1 till 100000; visas på försättsbladet i en batchs
sv|  # tryckfil.
en|  # Number of apartments: how many leaflets to print. Optional, a whole
en|  # number from 1 to 100000; shown on the cover of a batch's print file.
  apartments: 24

sv|# Lokala nummer som skrivs ut efter larmnumren, i den här ordningen.
sv|# Valfritt. Varje kontakt börjar med "- name:"; name och phone krävs,
sv|# hours (högst 60 tecken) och note (högst 200) är valfria. Högst
sv|# {{MAXCONTACTS}} kontakter. Skriv kommunens socialtjänst här: en kontakt
sv|# vars namn innehåller "socialtjänst" står i rutan om oro för ett barn.
sv|# Med en fil med gemensamma värden (--defaults) tar "name: X" och
sv|# remove: true bort den ärvda kontakten X.
en|# Local numbers printed after the emergency numbers, in this order.
en|# Optional. Each contact starts with "- name:"; name and phone are
en|# required, hours (at most 60 characters) and note (at most 200) are
en|# optional. At most {{MAXCONTACTS}} contacts. Put your municipality's
en|# social services here: a contact whose name contains "socialtjänst" is
en|# printed in the box about concern for a child.
en|# With defaults (--defaults), "name: X" plus remove: true drops the
en|# inherited contact X.
contacts:
  - name: Socialtjänsten, Exempel kommun{{REPLACE}}
    phone: 070-174 06 91{{REPLACE}}
    note: Fråga efter en handläggare på socialtjänsten.
  {{#}}- name: Jourhavande socialsekreterare
  {{#}}  phone: 070-174 06 92{{REPLACE}}
  {{#}}  hours: kvällar och helger
sv|# En kontakts tider och anteckning, och QR-kodens text, skrivs på
sv|# fastighetens språk. Med flera språk kan de ges med en rad per språk;
sv|# ett språk utan egen rad får den första:
en|# A contact's hours and note, and the QR caption, are in the property's
en|# language; with several languages they may be given one line per
en|# language, and a language without its own line prints the first one:
#    note:
#      sv: Fråga efter en handläggare på socialtjänsten.
#      en: Ask for a social services officer (handläggare).

sv|# Ordningen på policyns tre steg. Valfritt. Standard: [police, others,
sv|# knock], kommunens ordning: ring polisen först, ta hjälp av andra,
sv|# knacka på bara om det är säkert. Den äldre nationella texten har dem
sv|# i omvänd ordning: [knock, others, police].
en|# The order of the policy's three steps. Optional. Default: [police,
en|# others, knock], the municipality's order: call the police first, get
en|# help from others, knock on the door only if it is safe. The older
en|# national wording lists them the other way round: [knock, others, police].
#steps: [police, others, knock]

sv|# Nationella stödlinjer som skrivs ut, med id, i den här ordningen.
sv|# Valfritt. Standard: [{{DEFAULT}}]. Skriv [] för att inte skriva ut
sv|# någon. Finns: {{LINES}}.
en|# National support lines to print, by id, in this order. Optional.
en|# Default: [{{DEFAULT}}]. Write [] to print none.
en|# Known ids: {{LINES}}.
support_lines: [kvinnofridslinjen, bris]

sv|# Länken som skrivs ut som QR-kod. Krävs.
en|# The link printed as a QR code. Required.
qr:
sv|  # Adressen som QR-koden öppnar. Krävs. Måste börja med https://; den
sv|  # läggs in i koden precis som den står. Kortare länkar ger en QR-kod
sv|  # som är lättare att läsa av.
en|  # Address the QR code opens. Required. Must start with https://; it is
en|  # put into the code exactly as written. Shorter links give a QR code
en|  # that is easier to scan.
  url: https://www.exempelbolaget.example/huskurage{{REPLACE}}
sv|  # Text bredvid koden. Valfritt, högst 80 tecken.
en|  # Text printed next to the code. Optional, at most 80 characters.
  caption: Läs mer om Huskurage

sv|# Accentfärg. Valfritt; utelämna den för standardfärgen.
en|# Accent colour. Optional; leave it out for the default.
theme:
sv|  # Skrivs "#RRGGBB", inom citattecken (annars börjar # en kommentar).
sv|  # Vit text trycks på den, så den måste vara mörk nog: en kontrast på
sv|  # minst 4,5:1 mot vitt.
en|  # Written "#RRGGBB", in quotes (# starts a comment otherwise). White
en|  # text is printed on it, so it must be dark enough: a contrast of at
en|  # least 4.5:1 with white.
  color: "#1F4E79"
`

// logoSide is the side of the largest square logo.
var logoSide = int(math.Sqrt(MaxLogoPixels))

// StarterLanguages are the languages `huskurage init` writes its
// comments in; the first is the default.
var StarterLanguages = []string{"sv", "en"}

// replaceNote is what {{REPLACE}} becomes in each language.
var replaceNote = map[string]string{"sv": "  # byt ut", "en": "  # replace"}

// StarterMark returns the comment that marks an example value in the
// starter file in lang ("# byt ut"), or "".
func StarterMark(lang string) string { return strings.TrimSpace(replaceNote[lang]) }

// Starter returns a commented property file for `huskurage init` that
// documents every field, with its comments in lang, one of
// StarterLanguages. Its example values are marked, and the loader
// refuses each of them (see StarterValues) until it is replaced.
func Starter(lang string) ([]byte, error) {
	note, ok := replaceNote[lang]
	if !ok {
		return nil, fmt.Errorf("no starter file in %q (choose one of %s)", lang, strings.Join(StarterLanguages, ", "))
	}
	return []byte(renderStarter(lang, "#", note)), nil
}

// renderStarter fills in starterText for lang, with hash for {{#}} and
// note for {{REPLACE}}.
func renderStarter(lang, hash, note string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(starterText, "\n") {
		if l, text, ok := strings.Cut(line, "|"); ok && len(l) == 2 && !strings.ContainsAny(l, " #") {
			if l != lang {
				continue
			}
			line = text
		}
		b.WriteString(line)
	}
	r := strings.NewReplacer(
		"{{#}}", hash,
		"{{REPLACE}}", note,
		"{{LANGUAGES}}", strings.Join(templates.Codes(), ", "),
		"{{LINES}}", strings.Join(helpline.IDs(), ", "),
		"{{DEFAULT}}", strings.Join(helpline.Default, ", "),
		"{{MAXLOGO}}", fmt.Sprintf("%d MiB", MaxLogoSize>>20),
		"{{MAXPIXELS}}", fmt.Sprintf("%d×%d", logoSide, logoSide),
		"{{MAXENTRANCES}}", fmt.Sprint(MaxEntrances),
		"{{MAXCONTACTS}}", fmt.Sprint(MaxContacts),
	)
	return r.Replace(b.String())
}

// starterMark is the comment that marks a value to replace when the
// starter is read for its values.
const starterMark = "#starter-value"

// starterValues maps the field path of each example value in the starter
// ("contacts[].phone" for any contact's phone) to the values as written
// there. It is read from starterText itself, with the commented-out
// fields switched on, so that it cannot drift from the file that init
// writes.
var starterValues = func() map[string][]string {
	src := renderStarter(StarterLanguages[0], "", " "+starterMark)
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		panic("property: the starter text with its fields switched on is not YAML: " + err.Error())
	}
	out := map[string][]string{}
	walkValues(&doc, "", "", func(pattern, _ string, n *yaml.Node) {
		if n.LineComment == starterMark {
			out[pattern] = append(out[pattern], n.Value)
		}
	})
	return out
}()

// walkValues calls f for every scalar that is a field's value or a list
// item, with its field path twice: as a pattern, where a list item is
// "[]" whatever its place, and as the path errors use ("contacts[1]").
func walkValues(n *yaml.Node, pattern, path string, f func(pattern, path string, n *yaml.Node)) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			walkValues(c, pattern, path, f)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode {
				walkValues(n.Content[i+1], join(pattern, k.Value), join(path, clip(k.Value)), f)
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			walkValues(c, pattern+"[]", index(path, i), f)
		}
	case yaml.ScalarNode:
		if !isNull(n) {
			f(pattern, path, n)
		}
	}
}

// valueKey is what two values must share to be the same example: their
// letters and digits, in lower case, so that "070-174 06 90" and
// "0701740690", or a link with a slash at the end, are both caught.
func valueKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// starterNouns name what a field holds, for the hint.
var starterNouns = map[string]string{
	"name": "name", "phone": "phone number", "email": "e-mail address", "website": "website",
	"address": "street address", "postal_code": "postal code", "city": "city", "url": "link",
}

// refuseStarterValues reports every value that is still one of the
// starter file's examples: none may reach a printed page.
func (l *loader) refuseStarterValues(root *yaml.Node) {
	walkValues(root, "", "", func(pattern, path string, n *yaml.Node) {
		key := valueKey(n.Value)
		if key == "" {
			return
		}
		for _, v := range starterValues[pattern] {
			if valueKey(v) != key {
				continue
			}
			noun := starterNouns[pattern[strings.LastIndex(pattern, ".")+1:]]
			if noun == "" {
				noun = "value"
			}
			l.addAt(n, path, fmt.Sprintf("%q is the example from `huskurage init`, not a real %s", clip(n.Value), noun),
				fmt.Sprintf("replace it with your own %s; the starter's examples are never printed", noun))
			return
		}
	})
}
