package catalogue

import (
	"testing"
)

func TestDefaultLoads(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("actions %d indicators %d rules %d goals %d calls %d hash %s", len(c.Actions), len(c.Indicators), len(c.Rules), len(c.Goals), len(c.Calls), c.Hash)
}
