package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"huskurage/property"
)

// cancelAfter is a context that cancels itself when its Err is asked for
// the (n+1)th time: a Ctrl-C that arrives at a known point, without
// timers or sleeps.
type cancelAfter struct {
	context.Context
	cancel context.CancelFunc
	n      int64
	calls  atomic.Int64
}

func newCancelAfter(t *testing.T, n int64) *cancelAfter {
	ctx, cancel := context.WithCancel(t.Context())
	return &cancelAfter{Context: ctx, cancel: cancel, n: n}
}

func (c *cancelAfter) Err() error {
	if c.calls.Add(1) > c.n {
		c.cancel()
	}
	return c.Context.Err()
}

// bigProperty is a property with the most entrances allowed.
func bigProperty(t *testing.T, b *Builder) *property.Property {
	t.Helper()
	var entrances []string
	for i := range property.MaxEntrances {
		entrances = append(entrances, fmt.Sprintf("%d", i+1))
	}
	src := `landlord:
  name: Bostads AB Linden
property:
  address: Lindvägen 3
  postal_code: "416 55"
  city: Göteborg
  entrances: [` + strings.Join(entrances, ", ") + `]
qr:
  url: https://linden.example.se/huskurage
`
	p, err := property.Parse([]byte(src), "big.yaml", ".", property.Options{Covers: b.Covers})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Ctrl-C inside a property with 50 entrances stops Build before its
// second document, instead of after all 51.
func TestBuildInterruptedInsideProperty(t *testing.T) {
	t.Parallel()
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	p := bigProperty(t, b)
	ctx := newCancelAfter(t, 1) // the first document is made, then Ctrl-C
	files, err := b.Build(ctx, p, Options{})
	if !errors.Is(err, context.Canceled) || files != nil {
		t.Fatalf("Build = %d files, %v; want none and context.Canceled", len(files), err)
	}
	var list property.ErrorList
	if errors.As(err, &list) {
		t.Errorf("an interruption is reported as a problem with the file: %v", err)
	}
	if calls := ctx.calls.Load(); calls != 2 {
		t.Errorf("Build asked the context %d times; it should stop at the second document", calls)
	}
}
