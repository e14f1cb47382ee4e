package catalogue

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"mittari/domain"
)

// These tests hold the embedded catalogue against the documents it was transcribed from: the
// implementation plan (seed 004) and the reference list of indicators. They parse the documents'
// text themselves, so a value typed wrongly into a CSV file fails here.

var sharedDir = filepath.Join("..", "..", "shared")

func readShared(t *testing.T, rel string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDir, rel))
	if os.IsNotExist(err) {
		t.Skipf("%s is not beside the repository (%v); the seed checks need the shared folder", rel, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(b), "\n")
}

func seed004(t *testing.T) []string {
	return readShared(t, filepath.Join("seeds", "004_15b02010d59f06c7.txt"))
}

func defaultCatalogue(t *testing.T) *Catalogue {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sekAmount reads an amount as the seed prints it ("54 981 626,18" or "1 200 000").
// The PDF's text layer separates thousands with a space, a no-break space or a narrow no-break space.
var reSeedAmount = regexp.MustCompile(`\d{1,3}(?:[ \x{00A0}\x{202F}]\d{3})*(?:,\d{2})?`)

func seedCents(t *testing.T, s string) domain.Cents {
	t.Helper()
	digits := strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", ",", ".").Replace(s)
	c, err := domain.ParseEuros(digits)
	if err != nil {
		t.Fatalf("seed amount %q: %v", s, err)
	}
	return c
}

func TestAllocationsMatchTable1(t *testing.T) {
	lines := seed004(t)
	start := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "Tabell 1 Programfinansieringens") })
	if start < 0 {
		t.Fatal("Table 1 not found in seed 004")
	}
	reSO := regexp.MustCompile(`^\s*Specifikt mål ([1-3]) `)
	reAlone := regexp.MustCompile(`^\s*(` + reSeedAmount.String() + `)\s*€\s*$`)
	reTyped := regexp.MustCompile(`^\s*(Projektunderstöd|Operativt stöd|Särskilda åtgärder)\s+(` + reSeedAmount.String() + `)\s*€`)
	reTotal := regexp.MustCompile(`^\s*Totalt\s+(` + reSeedAmount.String() + `)`)
	types := map[string]domain.SupportType{"Projektunderstöd": domain.SupportProject, "Operativt stöd": domain.SupportOperating, "Särskilda åtgärder": domain.SupportSpecificAction}

	soTotal := map[domain.SO]domain.Cents{}
	byType := map[domain.SO]map[domain.SupportType]domain.Cents{}
	var grand domain.Cents
	var so domain.SO
	for _, l := range lines[start:] {
		if m := reSO.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			so = domain.SO(n)
			byType[so] = map[domain.SupportType]domain.Cents{}
		} else if m := reAlone.FindStringSubmatch(l); m != nil && so != 0 {
			soTotal[so] = seedCents(t, m[1])
		} else if m := reTyped.FindStringSubmatch(l); m != nil && so != 0 {
			byType[so][types[m[1]]] = seedCents(t, m[2])
		} else if m := reTotal.FindStringSubmatch(l); m != nil {
			grand = seedCents(t, m[1])
			break
		}
	}
	if len(soTotal) != 3 || grand == 0 {
		t.Fatalf("parsed Table 1 incompletely: SO totals %v, total %v", soTotal, grand)
	}

	c := defaultCatalogue(t)
	var sumSO domain.Cents
	for so := domain.SO(1); so <= 3; so++ {
		var sumTypes, sumCSV domain.Cents
		for _, st := range domain.SupportTypes {
			want := byType[so][st]
			if got := c.Allocation(so, st); got != want {
				t.Errorf("allocation SO%d %s = %s, Table 1 says %s", so, st, got, want)
			}
			sumTypes += want
			sumCSV += c.Allocation(so, st)
		}
		if sumTypes != soTotal[so] {
			t.Errorf("Table 1: SO%d support types add up to %s, its total is %s", so, sumTypes, soTotal[so])
		}
		if sumCSV != soTotal[so] {
			t.Errorf("allocations.csv: SO%d adds up to %s, Table 1 total is %s", so, sumCSV, soTotal[so])
		}
		sumSO += soTotal[so]
	}
	if sumSO != grand {
		t.Errorf("Table 1: SO totals add up to %s, its total is %s", sumSO, grand)
	}
	if want := domain.MustEuros("98577917.93"); grand != want {
		t.Errorf("Table 1 total parsed as %s, expected %s", grand, want)
	}
	var all domain.Cents
	for _, a := range c.Allocations {
		all += a.Amount
	}
	if all != grand {
		t.Errorf("allocations.csv adds up to %s, Table 1 total is %s", all, grand)
	}
}

