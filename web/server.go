package web

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"

	"go.yaml.in/yaml/v3"
	"golang.org/x/sync/semaphore"

	"huskurage/input"
	"huskurage/pipeline"
	"huskurage/property"
	"huskurage/templates"
)

//go:embed tmpl/*.tmpl
var tmplFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Limits. Every request body is cut off past its limit, before it is
// parsed; a form whose body is too large gets a 413.
const (
	// MaxFormBytes bounds a posted form (check, preview, download,
	// upload): a logo of up to 5 MiB (property.MaxLogoSize) may come
	// twice, as a newly chosen file and carried from the page before as
	// base64 (6.7 MiB), besides the fields.
	MaxFormBytes = 12 << 20
	// MaxBatchBytes bounds a municipality's upload: its spreadsheet or
	// property files, a defaults file and the logos they name.
	MaxBatchBytes = 32 << 20
	// MaxBatchFiles is the most files one batch upload may hold.
	MaxBatchFiles = 200
	// MaxBatchProperties is the most properties (rows) one batch upload
	// may make; the command line's batch has no such limit.
	MaxBatchProperties = 500
	// DefaultBatchOutput bounds the ZIP file one batch upload makes, held
	// in memory (Config.BatchOutput): a few KiB of YAML may ask for 50
	// entrances in 15 languages for every property. 500 Swedish
	// properties with their print sheets come to about 200 MiB.
	DefaultBatchOutput = 256 << 20
	// PreviewDPI is the resolution of the preview's pictures: an A4
	// poster is 397 × 562 pixels, sharp enough to read the headings.
	PreviewDPI = 48
	// PreviewEntrances and PreviewLanguages bound the preview: it shows
	// the posters of a property's first 3 entrances in its first 4
	// languages, with the leaflet in each, at most 20 pictures (about
	// 0.15 s of CPU and 2 MB), where 50 entrances in 15 languages
	// would be 728 (4.8 s and 89 MB at every keystroke). The download
	// has every document.
	PreviewEntrances = 3
	PreviewLanguages = 4
	// DefaultBodies bounds the request bodies held in memory at once
	// (Config.Bodies): two batch uploads, or five forms with large
	// logos. A body in memory costs about twice its size while it is
	// parsed (the multipart reader's buffer, then our copy); without a
	// bound, 20 batch uploads of 31 MiB at once took the server to
	// 1.9 GB.
	DefaultBodies = 2 * MaxBatchBytes
	// DefaultBodyRate and DefaultBodyGrace pace a body that holds a
	// share of the budget (Config.BodyRate): after 10 s, 32 KiB a
	// second on average (a quarter of a megabit, a poor mobile line: a
	// logo of 4 MiB on it takes 2 minutes, the ReadTimeout).
	DefaultBodyRate  = 32 << 10
	DefaultBodyGrace = 10 * time.Second
	// ReadTimeout is the most time a request may take to arrive, its
	// body too (an upload of up to 32 MiB on a slow line).
	ReadTimeout = 2 * time.Minute
)

// Config is how a Server runs.
type Config struct {
	// Defaults is a defaults file merged under every property, or "":
	// a municipality's shared values, shown in the form as inherited.
	Defaults string
	// Texts are the languages; nil means the embedded ones.
	Texts *templates.Set
	// Renders is how many documents are made at once; 0 means one per
	// CPU. A request that finds them all busy waits for one, up to
	// Queue requests for up to Wait; beyond that it gets 503 Service
	// Unavailable with Retry-After. Queue 0 means 8 per render, Wait 0
	// means 10 s.
	Renders, Queue int
	Wait           time.Duration
	// Bodies is the most bytes of request bodies read into memory at
	// once; 0 means DefaultBodies. A request takes its share (its
	// Content-Length, at most its route's limit) before its body is
	// read, waiting up to Wait for it; beyond that it gets 503.
	Bodies int64
	// BodyRate and BodyGrace pace a body that holds a share of Bodies:
	// after BodyGrace, it must arrive at BodyRate bytes a second on
	// average, or the request is cut off (408) and its share freed, so
	// that a client sending nothing cannot hold a share for the whole
	// ReadTimeout. 0 means DefaultBodyRate and DefaultBodyGrace.
	BodyRate  int64
	BodyGrace time.Duration
	// BatchOutput is the most bytes of documents one batch upload may
	// make; 0 means DefaultBatchOutput. Beyond it the batch stops and
	// says so.
	BatchOutput int
	// Log gets one line per request; nil means slog.Default().
	Log *slog.Logger
}

