package transform

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"mittari/internal/testcat"
	"mittari/warehouse"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"mittari/domain"
	"mittari/metrics"
)

// TestIncrementalMatchesFull is the property the cache rests on: on random histories (register
// changes, corrections, resent versions, overlaps, cancellations, late selections, crashed
// runs), a run that uses the cache gives exactly the figures, changes and marts of a run that
// computes everything, after every ingest run, whether it went incremental or full.
func TestIncrementalMatchesFull(t *testing.T) {
	cat := testcat.New(t)
	cutoffs := domain.CutoffsThrough(domain.MustDate("2026-06-30"))
	cases := 12
	if testing.Short() {
		cases = 4
	}
	modes := map[string]int{}
	touched := 0
	for seed := int64(1); seed <= int64(cases); seed++ {
		rng := rand.New(rand.NewSource(seed))
		w := generate(rng, cat)
		// Most nights bring reports only: keep the register of most later runs, so that
		// incremental runs are common (a run without a snapshot keeps the one in force).
		for i := 1; i < len(w.runs); i++ {
			if rng.Intn(3) != 0 {
				w.runs[i].Projects, w.runs[i].Targets = nil, nil
			}
		}
		root := t.TempDir()
		cache := filepath.Join(t.TempDir(), "cache", "transform.duckdb")
		for i, run := range w.runs {
			writeWarehouse(t, root, w.runs[i:i+1])
			// As the pipeline runs: as of a moment after the run; sometimes later still.
			asOf := run.At.Add(2 * time.Minute)
			if rng.Intn(3) == 0 {
				asOf = asOf.Add(time.Duration(rng.Intn(200)) * time.Hour)
			}
			var st Stats
			cachedMarts, fullMarts := t.TempDir(), t.TempDir()
			got, err := Run(context.Background(), Options{Warehouse: root, Catalogue: cat, AsOf: asOf, Cutoffs: cutoffs,
				Threads: 1, MemoryLimit: "256MB", TempDir: t.TempDir(), MartsDir: cachedMarts, Cache: cache, Stats: &st})
			if err != nil {
				t.Fatalf("seed %d run %d: with the cache: %v", seed, i, err)
			}
			want, err := Run(context.Background(), Options{Warehouse: root, Catalogue: cat, AsOf: asOf, Cutoffs: cutoffs,
				Threads: 1, MemoryLimit: "256MB", TempDir: t.TempDir(), MartsDir: fullMarts})
			if err != nil {
				t.Fatalf("seed %d run %d: %v", seed, i, err)
			}
			modes[st.Mode]++
			if st.Mode == "incremental" {
				touched += st.Projects
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("seed %d run %d (%s, %d projects, %s): results differ from a full run\n got %+v\nwant %+v",
					seed, i, st.Mode, st.Projects, st.Reason, got, want)
			}
			if d := martsDiffer(t, cachedMarts, fullMarts); d != "" {
				t.Fatalf("seed %d run %d (%s, %d projects): marts differ from a full run: %s", seed, i, st.Mode, st.Projects, d)
			}
		}
	}
	t.Logf("modes %v, %d projects recomputed by incremental runs", modes, touched)
	if modes["incremental"] == 0 || touched == 0 {
		t.Fatalf("no incremental run recomputed a project (modes %v): the cache went untested", modes)
	}
	if modes["full"] == 0 {
		t.Fatal("every run was incremental: the full path that writes the cache went untested")
	}
}