// seedSection is what section 4 of seed 004 says about one action.
type seedSection struct {
	code          string
	firstLine     int // 1-based, for messages
	heading       string
	rates         []int
	alts          []int
	none          bool // "Indikatorer tillämpas inte"
	indicators    []string
	beneficiaries []string // the lines after "Möjliga stödmottagare", up to "Samordning"
	text          []string
}

// seedMisprints maps indicator codes seed 004 prints wrongly to the codes it means.
var seedMisprints = map[string]string{
	"O.1.5": "O.1.4.1", // 1A1: "O.1.5 antalet reparerade eller renoverade platser för ensamkommande minderåriga barn"
}

// parseSection4 splits section 4 of seed 004 into its action sections. The text layer of the PDF
// repeats a section's heading at the top of every page and sometimes prints a block of the next
// section inside an indicator list, so: a heading starts a new section only when it differs from
// the current one; indicator codes belong to the section whose "Indikatorer som ska tillämpas"
// opened the list, up to its "Ansökningstid". The operating support and pact headings carry no
// code: they are numbered in order of appearance (OS#1, OS#2 …).
func parseSection4(t *testing.T, lines []string) map[string]*seedSection {
	t.Helper()
	start := slices.IndexFunc(lines, func(l string) bool {
		return regexp.MustCompile(`^\s*4\.\s+Specifika mål, genomförandeåtgärder`).MatchString(l)
	})
	if start < 0 {
		t.Fatal("section 4 not found in seed 004")
	}
	var (
		reAction  = regexp.MustCompile(`^\s*Åtgärd ([1-3][A-D][0-9]) (.*?)\s*$`)
		reOS      = regexp.MustCompile(`^\s*Operativt stöd\s*$`)
		reSA      = regexp.MustCompile(`^\s*Särskild åtgärd genomförande av EU:s migrations- och asylavtal \(pakt\)\s*$`)
		reRate    = regexp.MustCompile(`^\s*Understöd (\d+) %`)
		reAlt     = regexp.MustCompile(`kan höjas till (\d+) procent`)
		reCode    = regexp.MustCompile(`^\s*([OR]\.[0-9](?:\.[0-9]+)+)\s`)
		reListOn  = regexp.MustCompile(`Indikatorer som ska tillämpas`)
		reNone    = regexp.MustCompile(`Indikatorer tillämpas inte`)
		reListOff = regexp.MustCompile(`^\s*Ansökningstid`)
		reBenOn   = regexp.MustCompile(`^\s*Möjliga stödmottagare\s*(.*)$`)
		reBenOff  = regexp.MustCompile(`^\s*Samordning`)
	)
	sections := map[string]*seedSection{}
	var cur, list *seedSection
	inBen := false
	nOS, nSA := 0, 0
	open := func(code string, line int, heading string) {
		if s, ok := sections[code]; ok {
			cur = s
			return
		}
		cur = &seedSection{code: code, firstLine: line, heading: heading}
		sections[code] = cur
	}
	for i, l := range lines[start:] {
		n := start + i + 1
		switch {
		case reAction.MatchString(l):
			m := reAction.FindStringSubmatch(l)
			if cur == nil || cur.code != m[1] { // not a page header repeating the current heading
				open(m[1], n, m[2])
				inBen = false
			}
			continue
		case reOS.MatchString(l):
			if cur == nil || !strings.HasPrefix(cur.code, "OS#") {
				nOS++
				open("OS#"+strconv.Itoa(nOS), n, strings.TrimSpace(l))
			}
			inBen = false
			continue
		case reSA.MatchString(l):
			if cur == nil || !strings.HasPrefix(cur.code, "SA#") {
				nSA++
				open("SA#"+strconv.Itoa(nSA), n, strings.TrimSpace(l))
			}
			inBen = false
			continue
		}
		if cur == nil {
			continue
		}
		cur.text = append(cur.text, l)
		if list != nil {
			if reNone.MatchString(l) {
				list.none = true
			}
			if m := reCode.FindStringSubmatch(l); m != nil {
				code := m[1]
				if fixed, ok := seedMisprints[code]; ok {
					code = fixed
				}
				list.indicators = append(list.indicators, code)
			}
			if reListOff.MatchString(l) {
				list = nil
			}
			continue
		}
		if reListOn.MatchString(l) {
			list = cur
			continue
		}
		if m := reRate.FindStringSubmatch(l); m != nil {
			r, _ := strconv.Atoi(m[1])
			cur.rates = append(cur.rates, r)
		}
		if m := reAlt.FindStringSubmatch(l); m != nil {
			r, _ := strconv.Atoi(m[1])
			cur.alts = append(cur.alts, r)
		}
		if m := reBenOn.FindStringSubmatch(l); m != nil {
			inBen = true
			cur.beneficiaries = append(cur.beneficiaries, m[1])
			continue
		}
		if inBen {
			if reBenOff.MatchString(l) {
				inBen = false
			} else {
				cur.beneficiaries = append(cur.beneficiaries, l)
			}
		}
	}
	return sections
}

