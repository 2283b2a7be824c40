package memo

import (
	"fmt"
	"maps"
	"strings"
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

// TestPutOverAKeyHeld checks that putting a key the newer generation
// holds, when it is full, replaces its value and drops nothing.
func TestPutOverAKeyHeld(t *testing.T) {
	t.Parallel()
	m := New[int, string](4)
	for k := range 8 { // two full generations: 0-3 older, 4-7 newer
		m.Put(k, fmt.Sprint(k))
	}
	m.Put(6, "six")
	// Looked at inside: a Get would move what it finds.
	want := map[int]string{4: "4", 5: "5", 6: "six", 7: "7"}
	if !maps.Equal(m.cur, want) || len(m.old) != 4 {
		t.Errorf("newer %v, older %v; want newer %v and the older four", m.cur, m.old, want)
	}
}

// BenchmarkMissThenPut is the text engine's use of a Map for a text not
// held: a Get that finds nothing, then a Put, with paragraph-long keys.
func BenchmarkMissThenPut(b *testing.B) {
	keys := make([]string, 1<<14)
	for i := range keys {
		keys[i] = fmt.Sprintf("%05d %s", i, strings.Repeat("Om du är orolig för att en granne far illa ", 10))
	}
	m := New[string, int](1 << 12)
	i := 0
	for b.Loop() {
		k := keys[i%len(keys)]
		if _, ok := m.Get(k); !ok {
			m.Put(k, i)
		}
		i++
	}
}
