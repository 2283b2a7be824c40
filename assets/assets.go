// Package assets embeds the fonts that every document is set in, so that
// nothing is read from the user's machine at run time.
package assets

import _ "embed"

// Font files (Noto Sans subsets; see fonts/README.md and fonts/OFL.txt).
var (
	//go:embed fonts/NotoSans-Regular.ttf
	NotoSansRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	NotoSansBold []byte
)

// Ethiopic, for Tigrinya and Amharic (Noto Sans Ethiopic subsets).
var (
	//go:embed fonts/NotoSansEthiopic-Regular.ttf
	NotoSansEthiopicRegular []byte
	//go:embed fonts/NotoSansEthiopic-Bold.ttf
	NotoSansEthiopicBold []byte
)

// Arabic script, for Arabic, Persian and Sorani (Noto Sans Arabic subsets).
var (
	//go:embed fonts/NotoSansArabic-Regular.ttf
	NotoSansArabicRegular []byte
	//go:embed fonts/NotoSansArabic-Bold.ttf
	NotoSansArabicBold []byte
)