// seedSpecialCodes says which action of the catalogue each uncoded heading of section 4 is. The
// second operating support heading is printed after the SO 3 heading in the text layer, but it is
// about residence permits (SO 2) and the test checks that below.
var seedSpecialCodes = map[string]string{"OS#1": "OS1", "OS#2": "OS2", "OS#3": "OS3", "SA#1": "SA1", "SA#2": "SA3"}

func TestActionsMatchSection4(t *testing.T) {
	sections := parseSection4(t, seed004(t))
	c := defaultCatalogue(t)

	if os2 := sections["OS#2"]; os2 == nil || !strings.Contains(strings.Join(os2.text, " "), "uppehållstillstånd") {
		t.Errorf("the second operating support section of seed 004 is expected to be about residence permits (SO 2)")
	}
	seen := map[string]bool{}
	for key, s := range sections {
		code := key
		if mapped, ok := seedSpecialCodes[key]; ok {
			code = mapped
		} else if strings.Contains(key, "#") {
			t.Errorf("seed 004 line %d: unexpected heading %q (%s)", s.firstLine, s.heading, key)
			continue
		}
		seen[code] = true
		a, ok := c.Action(code)
		if !ok {
			t.Errorf("seed 004 line %d: action %s (%s) is not in the catalogue", s.firstLine, code, s.heading)
			continue
		}
		t.Run(code, func(t *testing.T) {
			checkAction(t, a, s)
		})
	}
	for _, a := range c.Actions {
		// RS4 and TR4 stand for SO 4's thematic-facility amounts, which seed 004 describes in
		// section 1 without an action section (actions.csv says so).
		if !seen[a.Code] && a.SO != 4 {
			t.Errorf("catalogue action %s has no section in seed 004", a.Code)
		}
	}
	if len(sections) == 0 {
		t.Error("parsed no action section in seed 004")
	}
}

