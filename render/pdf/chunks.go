package pdf

import (
	"bytes"
	"encoding/binary"
	"hash/adler32"
	"hash/maphash"
	"sync"

	"github.com/klauspost/compress/flate"

	"huskurage/internal/memo"
)

// Page contents are compressed in pieces that are cached, because the
// leaflets of a batch differ in a few lines: an address, a landlord, a
// phone number, the QR code of a link. A page's content is cut into
// chunks after lines chosen by the lines' own bytes (so that a changed
// line changes only its own chunk, and the cuts fall in the same places
// in every document); each chunk is compressed on its own, ending on a
// byte boundary (a sync flush), and the compressed chunks, one after the
// other, with a final empty block, make one deflate stream. A chunk seen
// before is not compressed again. The bytes depend only on the content:
// a chunk compresses to the same bytes whether or not it was cached.

const (
	minChunk = 512  // bytes: no cut before this
	maxChunk = 4096 // bytes: a cut at the first line end after this
	cutMask  = 7    // a cut after a line whose hash has these bits clear
	// The cache holds two generations of this many chunks (see package
	// memo): what every page of a batch has stays, a link's QR code or
	// an address goes after a generation.
	chunksKept = 1024
)

// zChunk is a chunk compressed, and the Adler-32 checksum of the chunk.
type zChunk struct {
	plain string // the chunk
	z     []byte
	adler uint32
}

// chunkKey finds a chunk in the cache: a hash of its bytes (a chunk found
// is compared with the one looked for), so that looking costs no copy of
// the chunk.
type chunkKey struct {
	hash uint64
	n    int
}

var chunkSeed = maphash.MakeSeed()

var chunkCache = struct {
	mu sync.Mutex
	m  *memo.Map[chunkKey, zChunk]
}{m: memo.New[chunkKey, zChunk](chunksKept)}

// chunker compresses chunks; pooled.
type chunker struct {
	w   *flate.Writer
	buf bytes.Buffer
}

var chunkers = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return &chunker{w: w}
}}

// appendZlib appends data as a zlib stream.
func appendZlib(out, data []byte) []byte {
	out = append(out, 0x78, 0x01) // deflate, 32 KB window, fastest
	var c *chunker
	sum := uint32(1) // the Adler-32 checksum of no data
	start := 0
	for start < len(data) {
		end := cut(data, start)
		piece := data[start:end]
		key := chunkKey{maphash.Bytes(chunkSeed, piece), len(piece)}
		chunkCache.mu.Lock()
		zc, ok := chunkCache.m.Get(key)
		chunkCache.mu.Unlock()
		if !ok || zc.plain != string(piece) {
			if c == nil {
				c = chunkers.Get().(*chunker)
				defer chunkers.Put(c)
			}
			c.buf.Reset()
			c.w.Reset(&c.buf)
			c.w.Write(piece)
			c.w.Flush() // ends on a byte boundary, not the last block
			zc = zChunk{plain: string(piece), z: bytes.Clone(c.buf.Bytes()), adler: adler32.Checksum(piece)}
			chunkCache.mu.Lock()
			chunkCache.m.Put(key, zc)
			chunkCache.mu.Unlock()
		}
		out = append(out, zc.z...)
		sum = adler32Join(sum, zc.adler, len(piece))
		start = end
	}
	// The final block: stored, empty, marked last.
	out = append(out, 0x01, 0x00, 0x00, 0xff, 0xff)
	return binary.BigEndian.AppendUint32(out, sum)
}

// adler32Join returns the Adler-32 checksum of x followed by y, from
// their checksums and y's length n. With a = 1 + the sum of the bytes and
// b = the sum of the a's after each byte (both modulo 65521), y's bytes
// after x's each add x's a - 1 to a, and so n times that to b.
func adler32Join(x, y uint32, n int) uint32 {
	const mod = 65521
	ax, bx := uint64(x&0xffff), uint64(x>>16)
	ay, by := uint64(y&0xffff), uint64(y>>16)
	a := (ax + ay + mod - 1) % mod
	b := (bx + by + uint64(n%mod)*(ax+mod-1)) % mod
	return uint32(a | b<<16)
}

// cut returns where the chunk of data that starts at start ends: after
// the first line end past minChunk bytes whose line hashes to a cut, or
// past maxChunk bytes, or at the end of data. A line's hash is of its
// last 16 bytes, where lines differ most (the end of a text, the last
// coordinates).
func cut(data []byte, start int) int {
	for i := start; ; {
		nl := bytes.IndexByte(data[i:], '\n')
		if nl < 0 {
			return len(data)
		}
		end := i + nl + 1
		n := end - start
		if n >= maxChunk {
			return end
		}
		if n >= minChunk {
			var h uint32 = 2166136261 // FNV-1a
			for _, c := range data[max(i, end-1-16) : end-1] {
				h = (h ^ uint32(c)) * 16777619
			}
			if h&cutMask == 0 {
				return end
			}
		}
		i = end
	}
}