// Server is the web form. It keeps no state between requests: no
// cookies, no sessions, nothing on disk; any number of them may stand
// behind one load balancer.
type Server struct {
	cfg          Config
	defaults     *property.Defaults
	defaultsName string // the defaults file's base name, for the page
	// inherited are the languages, steps and support lines a property
	// gets when it gives none; inheritedForm the defaults' values as a
	// form, shown beside the inputs.
	inherited     values
	inheritedForm *form
	langs         []*templates.Language
	tmpl          map[string]*template.Template // by the page's language
	// builders are the renders: a request takes one to make documents
	// (a Builder is not safe for two goroutines) and puts it back.
	builders chan *pipeline.Builder
	waiting  atomic.Int64
	// bodies is the budget of request bodies in memory, in bytes.
	bodies *semaphore.Weighted
	log    *slog.Logger
}

// New makes a Server. A defaults file with problems is an error, with
// the loader's messages.
func New(cfg Config) (*Server, error) {
	if cfg.Renders <= 0 {
		cfg.Renders = runtime.NumCPU()
	}
	if cfg.Queue <= 0 {
		cfg.Queue = 8 * cfg.Renders
	}
	if cfg.Wait <= 0 {
		cfg.Wait = 10 * time.Second
	}
	if cfg.Bodies <= 0 {
		cfg.Bodies = DefaultBodies
	}
	if cfg.BodyRate <= 0 {
		cfg.BodyRate = DefaultBodyRate
	}
	if cfg.BodyGrace <= 0 {
		cfg.BodyGrace = DefaultBodyGrace
	}
	if cfg.BatchOutput <= 0 {
		cfg.BatchOutput = DefaultBatchOutput
	}
	s := &Server{cfg: cfg, inherited: builtin, inheritedForm: newForm("sv"), log: cfg.Log,
		builders: make(chan *pipeline.Builder, cfg.Renders), bodies: semaphore.NewWeighted(cfg.Bodies)}
	if s.log == nil {
		s.log = slog.Default()
	}
	for _, code := range cfg.Texts.Codes() {
		l, err := cfg.Texts.Load(code)
		if err != nil {
			return nil, err
		}
		s.langs = append(s.langs, l)
	}
	for range cfg.Renders {
		b, err := pipeline.New()
		if err != nil {
			return nil, err
		}
		b.Texts = cfg.Texts
		s.builders <- b
	}
	if cfg.Defaults != "" {
		if err := s.loadDefaults(cfg.Defaults); err != nil {
			return nil, err
		}
	}
	s.tmpl = map[string]*template.Template{}
	for _, ui := range []string{"sv", "en"} {
		funcs := template.FuncMap{
			"w":  func(key string) string { return word(key, ui) },
			"ww": word,
			"wf": func(key string, args ...any) string { return fmt.Sprintf(word(key, ui), args...) },
		}
		t, err := template.New("").Funcs(funcs).ParseFS(tmplFiles, "tmpl/*.tmpl")
		if err != nil {
			return nil, err
		}
		s.tmpl[ui] = t
	}
	return s, nil
}

// loadDefaults reads the defaults file: checked as `--defaults` is, and
// read as a form for the page to show what is inherited.
func (s *Server) loadDefaults(path string) error {
	src, err := input.Read(path, property.MaxFileSize)
	if err != nil {
		return fmt.Errorf("defaults: %w", err)
	}
	b := <-s.builders
	defer func() { s.builders <- b }()
	d, err := property.ParseDefaults(src, path, filepath.Dir(path), b.PropertyOptions(nil))
	if err != nil {
		return err
	}
	s.defaults, s.defaultsName = d, filepath.Base(path)
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err == nil && len(root.Content) == 1 {
		s.inheritedForm = fromNode(root.Content[0], "sv", builtin, nil)
	}
	if l := s.inheritedForm.Languages; l != nil {
		s.inherited.Languages = l
	}
	if st := s.inheritedForm.Steps; st != nil {
		s.inherited.Steps = st
	}
	if l := s.inheritedForm.Lines; l != nil {
		s.inherited.Lines = l
	}
	return nil
}

