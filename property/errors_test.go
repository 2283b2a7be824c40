package property

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  Error
		want string
	}{
		{Error{Pos: Position{File: "a.yaml", Line: 4, Col: 3}, Field: "landlord.phone", Problem: "bad", Hint: "fix it"}, "a.yaml:4:3: landlord.phone: bad (fix it)"},
		{Error{Pos: Position{File: "a.yaml", Line: 4, Col: 3}, Field: "landlord.phone", Problem: "bad", Hint: ""}, "a.yaml:4:3: landlord.phone: bad"},
		{Error{Pos: Position{File: "a.yaml", Line: 1, Col: 1}, Field: "", Problem: "file is empty", Hint: "start over"}, "a.yaml:1:1: file is empty (start over)"},
		{Error{Pos: Position{File: "", Line: 2, Col: 5}, Field: "id", Problem: "bad", Hint: ""}, "2:5: id: bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestErrorListSortAndErr(t *testing.T) {
	var l ErrorList
	if l.Err() != nil {
		t.Fatal("empty list: Err() != nil")
	}
	l.Add(Position{File: "b.yaml", Line: 1, Col: 1}, "", "b", "")
	l.Add(Position{File: "a.yaml", Line: 9, Col: 1}, "", "a9", "")
	l.Add(Position{File: "a.yaml", Line: 2, Col: 7}, "", "a2:7", "")
	l.Add(Position{File: "a.yaml", Line: 2, Col: 3}, "", "a2:3 first", "")
	l.Add(Position{File: "a.yaml", Line: 2, Col: 3}, "", "a2:3 second", "")
	l.Sort()
	want := "a.yaml:2:3: a2:3 first\n" +
		"a.yaml:2:3: a2:3 second\n" +
		"a.yaml:2:7: a2:7\n" +
		"a.yaml:9:1: a9\n" +
		"b.yaml:1:1: b"
	if got := l.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	err := fmt.Errorf("loading: %w", l.Err())
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 5 {
		t.Fatalf("errors.As(ErrorList) failed: %v", err)
	}
	var one *Error
	if !errors.As(err, &one) || one.Problem != "a2:3 first" {
		t.Fatalf("errors.As(*Error) = %v", one)
	}
}

// In says an error in Swedish from its messages, and in English as
// Problem and Hint; an error whose text was changed by hand, or made
// with English alone, is said as it stands.
func TestErrorIn(t *testing.T) {
	t.Parallel()
	e := NewError(Position{File: "a.yaml", Line: 2, Col: 3}, "property.postal_code",
		Textf("%q is not a Swedish postal code", "4493"), Textf("five digits, e.g. 449 30"))
	if p, h := e.In("en"); p != e.Problem || h != e.Hint || e.Error() != `a.yaml:2:3: property.postal_code: "4493" is not a Swedish postal code (five digits, e.g. 449 30)` {
		t.Errorf("English: %q (%q), Error %q", p, h, e.Error())
	}
	if p, h := e.In("sv"); p != `"4493" är inget svenskt postnummer` || h != "fem siffror, t.ex. 449 30" {
		t.Errorf("Swedish: %q (%q)", p, h)
	}
	e.Problem = "changed by hand"
	if p, h := e.In("sv"); p != "changed by hand" || h != "fem siffror, t.ex. 449 30" {
		t.Errorf("changed by hand, in Swedish: %q (%q)", p, h)
	}
	plain := &Error{Problem: "internal fault", Hint: ""}
	if p, h := plain.In("sv"); p != "internal fault" || h != "" {
		t.Errorf("English alone, in Swedish: %q (%q)", p, h)
	}
	big := NewError(Position{}, "", Textf("file is %s; a property file may be at most 1 MiB", sizeText(1<<20+1)), Text{})
	if p, _ := big.In("sv"); big.Problem != "file is 1.1 MiB; a property file may be at most 1 MiB" || p != "filen är 1,1 MiB; en fastighetsfil får vara högst 1 MiB" {
		t.Errorf("a size: %q, in Swedish %q", big.Problem, p)
	}
}
