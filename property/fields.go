package property

// Length limits for text fields, in characters.
const (
	maxName       = 80
	maxAddress    = 100
	maxPostalCode = 12
	maxNote       = 200
	maxHours      = 60
	maxCaption    = 80
	maxEntrance   = 20
	maxEmail      = 100
	maxWebsite    = 100
	maxLogoPath   = 1000
	maxErrors     = 50
)

// Field names valid at each level of the file, in the order the starter
// file shows them.
var (
	topKeys      = []string{"version", "id", "language", "languages", "landlord", "property", "contacts", "steps", "support_lines", "qr", "theme"}
	landlordKeys = []string{"name", "phone", "email", "website", "logo"}
	buildingKeys = []string{"name", "address", "postal_code", "city", "entrances", "apartments"}
	contactKeys  = []string{"name", "phone", "hours", "note", "remove"}
	qrKeys       = []string{"url", "caption"}
	themeKeys    = []string{"color"}
)
