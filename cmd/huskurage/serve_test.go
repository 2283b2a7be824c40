package main

import (
	"bufio"
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptrace"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// SIGTERM stops huskurage serve once the requests under way are
// answered: a form still being sent when the signal comes gets its
// answer, and the command exits 0.
func TestServeStopsGracefully(t *testing.T) {
	t.Parallel()
	cmd := exec.Command("huskurage", "serve", "--addr", "127.0.0.1:0", "--renders", "1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	url := strings.Fields(line)[2] // huskurage serve: http://127.0.0.1:PORT/ (Ctrl-C stops it)
	// Each request on a connection of its own: an idle kept-alive
	// connection is closed at once by the shutdown, as it should be.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	if resp, err := client.Get(url + "healthz"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("/healthz: %v", err)
	}

	// A form whose handler has begun to read it when the signal comes:
	// the request asks "Expect: 100-continue", the server says "100
	// Continue" when the handler first reads the body, and only then
	// does the signal go and the body follow. (Sent at once, the
	// request might still wait in the listen queue when the signal
	// closes the listener: never a request under way.)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, kv := range [][2]string{{"landlord.name", "Brf Linden"}, {"property.address", "Storgatan 7"},
		{"property.postal_code", "449 30"}, {"property.city", "Nödinge"}, {"qr.url", "https://example.se/h"}, {"do", "download"}} {
		mw.WriteField(kv[0], kv[1])
	}
	mw.Close()
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", url, pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Expect", "100-continue")
	req.ContentLength = int64(body.Len())
	reading := make(chan struct{})
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		Got100Continue: func() { close(reading) }}))
	slow := &http.Client{Transport: &http.Transport{DisableKeepAlives: true, ExpectContinueTimeout: time.Minute}}
	answer := make(chan *http.Response, 1)
	go func() {
		resp, err := slow.Do(req)
		if err != nil {
			t.Error(err)
		}
		answer <- resp
	}()
	select {
	case <-reading:
	case resp := <-answer:
		t.Fatalf("the form was answered before its body was sent: %v", resp)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	pw.Write(body.Bytes())
	pw.Close()
	resp := <-answer
	if resp == nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("the form sent across the signal got %v", resp)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve ended with %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "stopping: finishing the requests under way") ||
		!strings.Contains(stderr.String(), "msg=request method=POST path=/ status=200") {
		t.Errorf("the log:\n%s", stderr.String())
	}
}
