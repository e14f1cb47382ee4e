package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestOperationsJSONStreamed: operations.json, written an operation at a time, is the document
// encoding/json gives for the whole list, with each operation compact on a line of its own, for
// an empty list, one operation and more.
func TestOperationsJSONStreamed(t *testing.T) {
	var all []operationJSON
	var unverified []string
	for i := range testOperations {
		_, js := operationRow(&testOperations[i], nil, &unverified)
		all = append(all, js)
	}
	type document struct {
		CutoffDate string          `json:"cutoff_date"`
		LegalBasis string          `json:"legal_basis"`
		Operations []operationJSON `json:"operations"`
	}
	for n := 0; n <= len(all); n++ {
		list := append([]operationJSON{}, all[:n]...)
		want, err := json.Marshal(document{"2025-12-31", OperationsLegalBasis, list})
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		jw, err := newOperationsJSON(&got, "2025-12-31")
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range list {
			if err := jw.add(v); err != nil {
				t.Fatal(err)
			}
		}
		if err := jw.close(); err != nil {
			t.Fatal(err)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, got.Bytes()); err != nil {
			t.Fatalf("%d operations: not JSON: %v\n%s", n, err, got.Bytes())
		}
		// encoding/json escapes <, > and & unless told not to; the file keeps them as written.
		var wantKept bytes.Buffer
		json.Compact(&wantKept, want)
		if !bytes.Equal(compact.Bytes(), unescapeHTML(wantKept.Bytes())) {
			t.Errorf("%d operations:\n--- got\n%s\n--- want\n%s", n, compact.Bytes(), want)
		}
		lines := strings.Split(strings.TrimSuffix(got.String(), "\n"), "\n")
		if wantLines := n + 2; n > 0 && len(lines) != wantLines || n == 0 && len(lines) != 1 {
			t.Errorf("%d operations on %d lines:\n%s", n, len(lines), got.Bytes())
		}
		for i := 1; i <= n && n > 0; i++ {
			if !json.Valid([]byte(strings.TrimSuffix(lines[i], ","))) {
				t.Errorf("line %d is not one operation: %s", i+1, lines[i])
			}
		}
	}
}

// unescapeHTML undoes encoding/json's escaping of <, > and &.
func unescapeHTML(b []byte) []byte {
	for _, r := range [][2]string{{`\u003c`, "<"}, {`\u003e`, ">"}, {`\u0026`, "&"}} {
		b = bytes.ReplaceAll(b, []byte(r[0]), []byte(r[1]))
	}
	return b
}