// TestCacheRefusedWhenStale: a cache is not used when it no longer describes the warehouse (a
// run it knew is gone), nor when it is damaged; a full run then replaces it.
func TestCacheRefusedWhenStale(t *testing.T) {
	cat := testcat.New(t)
	cutoffs := domain.CutoffsThrough(domain.MustDate("2026-06-30"))
	w := generate(rand.New(rand.NewSource(3)), cat)
	root := t.TempDir()
	writeWarehouse(t, root, w.runs)
	cache := filepath.Join(t.TempDir(), "transform.duckdb")
	asOf := w.runs[len(w.runs)-1].At.Add(time.Hour)
	run := func() Stats {
		var st Stats
		if _, err := Run(context.Background(), Options{Warehouse: root, Catalogue: cat, AsOf: asOf, Cutoffs: cutoffs,
			Threads: 1, MemoryLimit: "256MB", TempDir: t.TempDir(), Cache: cache, Stats: &st}); err != nil {
			t.Fatal(err)
		}
		return st
	}
	if st := run(); st.Mode != "full" || st.Reason != "no cache yet" {
		t.Fatalf("first run: %+v, want full for want of a cache", st)
	}
	if st := run(); st.Mode != "incremental" || st.Projects != 0 {
		t.Fatalf("second run: %+v, want incremental with nothing to recompute", st)
	}
	if err := os.WriteFile(cache, []byte("not a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st := run(); st.Mode != "full" || st.Reason != "cache not readable" {
		t.Fatalf("damaged cache: %+v, want a full run", st)
	}
	if st := run(); st.Mode != "incremental" {
		t.Fatalf("after the full run replaced the damaged cache: %+v, want incremental", st)
	}
	// A committed run disappears (an operator restored an older warehouse).
	runs := committedFixtureRuns(t, root)
	if err := os.RemoveAll(filepath.Join(root, "runs", "run_id="+runs[len(runs)-1])); err != nil {
		t.Fatal(err)
	}
	if st := run(); st.Mode != "full" || st.Reason == "" {
		t.Fatalf("after a run was removed: %+v, want a full run", st)
	}
}

func committedFixtureRuns(t *testing.T, root string) []string {
	entries, err := os.ReadDir(filepath.Join(root, "runs"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range entries {
		ids = append(ids, e.Name()[len("run_id="):])
	}
	return ids
}

// martsDiffer compares every mart Parquet file of two folders as multisets of rows, and says
// how they differ ("" if they do not).
func martsDiffer(t *testing.T, a, b string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(b, "*.parquet"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no marts in %s: %v", b, err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, f := range files {
		other := filepath.Join(a, filepath.Base(f))
		var n int
		q := fmt.Sprintf(`SELECT count(*) FROM ((SELECT * FROM read_parquet(%[1]s) EXCEPT ALL SELECT * FROM read_parquet(%[2]s))
			UNION ALL (SELECT * FROM read_parquet(%[2]s) EXCEPT ALL SELECT * FROM read_parquet(%[1]s)))`, sqlString(f), sqlString(other))
		if err := db.QueryRow(q).Scan(&n); err != nil {
			return fmt.Sprintf("%s: %v", filepath.Base(f), err)
		}
		if n > 0 {
			return fmt.Sprintf("%s: %d rows differ", filepath.Base(f), n)
		}
	}
	return ""
}

// TestSnapshotInForceMatchesStaging: the snapshot the cache's fingerprint and the derived
// previous state name (read from the files' first rows) is the one the staging models pick.
func TestSnapshotInForceMatchesStaging(t *testing.T) {
	cat := testcat.New(t)
	for seed := int64(1); seed <= 12; seed++ {
		w := generate(rand.New(rand.NewSource(seed)), cat)
		s := computedSession(t, cat, w)
		for _, tc := range []struct{ table, query string }{
			{"projects", `SELECT DISTINCT p.run_id || '@' || strftime(p.ingested_at, '%Y-%m-%dT%H:%M:%SZ') FROM src_projects p
				SEMI JOIN stg_projects s USING (project_id) WHERE p.ingested_at <= (SELECT as_of FROM params)
				ORDER BY 1 DESC LIMIT 1`},
		} {
			got := snapshotInForce(s.snapshots, tc.table, w.asOf)
			rows := queryStrings(t, s.conn, tc.query)
			want := ""
			if len(rows) > 0 {
				want = rows[0]
			}
			if got != want {
				s.close()
				t.Fatalf("seed %d: %s snapshot in force %q, staging took %q", seed, tc.table, got, want)
			}
		}
		s.close()
	}
}

// TestRunCommittedAfterCache: a run whose versions were ingested before the cache was written
// but committed after it (a transform ran while an ingest was under way) is news to the cache:
// the next run recomputes its projects, and what the cache held for them is what it saw.
func TestRunCommittedAfterCache(t *testing.T) {
	cat := testcat.New(t)
	cutoffs := domain.CutoffsThrough(domain.MustDate("2026-06-30"))
	tried := 0
	for seed := int64(1); seed <= 40 && tried < 5; seed++ {
		w := generate(rand.New(rand.NewSource(seed)), cat)
		var runs []ingestRun
		for _, r := range w.runs {
			if !r.Uncommited {
				runs = append(runs, r)
			}
		}
		last := runs[len(runs)-1]
		if len(runs) < 2 || len(last.Reports) == 0 {
			continue
		}
		tried++
		last.Projects, last.Targets = nil, nil
		root := t.TempDir()
		cache := filepath.Join(t.TempDir(), "transform.duckdb")
		run := func(asOf time.Time, cached bool) (*metrics.Results, Stats) {
			var st Stats
			o := Options{Warehouse: root, Catalogue: cat, AsOf: asOf, Cutoffs: cutoffs,
				Threads: 1, MemoryLimit: "256MB", TempDir: t.TempDir(), Stats: &st}
			if cached {
				o.Cache = cache
			}
			res, err := Run(context.Background(), o)
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			return res, st
		}
		writeWarehouse(t, root, runs[:len(runs)-1])
		run(last.At.Add(time.Hour), true) // the cache: as of after the last run's ingest began
		writeWarehouse(t, root, []ingestRun{last})
		asOf := last.At.Add(2 * time.Hour)
		got, st := run(asOf, true)
		want, _ := run(asOf, false)
		if st.Mode != "incremental" {
			t.Fatalf("seed %d: %+v, want an incremental run", seed, st)
		}
		if !reflect.DeepEqual(got.Indicators, want.Indicators) || !reflect.DeepEqual(got.Financial, want.Financial) {
			t.Fatalf("seed %d: figures differ from a full run after a run committed behind the cache", seed)
		}
	}
	if tried == 0 {
		t.Fatal("no random history had two committed runs with reports in the last")
	}
}

// TestSnapshotsInForceAgree: the cache's fingerprint names the snapshots in force as Go picks
// them (snapshotInForce), the models as stg_snapshots picks them; the two must agree at any
// as_of, or an incremental run would patch a cache made from another register.
func TestSnapshotsInForceAgree(t *testing.T) {
	s := openScenario(t)
	ctx := context.Background()
	for _, at := range []string{"2022-07-31T23:59:59Z", "2022-08-01T00:00:00Z", "2022-12-31T00:00:00Z",
		"2023-01-20T00:00:00Z", "2023-03-01T00:00:00Z", "2030-01-01T00:00:00Z"} {
		asOf := ts(at)
		if err := setParams(ctx, s.conn, asOf); err != nil {
			t.Fatal(err)
		}
		if err := s.runIn(ctx, "main", []string{snapshotModel}, nil); err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{warehouse.TableProjects, warehouse.TableProjectTargets} {
			got := strings.Join(queryStrings(t, s.conn, "SELECT run_id, epoch_us(ingested_at) FROM stg_snapshots WHERE source = '"+table+"'"), "")
			want := ""
			if sn, ok := latestSnapshot(s.snapshots, table, asOf); ok {
				want = fmt.Sprintf("%s|%d", sn.Run, sn.At.UnixMicro())
			}
			if got != want {
				t.Errorf("as of %s, %s: stg_snapshots picks %q, Go %q", at, table, got, want)
			}
		}
	}
}
