package metrics

import (
	"cmp"
	"mittari/domain"
	"slices"
	"strconv"
	"strings"
)

// CompareIndicatorCodes orders indicator codes as the regulation lists them: by SO, then by the
// running number of the SO (outputs and results share it), a parent before its "of which"
// sub-indicators: O.1.1 < O.1.1.1 < O.1.2 < R.1.5 and R.2.8 < R.2.10, which string order gets
// wrong. Parts that are not numbers compare as text.
func CompareIndicatorCodes(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 1; i < len(pa) && i < len(pb); i++ {
		na, errA := strconv.Atoi(pa[i])
		nb, errB := strconv.Atoi(pb[i])
		var c int
		if errA == nil && errB == nil {
			c = cmp.Compare(na, nb)
		} else {
			c = cmp.Compare(pa[i], pb[i])
		}
		if c != 0 {
			return c
		}
	}
	return cmp.Or(cmp.Compare(len(pa), len(pb)), cmp.Compare(a, b))
}

// SortIndicators sorts rows by cut-off, SO and indicator code (CompareIndicatorCodes).
func SortIndicators(rows []IndicatorValue) {
	slices.SortFunc(rows, func(a, b IndicatorValue) int {
		return cmp.Or(cmp.Compare(a.Cutoff.Date, b.Cutoff.Date), cmp.Compare(a.SO, b.SO),
			CompareIndicatorCodes(a.Indicator, b.Indicator))
	})
}

// SortFinancial sorts rows by cut-off, SO and support type (project, operating,
// specific_action, all), the technical-assistance row (SO 0) after the SOs, as Table 1 lists it.
func SortFinancial(rows []FinancialValue) {
	rank := func(so domain.SO) int {
		if so == 0 {
			return int(^uint(0) >> 1)
		}
		return int(so)
	}
	slices.SortFunc(rows, func(a, b FinancialValue) int {
		return cmp.Or(cmp.Compare(a.Cutoff.Date, b.Cutoff.Date), cmp.Compare(rank(a.SO), rank(b.SO)),
			domain.CompareSupportTypes(a.SupportType, b.SupportType))
	})
}