func checkAction(t *testing.T, a Action, s *seedSection) {
	rates := slices.Compact(slices.Sorted(slices.Values(s.rates)))
	if len(rates) != 1 {
		t.Fatalf("seed 004 line %d: section states rates %v; expected exactly one \"Understöd NN %%\"", s.firstLine, s.rates)
	}
	if a.CofinancingPct != rates[0] {
		t.Errorf("co-financing %d %%, seed 004 says %d %%", a.CofinancingPct, rates[0])
	}
	alt := 0
	for _, r := range s.alts {
		alt = max(alt, r)
	}
	if a.AltCofinancingPct != alt {
		t.Errorf("second co-financing rate %d %%, seed 004 says %d %% (0 = none)", a.AltCofinancingPct, alt)
	}
	if !strings.HasPrefix(a.Code, "OS") && !strings.HasPrefix(a.Code, "SA") {
		if !strings.HasPrefix(normalise(a.NameSV), normalise(s.heading)) {
			t.Errorf("name_sv %q does not start with the seed's heading %q", a.NameSV, s.heading)
		}
	} else if a.NameSV != s.heading {
		t.Errorf("name_sv %q, the seed's heading is %q", a.NameSV, s.heading)
	}

	if s.none && len(s.indicators) > 0 {
		t.Fatalf("seed 004 line %d: both \"Indikatorer tillämpas inte\" and codes %v", s.firstLine, s.indicators)
	}
	if !s.none && len(s.indicators) == 0 {
		t.Fatalf("seed 004 line %d: no indicator list found", s.firstLine)
	}
	want := slices.Compact(slices.Sorted(slices.Values(s.indicators)))
	got := slices.Sorted(slices.Values(a.Indicators))
	if !slices.Equal(got, want) {
		t.Errorf("indicators %v, seed 004 lists %v", got, want)
	}

	// Every word of every beneficiary the catalogue lists must be in the seed's paragraph (page
	// headers interleave the paragraph, so whole phrases are not always contiguous there).
	words := map[string]bool{}
	for _, w := range strings.Fields(normalise(joinHyphenated(s.beneficiaries))) {
		words[strings.Trim(w, ".,;")] = true
	}
	if len(a.Beneficiaries) == 0 {
		t.Errorf("no beneficiaries")
	}
	for _, b := range a.Beneficiaries {
		for _, w := range strings.Fields(normalise(b)) {
			if w = strings.Trim(w, ".,;"); w != "" && !words[w] {
				t.Errorf("beneficiary %q: word %q is not in the seed's \"Möjliga stödmottagare\" (%q)", b, w, joinHyphenated(s.beneficiaries))
			}
		}
	}
}

// joinHyphenated joins lines as the PDF broke them: a word split with a hyphen at the end of a
// line ("NMT-" + "centralen") keeps the hyphen and no space.
func joinHyphenated(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
			b.WriteByte(' ')
		}
		b.WriteString(l)
	}
	return b.String()
}

