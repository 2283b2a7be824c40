// Package memo keeps results worth not computing again, within a bound,
// forgetting those not asked for lately.
//
// A batch's documents share most of their texts and page pieces (the
// policy, the headings, the support lines) and differ in a few (an
// address, a landlord, a link). A cache emptied whole when full makes
// every document after that point compute the shared ones again: with
// 10,000 varied leaflets the text engine's cache of wrapped lines was
// emptied every hundred leaflets, and a leaflet wrapped 40 texts where 9
// were new. Map instead keeps two generations: when the newer is full,
// the older is dropped and the newer becomes the older; a result found in
// the older is moved to the newer. What every document asks for is never
// dropped, what only one asked for is dropped after a generation.
package memo

// Map is a bounded memo from K to V: at most 2×max entries. The zero Map
// is not usable; make one with New. It is not safe for concurrent use,
// Get included (it moves what it finds).
type Map[K comparable, V any] struct {
	cur, old map[K]V
	max      int
}

// New returns a Map that holds n entries in each of its generations (at
// least one).
func New[K comparable, V any](n int) *Map[K, V] {
	n = max(n, 1)
	return &Map[K, V]{cur: make(map[K]V, n), old: make(map[K]V, n), max: n}
}

// Get returns the value of k, if it was put lately.
func (m *Map[K, V]) Get(k K) (V, bool) {
	if v, ok := m.cur[k]; ok {
		return v, true
	}
	v, ok := m.old[k]
	if ok {
		delete(m.old, k)
		m.Put(k, v)
	}
	return v, ok
}

// Put sets the value of k.
func (m *Map[K, V]) Put(k K, v V) {
	// Whether cur holds k matters only when it is full: asked first, it
	// cost a lookup (a hash of the key, a whole text for the text
	// engine's caches) for every Put.
	if len(m.cur) >= m.max {
		if _, ok := m.cur[k]; !ok {
			clear(m.old)
			m.cur, m.old = m.old, m.cur
		}
	}
	m.cur[k] = v
}

// Len returns the number of entries held.
func (m *Map[K, V]) Len() int { return len(m.cur) + len(m.old) }
