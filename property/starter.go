package property

import (
	"strings"

	"huskurage/helpline"
)

// starterText is the starter property file. {{LANGUAGES}}, {{LINES}} and
// {{DEFAULT}} are filled in from the live lists so the comments never go
// stale.
const starterText = `# Huskurage property file: one building per file.
#
# Fill in the fields below, then run huskurage to print the poster for
# each entrance and the leaflet for the tenants. Lines that start with #
# are comments and are ignored. Indent with spaces, never with tabs.
# Text that contains ": " or starts with # must be put in "double quotes".
# The landlord and the building below are invented; the contact is Ale
# kommun's contact centre. Replace them all with your own.

# Format version of this file. Optional; if present it must be 1.
version: 1

# Short name used for the output files. Optional. Default: this file's
# name without .yaml, in lower case. Only a-z, 0-9 and '-', at most 64
# characters, not starting or ending with '-'. It is never changed for
# you: if the file name does not give a safe id, write one here.
#id: exempelgatan-7

# Language of the printed documents. Optional. Default: sv.
# Known: {{LANGUAGES}}.
language: sv
# Or print the documents in several languages, one set of files each:
# the first is the main one. Give either language: or languages:.
#languages: [sv, so, uk]

# The landlord or housing cooperative that has adopted Huskurage.
# Required.
landlord:
  # Name as it should be printed. Required, at most 80 characters.
  name: Bostads AB Exempel
  # Phone number for tenants. Optional. Digits, spaces, '-' and one
  # leading '+' only; it is printed exactly as written, so group it the
  # way you want it read.
  #phone: 0303-xx xx xx
  # E-mail address for tenants. Optional.
  #email: info@example.org
  # Website. Optional. Must start with https://.
  #website: https://example.org
  # Logo printed on the documents. Optional. A PNG or JPEG file of at
  # most 5 MiB and 4096×4096 pixels; the path is relative to the folder
  # this file is in. Save PNGs with 8 bits per channel, not interlaced.
  #logo: logo.png

# The building the documents are for. Required.
property:
  # Name of the building or block. Optional, at most 80 characters.
  name: Kvarteret Exemplet
  # Street address. Required, at most 100 characters.
  address: Exempelgatan 7
  # Postal code. Required. Written as text, e.g. 449 30 or 44930.
  postal_code: 449 30
  # City or town. Required, at most 80 characters.
  city: Nödinge
  # Entrances (stairwells). Optional. One poster is made for each; each
  # entrance has at most 20 characters and is listed once.
  entrances: [7A, 7B]
  # Number of apartments: how many leaflets to print. Optional, a whole
  # number from 1 to 100000; shown on the cover of a batch's print file.
  apartments: 24

# Local numbers printed after the emergency numbers, in this order.
# Optional. Each contact starts with "- name:"; name and phone are
# required, hours (at most 60 characters) and note (at most 200) are
# optional.
# With defaults, "name: X" plus remove: true drops inherited contact X.
contacts:
  - name: Socialtjänsten, kontaktcenter
    phone: 0303-70 30 00
    note: Fråga efter en handläggare på socialtjänsten.
  #- name: Jourhavande socialsekreterare
  #  phone: ...
  #  hours: kvällar och helger
# A contact's hours and note, and the QR caption, are in the property's
# language; with several languages they may be given one line per
# language, and a language without its own line prints the first one:
#    note:
#      sv: Fråga efter en handläggare på socialtjänsten.
#      en: Ask for a social services officer (handläggare).

# The order of the policy's three steps. Optional. Default: [police,
# others, knock], the municipality's order: call the police first, get
# help from others, knock on the door only if it is safe. The older
# national wording lists them the other way round: [knock, others, police].
#steps: [police, others, knock]

# National support lines to print, by id, in this order. Optional.
# Default: [{{DEFAULT}}]. Write [] to print none.
# Known ids: {{LINES}}.
support_lines: [kvinnofridslinjen, bris]

# The link printed as a QR code. Required.
qr:
  # Address the QR code opens. Required. Must start with https://; it is
  # put into the code exactly as written. Shorter links give a QR code
  # that is easier to scan.
  url: https://example.org/huskurage
  # Text printed next to the code. Optional, at most 80 characters.
  caption: Läs mer om Huskurage

# Accent colour. Optional; leave it out for the default.
theme:
  # Written "#RRGGBB", in quotes (# starts a comment otherwise). White
  # text is printed on it, so it must be dark enough: a contrast of at
  # least 4.5:1 with white.
  color: "#1F4E79"
`

// Starter returns a commented property file for `huskurage init` that
// documents every field. Saved under a file name that is a safe id (such
// as exempelgatan-7.yaml), it loads without errors.
func Starter() []byte {
	r := strings.NewReplacer(
		"{{LANGUAGES}}", strings.Join(Languages, ", "),
		"{{LINES}}", strings.Join(helpline.IDs(), ", "),
		"{{DEFAULT}}", strings.Join(helpline.Default, ", "),
	)
	return []byte(r.Replace(starterText))
}
