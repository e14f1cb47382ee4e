package transform

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"mittari/catalogue"
)

func TestZZProf(t *testing.T) {
	wh := os.Getenv("ZZ_WH")
	if wh == "" {
		t.Skip()
	}
	cat, err := catalogue.Default()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := open(ctx, Options{Warehouse: wh, Catalogue: cat, Threads: 2, MemoryLimit: "1GB", TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	t0 := time.Now()
	if _, err := s.compute(ctx, s.asOf); err != nil {
		t.Fatal(err)
	}
	fmt.Println("compute", time.Since(t0))
	b, _ := os.ReadFile(os.Getenv("ZZ_SQL"))
	for _, q := range strings.Split(string(b), "\n;;\n") {
		q = strings.TrimSpace(q)
		if q == "" {
			continue
		}
		if name, ok := strings.CutPrefix(q, "model:"); ok {
			for _, m := range s.models {
				if m.Name == name {
					q = m.SQL
				}
			}
		}
		if file, ok := strings.CutPrefix(q, "file:"); ok {
			b, _ := os.ReadFile(file)
			q = string(b)
		}
		for i := 0; i < 3; i++ {
			t0 := time.Now()
			rows, err := s.conn.QueryContext(ctx, q)
			if err != nil {
				fmt.Println("ERR", err)
				break
			}
			n := 0
			cols, _ := rows.Columns()
			for rows.Next() {
				n++
				if os.Getenv("ZZ_PRINT") != "" {
					vals := make([]any, len(cols))
					ptrs := make([]any, len(cols))
					for i := range vals {
						ptrs[i] = &vals[i]
					}
					rows.Scan(ptrs...)
					fmt.Println(vals...)
				}
			}
			rows.Close()
			fmt.Printf("%-60.60s rows=%d %v\n", strings.ReplaceAll(q, "\n", " "), n, time.Since(t0))
		}
	}
}
