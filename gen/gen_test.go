package gen

import (
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mittari/domain"
	"mittari/internal/errs"
	"mittari/internal/testcat"
)

func treeHash(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[rel] = fmt.Sprintf("%x", sha256.Sum256(b))
		return nil
	})
	return out
}

func TestGenerateIsDeterministic(t *testing.T) {
	cat := testcat.New(t)
	o := Options{Programmes: 2, Projects: 15, Years: 3, Seed: 7, ReportsPerFile: 20,
		InvalidShare: 0.05, CorrectionShare: 0.1, DuplicateShare: 0.5}
	a, b := t.TempDir(), t.TempDir()
	o.Out = a
	sa, err := Generate(cat, o)
	if err != nil {
		t.Fatal(err)
	}
	o.Out = b
	sb, err := Generate(cat, o)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(sa) != fmt.Sprint(sb) {
		t.Fatalf("stats differ: %v vs %v", sa, sb)
	}
	ha, hb := treeHash(t, a), treeHash(t, b)
	if len(ha) != len(hb) {
		t.Fatalf("%d files vs %d", len(ha), len(hb))
	}
	for k, v := range ha {
		if hb[k] != v && !strings.HasSuffix(k, ".xlsx") {
			t.Errorf("%s differs between two runs with the same seed", k)
		}
	}
	if sa.Projects != 30 || sa.Reports == 0 || sa.Rows < sa.Reports*2 {
		t.Fatalf("implausible stats %+v", sa)
	}
	if sa.Invalid == 0 || sa.Corrections == 0 || sa.Duplicates == 0 {
		t.Fatalf("the mix is missing invalid, corrected or duplicate reports: %+v", sa)
	}
}

func TestGeneratedCSVReportsFollowTheSpec(t *testing.T) {
	cat := testcat.New(t)
	dir := t.TempDir()
	_, err := Generate(cat, Options{Programmes: 1, Projects: 5, Years: 2, Seed: 1, Out: dir,
		FormatWeights: map[string]int{"csv": 1}})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "reports", "*", "*.csv"))
	if len(files) == 0 {
		t.Fatal("no CSV report written")
	}
	for _, path := range files {
		f, _ := os.Open(path)
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if strings.Join(recs[0], ",") != strings.Join(reportHeader, ",") {
			t.Fatalf("%s: header %v", path, recs[0])
		}
		for i, r := range recs[1:] {
			ps, err1 := domain.ParseDate(r[1])
			pe, err2 := domain.ParseDate(r[2])
			sub, err3 := domain.ParseTimestamp(r[3])
			if err1 != nil || err2 != nil || err3 != nil || pe < ps || domain.DateOf(sub) <= pe {
				t.Fatalf("%s line %d: bad period or submitted_at: %v", path, i+2, r)
			}
			if r[4] == domain.ExpenditureItem {
				if _, err := domain.ParseEuros(r[5]); err != nil {
					t.Fatalf("%s line %d: %v", path, i+2, err)
				}
			}
		}
	}
}

// TestGenerateRefusesAFolderInUse: gen never writes into a folder that holds something — above
// all a real inbox, whose register it would overwrite and whose reports it would mix with
// synthetic ones — unless told to replace it.
func TestGenerateRefusesAFolderInUse(t *testing.T) {
	cat := testcat.New(t)
	o := Options{Programmes: 1, Projects: 3, Years: 1, Seed: 1}
	write := func(path, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	real := t.TempDir()
	write(filepath.Join(real, "projects.csv"), "the real register\n")
	write(filepath.Join(real, "reports", "beneficiary", "real.csv"), "a real report\n")
	write(filepath.Join(real, "README.txt"), "notes\n")
	before := treeHash(t, real)
	o.Out = real
	_, err := Generate(cat, o)
	if !errors.Is(err, ErrNotEmpty) || !errs.Is(errs.Usage, err) || !strings.Contains(err.Error(), "already holds an inbox") {
		t.Fatalf("Generate into an inbox: %v, want a usage error saying the folder holds an inbox", err)
	}
	if after := treeHash(t, real); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("a refused Generate changed the folder: %v, was %v", after, before)
	}

	other := t.TempDir()
	write(filepath.Join(other, "notes.txt"), "x\n")
	o.Out = other
	if _, err := Generate(cat, o); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("Generate into a folder holding other files: %v, want ErrNotEmpty", err)
	}

	o.Out = t.TempDir() // exists, empty
	if _, err := Generate(cat, o); err != nil {
		t.Errorf("Generate into an empty folder: %v", err)
	}

	o.Out, o.Replace = real, true
	if _, err := Generate(cat, o); err != nil {
		t.Fatalf("Generate with Replace: %v", err)
	}
	if _, err := os.Stat(filepath.Join(real, "reports", "beneficiary", "real.csv")); err == nil {
		t.Error("Replace left a real report among the synthetic ones")
	}
	if b, _ := os.ReadFile(filepath.Join(real, "projects.csv")); strings.Contains(string(b), "the real register") {
		t.Error("Replace kept the real register")
	}
	if _, err := os.Stat(filepath.Join(real, "README.txt")); err != nil {
		t.Error("Replace deleted a file that is not part of an inbox")
	}
}
