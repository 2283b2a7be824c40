package web

import (
	"slices"
	"strings"

	"huskurage/kind"
	"huskurage/pipeline"
)

// docFlags are the command's flags for the choices of documents o and
// sheets: --poster-size A3, --poster-langs sv,ar, --print-sheets office.
func docFlags(o pipeline.Options, sheets string) []string {
	var out []string
	for _, k := range kind.All {
		if size := o.Sizes[k]; size != "" {
			out = append(out, "--"+k.Name+"-size", size)
		}
		if pair := o.Pairs[k]; len(pair) == 2 {
			out = append(out, "--"+k.Name+"-langs", strings.Join(pair, ","))
		}
	}
	if sheets != "" {
		out = append(out, "--print-sheets", sheets)
	}
	return out
}

// docsOfHeader reads the choices of documents back from the command in
// a property file's first comment (header), as the form made it: so
// that a file uploaded again next year makes the same documents.
func docsOfHeader(comment string) docs {
	d := docs{Sizes: map[string]string{}, Pairs: map[string]string{}}
	for _, line := range strings.Split(comment, "\n") {
		args := strings.Fields(strings.TrimLeft(line, "# "))
		if len(args) < 2 || args[0] != "huskurage" || args[1] != "build" {
			continue
		}
		for i := 0; i+1 < len(args); i++ {
			flag, val := strings.TrimPrefix(args[i], "--"), args[i+1]
			switch {
			case flag == "print-sheets" && (val == pipeline.SheetsOffice || val == pipeline.SheetsShop):
				d.Sheets = val
			case strings.HasSuffix(flag, "-size"):
				if k := kind.Named(strings.TrimSuffix(flag, "-size")); k != nil && slices.Contains(k.Sizes, val) {
					d.Sizes[k.Name] = val
				}
			case strings.HasSuffix(flag, "-langs"):
				if k := kind.Named(strings.TrimSuffix(flag, "-langs")); k != nil && k.Pair != nil {
					d.Pairs[k.Name] = val
				}
			}
		}
	}
	return d
}
