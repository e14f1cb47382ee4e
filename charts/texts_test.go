package charts

import (
	"regexp"
	"slices"
	"testing"
)

// TestTexts: every text of the site exists in the three languages, with the same %-verbs in the
// same order (a verb missing in one language would print %!(EXTRA ...) on its pages).
func TestTexts(t *testing.T) {
	verbs := regexp.MustCompile(`%[0-9.\[\]]*[a-zA-Z%]`)
	for key, tr := range texts {
		for i, s := range tr {
			if s == "" {
				t.Errorf("%s: no %s text", key, langs[i].Code)
			}
		}
		en := verbs.FindAllString(tr[0], -1)
		for i := 1; i < 3; i++ {
			if other := verbs.FindAllString(tr[i], -1); !slices.Equal(en, other) {
				t.Errorf("%s: %s has verbs %v, English %v", key, langs[i].Code, other, en)
			}
		}
	}
}
