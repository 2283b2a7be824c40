package templates

import (
	"errors"
	"strings"
	"testing"
)

func TestOverride(t *testing.T) {
	l, err := parseOverride([]byte("code: en\nname: English (Ale)\ntexts:\n  child_fallback: Call Ale's contact centre.\n"), "ale.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if l.Text("child_fallback") != "Call Ale's contact centre." || l.Text("title") != "Huskurage" || l.Reviewed {
		t.Errorf("override: %q %q reviewed=%v", l.Text("child_fallback"), l.Text("title"), l.Reviewed)
	}
	if got, _ := Load("en"); got.Text("child_fallback") != "Call Ale's contact centre." {
		t.Error("Load does not return the overridden language")
	}
	_, err = parseOverride([]byte("texts:\n  titel: x\n"), "bad.yaml", func(r rune) bool { return r < 0x80 })
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 2 || !strings.HasPrefix(ps[0].Error(), "bad.yaml:1:1: code: missing") ||
		!strings.HasPrefix(ps[1].Error(), "bad.yaml:2:3: texts.titel: unknown text") {
		t.Errorf("err = %v", err)
	}
}
