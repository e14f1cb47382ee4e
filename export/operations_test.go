package export

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestOperationsJSONStreamed: operations.json, written an operation at a time, holds the bytes
// encoding/json gives the whole document indented, for an empty list, one operation and more.
func TestOperationsJSONStreamed(t *testing.T) {
	var all []operationJSON
	var unverified []string
	for i := range testOperations {
		_, js := operationRow(&testOperations[i], nil, &unverified)
		all = append(all, js)
	}
	for n := 0; n <= len(all); n++ {
		list := append([]operationJSON{}, all[:n]...)
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(struct {
			CutoffDate string          `json:"cutoff_date"`
			LegalBasis string          `json:"legal_basis"`
			Operations []operationJSON `json:"operations"`
		}{"2025-12-31", OperationsLegalBasis, list}); err != nil {
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
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%d operations:\n--- got\n%s\n--- want\n%s", n, got.Bytes(), want.Bytes())
		}
	}
}
