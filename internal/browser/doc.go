// Package browser drives a headless Chromium for the tests of our web
// pages: it starts one browser for a test package, opens pages in tabs of
// it (which run in parallel), stops and records every request a page
// makes for anything but what the test allows, takes screenshots, and
// checks a page with axe-core (axe.go).
//
// A test package starts the browser once, shares it, and closes it when
// its tests are done:
//
//	b, err := browser.Start(ctx)       // Debian's chromium, a fresh profile
//	defer b.Close()
//	tab, err := b.NewTab()             // one per parallel test
//	defer tab.Close()
//	err = tab.Viewport(360, 740, true) // a phone's width
//	err = tab.Open(srv.URL + "/page")  // an httptest server on loopback
//	tab.Blocked()                      // the requests that were stopped
//	tab.Allow(srv.URL + "/*")          // a form that posts to the server
//	res, err := tab.Axe(browser.WCAG22AA...)
//	v, err := browser.Eval[string](tab, "document.title")
//
// Serve pages over loopback HTTP rather than file://: Chromium's Fetch
// domain, which stops requests, sees requests of http(s) pages.
//
// It finds the browser on the PATH (chromium, as scripts/test.sh installs
// it) and axe-core where scripts/test.sh installs it with npm
// (internal/browser/testdata/axe). Neither missing is a reason to skip a
// test: Start and Axe return an error that says how to install it.
//
//   - browser.go starts the browser and drives its tabs;
//   - axe.go finds axe-core, runs it in a page and reports what it found.
package browser
