// Package benchdata holds what the benchmarks of several packages share:
// the varied properties a municipality's batch is made of, and the
// process's CPU time, by which they report their cost (on a machine
// shared with other work it tells code apart better than the clock).
// Only tests import it.
package benchdata

import (
	"fmt"
	"syscall"
	"time"
)

// Property is the YAML of property i of a generated municipality: each
// its own address, landlord, phone numbers and entrances, and link as
// its QR code's link. scripts/bench-batch.sh writes the same properties.
func Property(i int, link string) string {
	return fmt.Sprintf(`id: prop-%05d
landlord:
  name: Bostadsbolaget %d
  phone: 0303-70 %02d %02d
property:
  address: Storgatan %d
  postal_code: "449 %02d"
  city: Nödinge
  entrances: [%dA, %dB]
contacts:
  - name: Socialtjänsten, kontaktcenter
    phone: 0303-70 30 00
    hours: vardagar 8–16
  - name: Fastighetsjouren
    phone: 031-390 06 %02d
support_lines: [kvinnofridslinjen, bris]
qr:
  url: %s
`, i, i%37, i%100, (i/100)%100, 1+i%200, i%100, 1+i%9, 1+i%9, i%100, link)
}

// OwnLink is property i's own link, as a municipality's ?hus=ID links are.
func OwnLink(i int) string { return fmt.Sprintf("https://example.org/huskurage?hus=%05d", i) }

// CPUTime returns the CPU time the process has used so far, user and
// system, all threads and the collector's included.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