// Handler returns the server's routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFiles, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheFor(http.FileServerFS(static), time.Hour)))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /{$}", s.getForm)
	mux.Handle("POST /{$}", s.limit(MaxFormBytes, s.postForm))
	mux.Handle("POST /preview", s.limit(MaxFormBytes, s.postPreview))
	mux.Handle("POST /upload", s.limit(MaxFormBytes, s.postUpload))
	mux.HandleFunc("GET /kommun", s.getBatch)
	mux.Handle("POST /kommun", s.limit(MaxBatchBytes, s.postBatch))
	return s.logged(secure(mux))
}

// HTTPServer is an http.Server for the handler on addr, with the
// timeouts a server open to a network needs: the header within 10 s,
// the whole request (an upload of up to 32 MiB on a slow line) within
// 2 minutes, the answer (a large batch) within 5, an idle connection
// kept 2 minutes.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{Addr: addr, Handler: s.Handler(),
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: ReadTimeout,
		WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10,
		ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelWarn)}
}

// contentPolicy allows the page our own style and script only, pictures
// from itself and data: URIs (the preview, the logo), requests to
// itself, forms to itself; nothing from anywhere else.
const contentPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// secure sets the headers every answer carries.
func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		if hd.Get("Cache-Control") == "" {
			hd.Set("Cache-Control", "no-store")
		}
		h.ServeHTTP(w, r)
	})
}

func cacheFor(h http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(int(d.Seconds())))
		h.ServeHTTP(w, r)
	})
}

// limit cuts a request's body off past n bytes, and holds the body's
// share of the memory budget (Config.Bodies) while the request is
// answered: its Content-Length, or n when it does not say. A request
// that finds the budget spent waits for its share as a render is
// waited for, then gets 503 with Retry-After, before its body is read.
func (s *Server) limit(n int64, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		share := min(n, s.cfg.Bodies)
		if r.ContentLength >= 0 {
			share = min(share, r.ContentLength)
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Wait)
		err := s.bodies.Acquire(ctx, share)
		cancel()
		if err != nil {
			if r.Context().Err() != nil {
				return // the user left
			}
			// The body is not read: close the connection after the
			// answer rather than read it.
			w.Header().Set("Connection", "close")
			busy(w)
			return
		}
		defer s.bodies.Release(share)
		start := time.Now()
		r.Body = &paced{ReadCloser: r.Body, rc: http.NewResponseController(w), start: start,
			end: start.Add(ReadTimeout), grace: s.cfg.BodyGrace, rate: s.cfg.BodyRate}
		r.Body = http.MaxBytesReader(w, r.Body, n)
		h(w, r)
	})
}

// paced is a body that holds a share of the memory budget: each read
// must end by the time the bytes so far would take at rate, after
// grace (never later than end, the ReadTimeout), so that a client that
// stops sending lets its share go.
type paced struct {
	io.ReadCloser
	rc         *http.ResponseController
	start, end time.Time
	grace      time.Duration
	rate, n    int64
	// done: the body has ended. No deadline is set after it: net/http
	// then waits on the connection for the next request, and a deadline
	// would end that wait, and the request's context with it.
	done bool
}

func (p *paced) Read(b []byte) (int, error) {
	if p.done {
		return p.ReadCloser.Read(b)
	}
	due := p.start.Add(p.grace + time.Duration(float64(p.n+int64(len(b)))/float64(p.rate)*float64(time.Second)))
	if due.After(p.end) {
		due = p.end
	}
	p.rc.SetReadDeadline(due) // an error: the connection cannot say; ReadTimeout holds
	k, err := p.ReadCloser.Read(b)
	p.n += int64(k)
	p.done = err != nil
	return k, err
}

// tooSlow reports whether err is a body that did not come in time, and
// answers it.
func tooSlow(w http.ResponseWriter, err error) bool {
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		return false
	}
	http.Error(w, "the request's body came too slowly; send it again", http.StatusRequestTimeout)
	return true
}

