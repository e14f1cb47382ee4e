package ingest

import (
	"encoding/binary"
	"encoding/hex"
	"time"

	"mittari/domain"
)

// taken is a row-valid version as a run takes it in, read back from its spill (appendTaken):
// what writing it to the warehouse and the arrival and cumulative checks need, and nothing of
// the file it came from but its place.
type taken struct {
	// file is the run's index of the file it came from (run.files), rep its index among the
	// file's accepted reports: together the order in which the run took it.
	file, rep int32
	sum       [32]byte
	hash      string // sum in hex
	key       domain.ReportKey
	submitted time.Time
	subText   string // submitted_at as written
	place     domain.Place
	nItems    int
	items     []byte // the items, encoded (eachItem)
}

// takenPlaceExtra flags a record whose place has more than a file and a line.
const takenPlaceExtra = 1

// appendTaken appends the record of report rep (its items checked, its hash sum) of the run's
// file file to b. Its strings are copied, so that the file's text can go.
func appendTaken(b []byte, file, repNo int, sum [32]byte, rep *domain.Report, subText string) []byte {
	b = binary.AppendUvarint(b, uint64(file))
	b = binary.AppendUvarint(b, uint64(repNo))
	b = append(b, sum[:]...)
	b = binary.AppendUvarint(b, uint64(len(rep.Key.ProjectID)))
	b = append(b, rep.Key.ProjectID...)
	b = binary.AppendVarint(b, int64(rep.Key.PeriodStart))
	b = binary.AppendVarint(b, int64(rep.Key.PeriodEnd))
	t := rep.SubmittedAt
	_, zone := t.Zone()
	b = binary.AppendVarint(b, t.Unix())
	b = binary.AppendUvarint(b, uint64(t.Nanosecond()))
	b = binary.AppendVarint(b, int64(zone))
	b = binary.AppendUvarint(b, uint64(len(subText)))
	b = append(b, subText...)
	var flags byte
	p := rep.Place
	extra := p.Column != "" || p.Sheet != "" || p.Cell != "" || p.Pointer != ""
	if extra {
		flags |= takenPlaceExtra
	}
	b = append(b, flags)
	b = binary.AppendUvarint(b, uint64(p.Line))
	if extra {
		b = appendPlaceExtra(b, p)
	}
	b = binary.AppendUvarint(b, uint64(len(rep.Items)))
	for _, it := range rep.Items {
		b = binary.AppendUvarint(b, uint64(codeID(it.Item)))
		v := it.Value
		if it.Item == domain.ExpenditureItem {
			v = int64(it.Amount)
		}
		b = binary.AppendVarint(b, v)
	}
	return b
}

// readTaken decodes a record of appendTaken; file names the run's files by index. The project
// id comes from ids, which gives one string per project however many of its versions a
// partition holds.
func readTaken(rec []byte, file func(int32) string, ids *interned) taken {
	var t taken
	u := func() uint64 { v, k := binary.Uvarint(rec); rec = rec[k:]; return v }
	s := func() int64 { v, k := binary.Varint(rec); rec = rec[k:]; return v }
	t.file, t.rep = int32(u()), int32(u())
	copy(t.sum[:], rec)
	rec = rec[32:]
	t.hash = hex.EncodeToString(t.sum[:])
	n := int(u())
	t.key.ProjectID = ids.name(ids.idBytes(rec[:n]))
	rec = rec[n:]
	t.key.PeriodStart, t.key.PeriodEnd = domain.Date(s()), domain.Date(s())
	unix, nsec, zone := s(), u(), s()
	t.submitted = time.Unix(unix, int64(nsec)).In(zoneOf(int32(zone)))
	n = int(u())
	t.subText = string(rec[:n])
	rec = rec[n:]
	flags := rec[0]
	rec = rec[1:]
	t.place = domain.Place{File: file(t.file), Line: int(u())}
	if flags&takenPlaceExtra != 0 {
		rec = readPlaceExtra(rec, &t.place)
	}
	t.nItems = int(u())
	t.items = rec
	return t
}

// eachItem calls fn with each item of t in the order the report gave them: the code and the
// count, or for expenditure_eur the amount in cents.
func (t *taken) eachItem(fn func(code string, value int64)) {
	table := codes.Load()
	t.eachCode(func(id uint32, v int64) { fn(table.list[id], v) })
}

// eachCode is eachItem with the codes interned.
func (t *taken) eachCode(fn func(id uint32, value int64)) {
	b := t.items
	for range t.nItems {
		id, k := binary.Uvarint(b)
		b = b[k:]
		v, k := binary.Varint(b)
		b = b[k:]
		fn(uint32(id), v)
	}
}

// counts is t's indicator counts, for the cumulative checks.
func (t *taken) counts() []itemCount {
	out := make([]itemCount, 0, t.nItems)
	expenditure := codeID(domain.ExpenditureItem)
	t.eachCode(func(id uint32, v int64) {
		if id != expenditure {
			out = append(out, itemCount{id, v})
		}
	})
	return out
}

// pending is what the arrival checks need of t.
func (t *taken) pending() pending {
	return pending{version: domain.Version{Key: t.key, SubmittedAt: t.submitted, Hash: t.hash},
		place: t.place, items: t.counts(), subText: t.subText, file: t.place.File}
}

// partitionOf is the spill partition of a project's versions, of n: every version of a project
// goes to the same one, since each check at the end of a run is of one project's versions.
func partitionOf(project string, n int) int {
	if n <= 1 {
		return 0
	}
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(project); i++ {
		h ^= uint32(project[i])
		h *= 16777619
	}
	return int(h % uint32(n))
}
