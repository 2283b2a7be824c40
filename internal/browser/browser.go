package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Browser is a headless Chromium with a profile of its own.
type Browser struct {
	ctx     context.Context // the browser's first tab, which owns it
	cancel  context.CancelFunc
	cancelA context.CancelFunc
	profile string
}

// Names the browser may have on the PATH, Debian's first.
var execNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Start starts the browser. It lives until Close, or until ctx is done.
func Start(ctx context.Context) (*Browser, error) {
	path := ""
	for _, name := range execNames {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		return nil, errors.New("no Chromium on the PATH (looked for " + strings.Join(execNames, ", ") +
			"); scripts/test.sh installs it: apt-get install chromium")
	}
	profile, err := os.MkdirTemp("", "huskurage-chromium-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox, // as root in CI, Chromium's sandbox refuses to start
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile),
	)
	actx, cancelA := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancel := chromedp.NewContext(actx)
	b := &Browser{ctx: bctx, cancel: cancel, cancelA: cancelA, profile: profile}
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		b.Close()
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	return b, nil
}

// Close stops the browser and removes its profile.
func (b *Browser) Close() error {
	b.cancel()
	b.cancelA()
	return os.RemoveAll(b.profile)
}

// Tab is a tab of the browser. Its methods must not be called from two
// goroutines at once; tabs run in parallel.
type Tab struct {
	ctx    context.Context
	cancel context.CancelFunc

	mu      sync.Mutex
	allowed []string // URLs the tab may ask for, or prefixes ending in *
	asked   []string // every URL asked for, in order
	blocked []string // those that were stopped
}

// NewTab opens a tab. Every request it makes is stopped unless the URL
// is one that Open was given or Allow allows.
func (b *Browser) NewTab() (*Tab, error) {
	ctx, cancel := chromedp.NewContext(b.ctx)
	t := &Tab{ctx: ctx, cancel: cancel}
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, err
	}
	// What the page's Content-Security-Policy refuses is never asked
	// for: note it in the page, from before its first element.
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: refusedScript}); err != nil {
		cancel()
		return nil, fmt.Errorf("watching the page's security policy: %w", err)
	}
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{}); err != nil {
		cancel()
		return nil, fmt.Errorf("intercepting requests: %w", err)
	}
	go func() {
		for ev, err := range paused {
			if err != nil {
				return // the tab is closed
			}
			if t.ask(ev.Request.URL) {
				_, err = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
			} else {
				_, err = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID,
					ErrorReason: network.ErrorReasonBlockedByClient})
			}
			if err != nil && ctx.Err() != nil {
				return
			}
		}
	}()
	return t, nil
}

// ask records a request for url and reports whether it may go.
func (t *Tab) ask(url string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.asked = append(t.asked, url)
	ok := slices.ContainsFunc(t.allowed, func(a string) bool {
		if p, ok := strings.CutSuffix(a, "*"); ok {
			return strings.HasPrefix(url, p)
		}
		return a == url
	})
	if !ok {
		t.blocked = append(t.blocked, url)
	}
	return ok
}

// Context returns the tab's chromedp context, for actions of one's own
// (chromedp.Run(tab.Context(), …)).
func (t *Tab) Context() context.Context { return t.ctx }

// Close closes the tab.
func (t *Tab) Close() { t.cancel() }

// Allow lets the tab ask for url, or for every URL that starts with
// url's text before a final *.
func (t *Tab) Allow(url string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.allowed = append(t.allowed, url)
}

// Asked returns every URL the tab asked for since it was opened, in
// order: the pages it was given too.
func (t *Tab) Asked() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return slices.Clone(t.asked)
}

// Blocked returns the URLs the tab asked for and was refused, in order.
// (Chromium fetches data: URLs itself: they are never asked for.)
func (t *Tab) Blocked() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return slices.Clone(t.blocked)
}

const refusedScript = `window.__refused = [];
document.addEventListener('securitypolicyviolation', e => window.__refused.push(e.blockedURI + ' (' + e.effectiveDirective + ')'));`

// Refused returns what the page's Content-Security-Policy refused to
// load, with the rule that refused it: requests the page tried to make,
// which Blocked does not see.
func (t *Tab) Refused() ([]string, error) {
	return Eval[[]string](t, `window.__refused || []`)
}

// Viewport sets the size of the tab's window in CSS pixels, as a phone's
// when mobile is set (the page's viewport meta tag is obeyed).
func (t *Tab) Viewport(width, height int, mobile bool) error {
	var opts []chromedp.EmulateViewportOption
	if mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulatePortrait)
	}
	return chromedp.Do(t.ctx, chromedp.EmulateViewport(int64(width), int64(height), opts...))
}

// Open loads url, which the tab may then ask for (without its
// #fragment), and waits until it has loaded.
func (t *Tab) Open(url string) error {
	page, _, _ := strings.Cut(url, "#")
	t.Allow(page)
	return chromedp.Do(t.ctx, chromedp.Navigate(url))
}

// Eval evaluates a JavaScript expression in the page and returns its
// value, decoded from JSON; a promise is awaited.
func Eval[T any](t *Tab, js string) (T, error) {
	return chromedp.Run(t.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// Screenshot returns a PNG picture of the whole page, as wide as the
// viewport.
func (t *Tab) Screenshot() ([]byte, error) {
	return chromedp.Run(t.ctx, chromedp.FullScreenshot(100))
}
