package transform

import (
	"context"
	"database/sql"
	"sync"

	"mittari/internal/errs"
)

// background runs the steps that only read what the models made — writing the cache and the
// marts — on connections of their own, while the session's connection goes on with the steps
// after them (reading the results, the previous state, the changes). Much of a write is done by
// one thread (compressing, checkpointing), so on a machine with more than one core the writes
// overlap the reading instead of adding to it. A step that replaces the models' tables (the
// previous state computed again) must wait for them first.
type background struct {
	db  *sql.DB
	wg  sync.WaitGroup
	mu  sync.Mutex
	err error
}

// start runs step on a new connection of the session's database, set up as the session's is.
func (b *background) start(ctx context.Context, name string, step func(conn *sql.Conn) error) {
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		done := traced(name)
		err := func() error {
			conn, err := b.db.Conn(ctx)
			if err != nil {
				return errs.E(errs.Op("transform.background"), errs.Internal, err)
			}
			defer conn.Close()
			if err := execQuery(ctx, conn, qSession); err != nil {
				return err
			}
			return step(conn)
		}()
		done()
		if err != nil {
			b.mu.Lock()
			if b.err == nil {
				b.err = err
			}
			b.mu.Unlock()
		}
	}()
}

// wait waits for every step started and returns the first error, if any.
func (b *background) wait() error {
	b.wg.Wait()
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}
