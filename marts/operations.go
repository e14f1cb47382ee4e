package marts

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"slices"

	"mittari/domain"
	"mittari/internal/errs"
	"mittari/metrics"
)

// The marts of the list of operations (CPR Art 49(3)), as transform writes them: the list in
// project order, and each operation's indicators in the order of project and indicator.
const (
	operationsMart          = "mart_operations_list"
	operationIndicatorsMart = "mart_operation_indicators"
)

var (
	operationColumns = []string{"cutoff_date", "project_id", "title", "beneficiary", "beneficiary_published",
		"beneficiary_type", "action", "so", "status", "start_date", "end_date", "end_date_actual", "selected_on",
		"total_cost_cents", "eu_contribution_cents", "cofinancing_rate_tenths", "fund", "country", "location",
		"intervention_field", "type_of_action", "implementation_modality"}
	indicatorColumns = []string{"project_id", "indicator", "so", "target", "achieved_value"}
)

// Operations is the list of operations in the marts folder dir (metrics.OperationList).
type Operations struct{ Dir string }

func (l Operations) path(mart string) string { return filepath.Join(l.Dir, mart+".parquet") }

// Digest is the SHA-256 of the two marts' bytes: transform writes a mart in the order of its
// key, so the same rows give the same bytes.
func (l Operations) Digest() (string, error) {
	h := sha256.New()
	for _, m := range []string{operationsMart, operationIndicatorsMart} {
		f, err := os.Open(l.path(m))
		if err != nil {
			return "", errs.E(errs.Op("marts.Digest"), errs.Path(l.path(m)), errs.IO, err)
		}
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", errs.E(errs.Op("marts.Digest"), errs.Path(l.path(m)), errs.IO, err)
		}
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Each calls fn with every operation in project order, its indicators in the order of their SO
// and code (the order the list states them in); fn may keep nothing it is given.
func (l Operations) Each(fn func(*metrics.ListedOperation) error) error {
	list, err := openTable(l.path(operationsMart))
	if err != nil {
		return err
	}
	defer list.Close()
	inds, err := openTable(l.path(operationIndicatorsMart))
	if err != nil {
		return err
	}
	defer inds.Close()
	oc, err := list.columns(operationColumns...)
	if err != nil {
		return err
	}
	ic, err := inds.columns(indicatorColumns...)
	if err != nil {
		return err
	}
	ops, ind := list.cursor(), inds.cursor()
	defer ops.close()
	defer ind.close()
	type indicator struct {
		so int64
		v  metrics.OperationIndicator
	}
	var v metrics.ListedOperation
	var found []indicator
	pending := ind.next()
	for r := ops.next(); r != nil; r = ops.next() {
		v = metrics.ListedOperation{
			Cutoff: domain.Cutoff{Date: domain.Date(i64(r, oc[0]))}, ProjectID: str(r, oc[1]), Title: str(r, oc[2]),
			Beneficiary: str(r, oc[3]), BeneficiaryPublished: boolean(r, oc[4]), BeneficiaryType: str(r, oc[5]),
			Action: str(r, oc[6]), SO: domain.SO(i64(r, oc[7])), Status: str(r, oc[8]),
			Start: domain.Date(i64(r, oc[9])), End: domain.Date(i64(r, oc[10])), EndActual: boolean(r, oc[11]),
			SelectedOn: domain.Date(i64(r, oc[12])), TotalCost: domain.Cents(i64(r, oc[13])),
			EUContribution:  domain.Cents(i64(r, oc[14])),
			CofinancingRate: metrics.Pct{Tenths: i64(r, oc[15]), Valid: !r[oc[15]].IsNull()},
			Fund:            str(r, oc[16]), Country: str(r, oc[17]), Location: str(r, oc[18]),
			Codes: [3]string{str(r, oc[19]), str(r, oc[20]), str(r, oc[21])},
		}
		found = found[:0]
		for ; pending != nil; pending = ind.next() {
			project := str(pending, ic[0])
			if project > v.ProjectID {
				break
			}
			if project < v.ProjectID {
				return errs.E(errs.Op("marts.Operations"), errs.Path(inds.path), errs.Internal,
					"an indicator of an operation that is not in the list: "+project)
			}
			found = append(found, indicator{so: i64(pending, ic[2]), v: metrics.OperationIndicator{
				Indicator: str(pending, ic[1]), Target: i64(pending, ic[3]), Achieved: i64(pending, ic[4])}})
		}
		if ind.err != nil {
			return ind.err
		}
		// In the mart's order (project, indicator) an SO's indicators are together already.
		slices.SortStableFunc(found, func(a, b indicator) int { return cmp.Compare(a.so, b.so) })
		v.Indicators = v.Indicators[:0]
		for _, f := range found {
			v.Indicators = append(v.Indicators, f.v)
		}
		if err := fn(&v); err != nil {
			return err
		}
	}
	if ops.err != nil {
		return ops.err
	}
	if pending != nil {
		return errs.E(errs.Op("marts.Operations"), errs.Path(inds.path), errs.Internal,
			"an indicator of an operation that is not in the list: "+str(pending, ic[0]))
	}
	return nil
}
