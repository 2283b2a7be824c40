package memo

import (
	"fmt"
	"testing"
)

// What is asked for in every generation stays, whatever else comes and
// goes; what is not asked for again is forgotten after a generation; the
// map never holds more than two generations.
func TestKeepsWhatIsUsed(t *testing.T) {
	t.Parallel()
	m := New[string, int](8)
	shared := []string{"policy", "heading", "support"}
	for _, k := range shared {
		m.Put(k, len(k))
	}
	for doc := range 1000 {
		for _, k := range shared {
			if v, ok := m.Get(k); !ok || v != len(k) {
				t.Fatalf("document %d: %q gives %d, %v; want %d, kept", doc, k, v, ok, len(k))
			}
		}
		own := fmt.Sprint("address ", doc)
		if _, ok := m.Get(own); ok {
			t.Fatalf("document %d: %q found before it was put", doc, own)
		}
		m.Put(own, doc)
		if v, ok := m.Get(own); !ok || v != doc {
			t.Fatalf("document %d: %q gives %d, %v just after it was put", doc, own, v, ok)
		}
		if m.Len() > 16 {
			t.Fatalf("document %d: %d entries, want at most 2×8", doc, m.Len())
		}
	}
	if _, ok := m.Get("address 0"); ok {
		t.Error("address 0, not asked for since the first document, is still held")
	}
}

// A map of one entry a generation still holds the latest.
func TestSmallest(t *testing.T) {
	t.Parallel()
	m := New[int, int](0)
	for i := range 10 {
		m.Put(i, i*i)
		if v, ok := m.Get(i); !ok || v != i*i || m.Len() > 2 {
			t.Fatalf("%d: %d, %v, %d entries", i, v, ok, m.Len())
		}
	}
}
