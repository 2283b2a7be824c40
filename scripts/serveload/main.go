// Command serveload puts a bounded load on a huskurage serve on loopback
// and reports what it saw: requests per second, latency percentiles by
// kind of request, and every answer that was not 200 (the designed 503s
// counted apart). scripts/bench-serve.sh runs it; it is not a test.
//
//	go run ./scripts/serveload -url http://127.0.0.1:8080 -clients 50 -duration 30s
//
// Each client is a landlord at the form: it asks for a preview of a
// property that changes as if typed (a new postal code, address or
// entrance each time), and every -download'th request downloads the ZIP
// file instead. -think is the pause between a client's requests (a
// person's typing, debounced by the page's script); after a 503 a client
// waits as long as Retry-After says, as the page's script does.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	target := flag.String("url", "", "the server, e.g. http://127.0.0.1:8080 (loopback only)")
	clients := flag.Int("clients", 50, "clients at once")
	duration := flag.Duration("duration", 30*time.Second, "how long to run")
	maxReq := flag.Int("max", 100000, "the most requests in all")
	download := flag.Int("download", 5, "every N-th request of a client downloads the ZIP file; 0 for none")
	think := flag.Duration("think", 0, "pause between a client's requests")
	flag.Parse()
	u, err := url.Parse(*target)
	if err != nil || !loopback(u.Hostname()) {
		fmt.Fprintln(os.Stderr, "serveload: -url must be a server on loopback (127.0.0.1, localhost, [::1])")
		os.Exit(2)
	}
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *clients}}
	type result struct {
		kind   string
		status int
		d      time.Duration
	}
	var (
		mu      sync.Mutex
		results []result
		sent    int
	)
	deadline := time.Now().Add(*duration)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range *clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				mu.Lock()
				if sent >= *maxReq {
					mu.Unlock()
					return
				}
				sent++
				mu.Unlock()
				kind, path := "preview", "/preview"
				if *download > 0 && i%*download == *download-1 {
					kind, path = "download", "/"
				}
				body, ctype := form(c, i, kind == "download")
				t0 := time.Now()
				status := 0
				resp, err := client.Post(*target+path, ctype, body)
				retry := time.Duration(0)
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					status = resp.StatusCode
					if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && status == 503 {
						retry = time.Duration(min(s, 10)) * time.Second
					}
				}
				mu.Lock()
				results = append(results, result{kind, status, time.Since(t0)})
				mu.Unlock()
				// As the page's script does: wait as long as the server asks.
				time.Sleep(retry)
				if *think > 0 {
					time.Sleep(*think)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	fmt.Printf("%d clients, %s, %d requests: %.1f requests/s\n", *clients, elapsed.Round(time.Millisecond), len(results),
		float64(len(results))/elapsed.Seconds())
	for _, kind := range []string{"preview", "download"} {
		var ok []time.Duration
		statuses := map[int]int{}
		for _, r := range results {
			if r.kind != kind {
				continue
			}
			statuses[r.status]++
			if r.status == 200 {
				ok = append(ok, r.d)
			}
		}
		if len(statuses) == 0 {
			continue
		}
		slices.Sort(ok)
		pct := func(p float64) string {
			if len(ok) == 0 {
				return "-"
			}
			return ok[min(len(ok)-1, int(p*float64(len(ok))))].Round(time.Millisecond).String()
		}
		var other []string
		for s, n := range statuses {
			if s != 200 {
				other = append(other, fmt.Sprintf("%d×%d", n, s))
			}
		}
		slices.Sort(other)
		fmt.Printf("%-8s %6d ok   p50 %-7s p95 %-7s p99 %-7s   not 200: %s\n", kind, len(ok), pct(.50), pct(.95), pct(.99),
			strings.Join(append(other, "none")[:max(1, len(other))], ", "))
	}
}

func loopback(host string) bool {
	return host == "localhost" || host == "::1" || strings.HasPrefix(host, "127.")
}

// form is a client's property at its i-th keystroke: what a landlord has
// typed so far, a little different each time so that nothing is the same
// twice.
func form(c, i int, download bool) (io.Reader, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	kv := [][2]string{
		{"landlord.name", fmt.Sprintf("Brf Linden %d", c)},
		{"property.address", fmt.Sprintf("Storgatan %d", 1+i%97)},
		{"property.postal_code", fmt.Sprintf("4%02d %02d", c%100, i%100)},
		{"property.city", "Nödinge"},
		{"property.entrances", fmt.Sprintf("%dA", 1+i%9)},
		{"property.entrances", fmt.Sprintf("%dB", 1+i%9)},
		{"property.apartments", fmt.Sprint(10 + i%40)},
		{"contacts[0].name", "Socialtjänsten, kontaktcenter"},
		{"contacts[0].phone", "0303-70 30 00"},
		{"qr.url", fmt.Sprintf("https://example.se/h/%d/%d", c, i)},
	}
	if download {
		kv = append(kv, [2]string{"do", "download"})
	}
	for _, p := range kv {
		mw.WriteField(p[0], p[1])
	}
	mw.Close()
	return &b, mw.FormDataContentType()
}