func normalise(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func TestIndicatorNamesAsSeedPrintsThem(t *testing.T) {
	lines := seed004(t)
	c := defaultCatalogue(t)
	reCode := regexp.MustCompile(`^\s*([OR]\.[0-9](?:\.[0-9]+)+)\s+(.*)$`)
	// Every printing of a code in the seed, with the next non-empty line joined (names run over two).
	printed := map[string][]string{}
	for i, l := range lines {
		m := reCode.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		text := m[2]
		for j, joined := i+1, 0; j < len(lines) && joined < 2; j++ {
			next := strings.TrimSpace(lines[j])
			if next == "" {
				continue
			}
			if reCode.MatchString(lines[j]) {
				break
			}
			text += " " + next
			joined++
		}
		printed[m[1]] = append(printed[m[1]], normalise(text))
	}
	for _, ind := range c.Indicators {
		texts := printed[ind.Code]
		if len(texts) == 0 {
			continue // not printed in seed 004 (O.1.1.2, O.3.2.1, SO 4): translated, see indicators.csv
		}
		name := strings.TrimRight(normalise(ind.NameSV), ".")
		if !slices.ContainsFunc(texts, func(s string) bool { return strings.HasPrefix(s, name) }) {
			t.Errorf("%s: name_sv %q does not begin any of the seed's printings, e.g. %q", ind.Code, ind.NameSV, texts[0])
		}
	}
}

// TestIndicatorsMatchReference holds indicators.csv and consistency_rules.csv against the
// reference list's table (§2) and its stated rules.
func TestIndicatorsMatchReference(t *testing.T) {
	lines := readShared(t, filepath.Join("reference", "indicators-and-reporting.md"))
	c := defaultCatalogue(t)
	reRow := regexp.MustCompile(`^\|\s*([OR]\.[0-9](?:\.[0-9]+)+)\s*\|\s*(output|result|of which)\s*\|(.*)\|\s*(\w+)\s*\|\s*$`)
	var codes []string
	for _, l := range lines {
		m := reRow.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		code, kind, name, unit := m[1], m[2], m[3], m[4]
		codes = append(codes, code)
		ind, ok := c.Indicator(code)
		if !ok {
			t.Errorf("reference indicator %s is not in the catalogue", code)
			continue
		}
		if kind == "of which" {
			parent := code[:strings.LastIndexByte(code, '.')]
			if ind.Parent != parent {
				t.Errorf("%s: parent %q, the reference makes it an \"of which\" of %s", code, ind.Parent, parent)
			}
			if p, _ := c.Indicator(parent); ind.Kind != p.Kind {
				t.Errorf("%s: kind %s differs from its parent's %s", code, ind.Kind, p.Kind)
			}
		} else if string(ind.Kind) != kind || ind.Parent != "" {
			t.Errorf("%s: kind %s parent %q, the reference says %s", code, ind.Kind, ind.Parent, kind)
		}
		if ind.Unit != unit {
			t.Errorf("%s: unit %q, the reference says %q", code, ind.Unit, unit)
		}
		if verify := strings.Contains(name, "(verify)"); ind.Verify != verify {
			t.Errorf("%s: verify=%v, the reference says %v", code, ind.Verify, verify)
		}
		if want, _ := strconv.Atoi(code[2:3]); int(ind.SO) != want {
			t.Errorf("%s: SO %d", code, ind.SO)
		}
	}
	if len(codes) != len(c.Indicators) {
		t.Errorf("the reference lists %d indicators, the catalogue %d", len(codes), len(c.Indicators))
	}

	// Result rules as the reference states them ("R.1.5 ≤ O.1.2"); of-which rules for every
	// sub-indicator except R.1.7.2, which counts families and is not compared with persons.
	text := strings.Join(lines, "\n")
	var wantResult []string
	for _, m := range regexp.MustCompile(`(R\.[0-9]\.[0-9]+) ≤ (O\.[0-9.]*[0-9])`).FindAllStringSubmatch(text, -1) {
		wantResult = append(wantResult, m[1]+"<="+m[2])
	}
	var gotResult []string
	for _, r := range c.RulesOfKind(ResultNotAboveOutput) {
		gotResult = append(gotResult, r.Lesser+"<="+r.Greater)
		if r.Severity != domain.SeverityWarning {
			t.Errorf("rule %s: severity %s, the reference makes result rules warnings", r.ID, r.Severity)
		}
	}
	sort.Strings(wantResult)
	sort.Strings(gotResult)
	if len(wantResult) == 0 || !slices.Equal(gotResult, wantResult) {
		t.Errorf("result rules %v, the reference states %v", gotResult, wantResult)
	}
	ofWhich := map[string]string{}
	for _, r := range c.RulesOfKind(OfWhichNotAboveParent) {
		if r.Severity != domain.SeverityError {
			t.Errorf("rule %s: severity %s, of-which rules are errors", r.ID, r.Severity)
		}
		if _, dup := ofWhich[r.Lesser]; dup {
			t.Errorf("two of-which rules for %s", r.Lesser)
		}
		ofWhich[r.Lesser] = r.Greater
	}
	for _, ind := range c.Indicators {
		if ind.Parent == "" {
			continue
		}
		_, has := ofWhich[ind.Code]
		if exempt := ind.Code == "R.1.7.2"; has == exempt {
			t.Errorf("%s: has of-which rule = %v, want %v", ind.Code, has, !exempt)
		}
	}
}

func TestCallsMatchTables2to4(t *testing.T) {
	lines := seed004(t)
	c := defaultCatalogue(t)
	calls := []string{"2025-spring", "2025-autumn", "2026-spring", "2026-autumn"}

	// The "Totala anslag i ansökningen" row of each table, its amounts possibly on the lines below.
	reAmount := regexp.MustCompile(reSeedAmount.String() + ` €`)
	var totals [][]domain.Cents
	for i, l := range lines {
		if !strings.Contains(l, "Totala anslag i ansökningen") {
			continue
		}
		var row []domain.Cents
		rest := l[strings.Index(l, "ansökningen")+len("ansökningen"):]
		for j := i; j < len(lines); j++ {
			if j > i {
				rest = lines[j]
			}
			found := reAmount.FindAllString(rest, -1)
			if strings.TrimSpace(reAmount.ReplaceAllString(rest, "")) != "" && j > i {
				break
			}
			for _, f := range found {
				row = append(row, seedCents(t, strings.TrimSuffix(f, " €")))
			}
		}
		totals = append(totals, row)
	}
	if len(totals) != 3 {
		t.Fatalf("found %d \"Totala anslag\" rows in seed 004, expected 3 (Tables 2-4)", len(totals))
	}
	for i, row := range totals {
		so := domain.SO(i + 1)
		var got []domain.Cents
		for _, call := range calls {
			for _, ca := range c.Calls {
				if ca.SO == so && ca.Code == "total" && ca.Call == call {
					got = append(got, ca.Amount)
				}
			}
		}
		if !slices.Equal(got, row) {
			t.Errorf("SO%d call totals %v, seed 004 prints %v", so, got, row)
		}
	}

	// Each itemised amount is printed in its SO's table, and items never exceed their call's total.
	tableText := map[domain.SO]string{}
	bounds := []string{"Tabell 2:", "Tabell 3:", "Tabell 4:", "4.  Specifika mål"}
	text := strings.Join(lines, "\n")
	for i := 0; i < 3; i++ {
		from := strings.Index(text, bounds[i])
		to := strings.Index(text, bounds[i+1])
		tableText[domain.SO(i+1)] = strings.Join(strings.Fields(text[from:to]), " ")
	}
	items := map[string]domain.Cents{}
	total := map[string]domain.Cents{}
	for _, ca := range c.Calls {
		key := strconv.Itoa(int(ca.SO)) + " " + ca.Call
		if ca.Code == "total" {
			total[key] = ca.Amount
			continue
		}
		items[key] += ca.Amount
		if ca.Amount > 0 && !strings.Contains(tableText[ca.SO], swedishEuros(ca.Amount)) {
			t.Errorf("SO%d %s %s: %s is not printed in the SO's table", ca.SO, ca.Code, ca.Call, swedishEuros(ca.Amount))
		}
	}
	for key, sum := range items {
		if sum > total[key] {
			t.Errorf("SO %s: itemised amounts add up to %s, above the call's total %s", key, sum, total[key])
		}
	}

	// Operating support and pact calls never open more than Table 1 allocates to them.
	for so := domain.SO(1); so <= 3; so++ {
		for prefix, st := range map[string]domain.SupportType{"OS": domain.SupportOperating, "SA": domain.SupportSpecificAction} {
			var opened domain.Cents
			for _, ca := range c.Calls {
				if ca.SO == so && strings.HasPrefix(ca.Code, prefix) {
					opened += ca.Amount
				}
			}
			if alloc := c.Allocation(so, st); opened > alloc {
				t.Errorf("SO%d %s: calls open %s, above the allocation %s", so, st, opened, alloc)
			}
		}
	}
}

// swedishEuros prints whole euros as the seed does: "1 200 000 €".
func swedishEuros(c domain.Cents) string {
	s := strconv.FormatInt(int64(c)/100, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String() + " €"
}

func TestGoalsAreLabelledAndConsistent(t *testing.T) {
	c := defaultCatalogue(t)
	// The note is what readers see: it must say "ILLUSTRATIVE" exactly when the status line does.
	if c.GoalsIllustrative != strings.Contains(c.GoalsNote, "ILLUSTRATIVE") {
		t.Errorf("status illustrative=%v but the note reads %q", c.GoalsIllustrative, c.GoalsNote)
	}
	for _, ind := range c.Indicators {
		g, ok := c.Goal(ind.Code)
		if !ok {
			t.Errorf("%s has no milestone/target row", ind.Code)
			continue
		}
		if (ind.Kind == domain.KindOutput) != (g.Milestone2024 != nil) {
			t.Errorf("%s (%s): milestone present = %v", ind.Code, ind.Kind, g.Milestone2024 != nil)
		}
		if g.Milestone2024 != nil && *g.Milestone2024 > g.Target2029 {
			t.Errorf("%s: milestone %d above target %d", ind.Code, *g.Milestone2024, g.Target2029)
		}
	}
	for _, r := range c.Rules {
		l, _ := c.Goal(r.Lesser)
		g, _ := c.Goal(r.Greater)
		if l.Target2029 > g.Target2029 {
			t.Errorf("rule %s: target of %s (%d) above that of %s (%d)", r.ID, r.Lesser, l.Target2029, r.Greater, g.Target2029)
		}
		if l.Milestone2024 != nil && g.Milestone2024 != nil && *l.Milestone2024 > *g.Milestone2024 {
			t.Errorf("rule %s: milestone of %s above that of %s", r.ID, r.Lesser, r.Greater)
		}
	}
}

func TestMeasuresAndObjectivesAsSeedNamesThem(t *testing.T) {
	lines := seed004(t)
	c := defaultCatalogue(t)
	start := slices.IndexFunc(lines, func(l string) bool {
		return regexp.MustCompile(`^\s*4\.\s+Specifika mål, genomförandeåtgärder`).MatchString(l)
	})
	reMeasure := regexp.MustCompile(`^\s*Genomförandeåtgärd ([1-3][A-D]) (.*?)\s*$`)
	headings := map[string]string{}
	for _, l := range lines[start:] {
		if m := reMeasure.FindStringSubmatch(l); m != nil {
			if _, seen := headings[m[1]]; !seen {
				headings[m[1]] = m[2]
			}
		}
	}
	if len(headings) != len(c.Measures) {
		t.Errorf("seed 004 section 4 has %d measure headings, the catalogue %d measures", len(headings), len(c.Measures))
	}
	for _, m := range c.Measures {
		h, ok := headings[m.Code]
		if !ok {
			t.Errorf("measure %s has no heading in seed 004 section 4", m.Code)
			continue
		}
		if !strings.HasPrefix(normalise(m.NameSV), strings.TrimRight(normalise(h), ";")) {
			t.Errorf("measure %s: name_sv %q does not start with the seed's heading %q", m.Code, m.NameSV, h)
		}
	}

	// Section 1 lists the objectives with their short names in brackets: "(Laglig migration och integration)".
	text := strings.Join(strings.Fields(strings.Join(lines, " ")), " ")
	for _, so := range c.SOs {
		if !strings.Contains(text, "("+so.NameSV+")") {
			t.Errorf("SO%d: %q is not among the short names seed 004 gives in brackets", so.SO, so.NameSV)
		}
	}
}
