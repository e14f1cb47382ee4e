package domain

import "sort"

// Outcome is what became of a received report version once every version received has been
// taken into account.
type Outcome string

const (
	// InForce: the newest accepted version of its report.
	InForce Outcome = "in_force"
	// Superseded: a newer version of the same report replaced it whole.
	Superseded Outcome = "superseded"
	// Duplicate: the same content had already been received.
	Duplicate Outcome = "duplicate"
	// RejectedOverlap: its period overlaps a different period of the same project that was
	// already in force, so the later-submitted one is rejected.
	RejectedOverlap Outcome = "rejected_overlap"
)

// Decision records the outcome of one version and, where another version caused it, which.
type Decision struct {
	Version Version
	Outcome Outcome
	// By is the version that superseded it, or the in-force report its period overlaps.
	By *Version
}

// ResolveInForce applies the spec's report semantics to a set of received versions that are
// each valid on their own: versions are taken in submitted_at order (ties by content hash); a
// newer version of a report replaces the older one whole; a version whose period overlaps another
// in-force report of the same project is rejected. The result depends only on the set, never on
// the order of vs, so restricting vs to what had been received by time T gives the state as of T.
func ResolveInForce(vs []Version) (inForce map[ReportKey]Version, decisions []Decision) {
	sorted := append([]Version(nil), vs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].before(sorted[j]) })

	inForce = make(map[ReportKey]Version)
	byProject := make(map[string][]ReportKey)
	seen := make(map[string]bool)
	index := make(map[string]int) // hash -> index in decisions of the version's decision
	for _, v := range sorted {
		if seen[v.Hash] {
			decisions = append(decisions, Decision{Version: v, Outcome: Duplicate, By: ptr(decisions[index[v.Hash]].Version)})
			continue
		}
		seen[v.Hash] = true
		index[v.Hash] = len(decisions)

		var clash *Version
		for _, k := range byProject[v.Key.ProjectID] {
			if k != v.Key && k.Overlaps(v.Key) {
				clash = ptr(inForce[k])
				break
			}
		}
		if clash != nil {
			decisions = append(decisions, Decision{Version: v, Outcome: RejectedOverlap, By: clash})
			continue
		}
		if old, ok := inForce[v.Key]; ok {
			decisions[index[old.Hash]].Outcome = Superseded
			decisions[index[old.Hash]].By = ptr(v)
		} else {
			byProject[v.Key.ProjectID] = append(byProject[v.Key.ProjectID], v.Key)
		}
		inForce[v.Key] = v
		decisions = append(decisions, Decision{Version: v, Outcome: InForce})
	}
	return inForce, decisions
}

func ptr(v Version) *Version { return &v }
