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
