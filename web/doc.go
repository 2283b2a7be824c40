// Package web is huskurage serve: the web form in which a landlord makes
// the poster and the leaflet of a property in a browser, and a page on
// which a municipality uploads its spreadsheet for the whole batch.
//
// It is made with the standard library (net/http, html/template, embed,
// log/slog) and runs every request through package pipeline, as the
// command line does:
//
//   - the form is made from the field table (property.Fields): each
//     field's label, help, limits and required mark, in Swedish or
//     English (page.go, form.go, tmpl/page.tmpl);
//   - a sent form becomes a property file, a YAML tree checked by the
//     loader (property.Parse), so every problem is the loader's own,
//     placed at its input by where its value stands in the file
//     (check.go); the same file is in the download;
//   - the preview, the download (a ZIP file made in memory) and the
//     upload of a saved file (handlers.go); a municipality's batch with
//     pipeline.Archive (batch.go);
//   - the page works without a script (form → problems → download); the
//     live preview is a small script of ours (static/form.js), embedded
//     with the style, as the templates are.
//
// The server keeps no state between requests: no cookies, no sessions,
// nothing written to disk. Limits (server.go): the size of each request,
// the files and properties of a batch, read, write and idle timeouts,
// and a cap on the documents made at once, beyond which a request waits
// a while and then gets 503 Service Unavailable with Retry-After.
package web