// record is a response that remembers its status and size, for the log.
type record struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *record) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *record) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

func (r *record) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (r *record) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// logged writes one line per request, and turns a panic into a 500 (a
// fault of ours, logged with its place) rather than a dropped
// connection.
func (s *Server) logged(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &record{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v))
				if rec.status == 0 {
					http.Error(rec, "internal fault, please report it", http.StatusInternalServerError)
				}
			}
			s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status,
				"bytes", rec.bytes, "ms", float64(time.Since(start).Microseconds())/1000, "remote", r.RemoteAddr)
		}()
		h.ServeHTTP(rec, r)
	})
}

// acquire takes a render for the request, waiting as Config says; ok is
// false when the server is too busy (answer busy) or the request gone.
func (s *Server) acquire(ctx context.Context) (*pipeline.Builder, bool) {
	select {
	case b := <-s.builders:
		return b, true
	default:
	}
	if s.waiting.Add(1) > int64(s.cfg.Queue) {
		s.waiting.Add(-1)
		return nil, false
	}
	defer s.waiting.Add(-1)
	t := time.NewTimer(s.cfg.Wait)
	defer t.Stop()
	select {
	case b := <-s.builders:
		return b, true
	case <-ctx.Done():
	case <-t.C:
	}
	return nil, false
}

// full reports whether a request for a render now would be refused:
// every render busy and the queue full.
func (s *Server) full() bool {
	return len(s.builders) == 0 && s.waiting.Load() >= int64(s.cfg.Queue)
}

func (s *Server) release(b *pipeline.Builder) {
	b.Files = nil
	s.builders <- b
}

// busy answers a request that found every render busy.
func busy(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "2")
	http.Error(w, "the server is busy making other documents; try again in a moment", http.StatusServiceUnavailable)
}

// tooLarge reports whether err is a body cut off by limit, and answers
// it: a page that says, in both languages (the page's language is in
// the unread body), what the limit is and what to do. Going back in the
// browser keeps what was typed.
func tooLarge(w http.ResponseWriter, err error) bool {
	var mbe *http.MaxBytesError
	if !errors.As(err, &mbe) {
		return false
	}
	mib := mbe.Limit >> 20
	sv := fmt.Sprintf("Det ni skickade är större än %d MiB, det mesta formuläret tar emot.", mib)
	en := fmt.Sprintf("What you sent is larger than %d MiB, the most this form takes.", mib)
	if mbe.Limit == MaxFormBytes {
		sv += fmt.Sprintf(" Oftast är det logotypen, ett foto från mobilen: en logotyp får vara högst %d MiB, och omkring 1000 pixlar bred räcker gott för tryck.", property.MaxLogoSize>>20)
		en += fmt.Sprintf(" Most often it is the logo, a photo from a phone: a logo may be at most %d MiB, and about 1000 pixels across is plenty for print.", property.MaxLogoSize>>20)
	} else {
		sv += " Dela upp filerna på flera gånger, eller kör huskurage batch på kommandoraden."
		en += " Send the files in several parts, or run huskurage batch on the command line."
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusRequestEntityTooLarge)
	fmt.Fprintf(w, `<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>För stort – Too large – Huskurage</title><link rel="stylesheet" href="/static/style.css"></head>
<body><main id="content"><h1>För stort</h1><p>%s</p><p>Gå tillbaka i webbläsaren: det ni skrivit finns kvar.</p>
<div lang="en"><h2>Too large</h2><p>%s</p><p>Go back in the browser: what you typed is still there.</p></div></main></body></html>
`, template.HTMLEscapeString(sv), template.HTMLEscapeString(en))
	return true
}

// render writes a page of the template name.
func (s *Server) render(w http.ResponseWriter, status int, name, ui string, data any) {
	var buf bytes.Buffer
	err := s.tmpl[uiLang(ui)].ExecuteTemplate(&buf, name, data)
	if err == nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		w.Write(buf.Bytes())
		return
	}
	s.log.Error("template", "name", name, "err", err)
	http.Error(w, "internal fault, please report it", http.StatusInternalServerError)
}
