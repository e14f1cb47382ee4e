package catalogue

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"mittari/data"
	"mittari/internal/errs"
)

// programmeFiles is the embedded catalogue as editable text, one entry per file.
func programmeFiles(t testing.TB) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, name := range fileNames {
		b, err := fs.ReadFile(data.Programme(), name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(b)
	}
	return files
}

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, content := range files {
		m[name] = &fstest.MapFile{Data: []byte(content)}
	}
	return m
}

// lineOf is the 1-based line of the first line of content that contains s.
func lineOf(t *testing.T, content, s string) int {
	t.Helper()
	for i, l := range strings.Split(content, "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("%q not in the file", s)
	return 0
}

func appendLine(line string) func(string) string {
	return func(s string) string { return s + line + "\n" }
}

func replace(old, new string) func(string) string {
	return func(s string) string {
		if !strings.Contains(s, old) {
			panic("test edit: " + old + " not found")
		}
		return strings.Replace(s, old, new, 1)
	}
}

func TestLoadErrors(t *testing.T) {
	base := programmeFiles(t)
	lines := func(file string) int { return strings.Count(base[file], "\n") + 1 }
	cases := []struct {
		name string
		file string
		edit func(string) string
		// where is "file:line:column" (column counted from 1) or another subject the error must name.
		where string
		want  string
		kind  errs.Kind
	}{
		{"money with a decimal comma", FileFinancialPlan, replace("1,project,21796298.77", `1,project,"21796298,77"`),
			FileFinancialPlan + ":" + strconv.Itoa(lineOf(t, base[FileFinancialPlan], "1,project,21796298.77")) + ":3",
			`union_eur: "21796298,77" is not a decimal number`, errs.Config},
		{"money with three decimals", FileCalls, replace("1,OS1,2025-autumn,3023136.00", "1,OS1,2025-autumn,3023136.001"),
			FileCalls + ":" + strconv.Itoa(lineOf(t, base[FileCalls], "1,OS1,2025-autumn")) + ":4",
			"more than two decimals", errs.Config},
		{"negative allocation", FileFinancialPlan, replace("3,operating,6032264.43", "3,operating,-6032264.43"),
			FileFinancialPlan + ":" + strconv.Itoa(lineOf(t, base[FileFinancialPlan], "3,operating,")) + ":3",
			"is negative", errs.Config},
		{"unknown parent", FileIndicators, appendLine("O.1.9.1,1,output,O.1.9,places,x,y,false"),
			FileIndicators + ":" + strconv.Itoa(lines(FileIndicators)) + ":4",
			"parent: O.1.9 is not listed above O.1.9.1", errs.Config},
		{"parent that is not the code's parent", FileIndicators, appendLine("O.2.3.9,2,output,O.2.2,participants,x,y,false"),
			FileIndicators + ":" + strconv.Itoa(lines(FileIndicators)) + ":4",
			"must name its parent O.2.3", errs.Config},
		{"duplicate indicator code", FileIndicators, appendLine("O.2.3,2,output,,participants,x,y,false"),
			FileIndicators + ":" + strconv.Itoa(lines(FileIndicators)) + ":1",
			"indicator O.2.3 is listed twice", errs.Config},
		{"duplicate action code", FileActions, appendLine("2D2,2,2D,project,x,y,75,0,z"),
			FileActions + ":" + strconv.Itoa(lines(FileActions)) + ":1",
			"action 2D2 is listed twice", errs.Config},
		{"kind contradicting the code", FileIndicators, replace("R.3.8,3,result,", "R.3.8,3,output,"),
			FileIndicators + ":" + strconv.Itoa(lineOf(t, base[FileIndicators], "R.3.8,3,")) + ":3",
			"indicator R.3.8 is result by its code (R.), not output", errs.Config},
		{"indicator of another SO", FileIndicators, replace("O.2.6,2,", "O.2.6,3,"),
			FileIndicators + ":" + strconv.Itoa(lineOf(t, base[FileIndicators], "O.2.6,2,")) + ":2",
			"belongs to specific objective 2, not 3", errs.Config},
		{"rate out of range", FileActions, replace("1A2,1,1A,project,Förbättrande av effektiviteten och beredskapen i asylförfarandet,Improving the efficiency and preparedness of the asylum procedure,75,", "1A2,1,1A,project,Förbättrande av effektiviteten och beredskapen i asylförfarandet,Improving the efficiency and preparedness of the asylum procedure,175,"),
			FileActions + ":" + strconv.Itoa(lineOf(t, base[FileActions], "1A2,1,1A")) + ":7",
			`cofinancing_pct: "175" is not a rate`, errs.Config},
		{"second rate not above the first", FileActions, replace("ändringarna i EU-lagstiftningen,Adapting the national asylum system to the changes in EU legislation,75,90,", "ändringarna i EU-lagstiftningen,Adapting the national asylum system to the changes in EU legislation,75,75,"),
			FileActions + ":" + strconv.Itoa(lineOf(t, base[FileActions], "1A1,1,1A")) + ":8",
			"75 % is not above the action's rate of 75 %", errs.Config},
		{"operating support inside a measure", FileActions, replace("OS2,2,,operating", "OS2,2,2B,operating"),
			FileActions + ":" + strconv.Itoa(lineOf(t, base[FileActions], "OS2,2,,operating")) + ":3",
			"belong to no measure", errs.Config},
		{"unknown indicator under an action", FileActionIndicators, appendLine("2D1,O.2.99"),
			FileActionIndicators + ":" + strconv.Itoa(lines(FileActionIndicators)) + ":2",
			`indicator "O.2.99" is not in indicators.csv`, errs.Config},
		{"unknown action", FileActionIndicators, appendLine("9Z9,O.2.2"),
			FileActionIndicators + ":" + strconv.Itoa(lines(FileActionIndicators)) + ":1",
			`action "9Z9" is not in actions.csv`, errs.Config},
		{"indicator listed twice for an action", FileActionIndicators, appendLine("2D1,O.2.2"),
			FileActionIndicators + ":" + strconv.Itoa(lines(FileActionIndicators)) + ":2",
			"O.2.2 is listed twice for action 2D1", errs.Config},
		{"unknown rule kind", FileConsistencyRules, replace("result-R.2.8,result_le_output", "result-R.2.8,result_below_output"),
			FileConsistencyRules + ":" + strconv.Itoa(lineOf(t, base[FileConsistencyRules], "result-R.2.8,")) + ":2",
			`"result_below_output" is not one of of_which_le_parent, result_le_output`, errs.Config},
		{"of-which rule against a non-parent", FileConsistencyRules, replace("ofwhich-O.2.3.1,of_which_le_parent,O.2.3.1,O.2.3,", "ofwhich-O.2.3.1,of_which_le_parent,O.2.3.1,O.2.2,"),
			"catalogue", "O.2.3.1 is not an \"of which\" of O.2.2", errs.Config},
		{"milestone for a result", FileMilestonesTargets, replace("R.2.9,,9000", "R.2.9,5,9000"),
			FileMilestonesTargets + ":" + strconv.Itoa(lineOf(t, base[FileMilestonesTargets], "R.2.9,,")) + ":2",
			"only output indicators have a 2024 milestone", errs.Config},
		{"fractional target", FileMilestonesTargets, replace("O.2.7,5,40", "O.2.7,5,40.5"),
			FileMilestonesTargets + ":" + strconv.Itoa(lineOf(t, base[FileMilestonesTargets], "O.2.7,5,40")) + ":3",
			`"40.5" is not a whole number`, errs.Config},
		{"goals without a status line", FileMilestonesTargets, replace("# status: illustrative", "# illustrative"),
			FileMilestonesTargets + ":header", "# status: illustrative", errs.Config},
		{"missing column", FileMeasures, replace("measure,so,name_en,name_sv", "measure,objective,name_en,name_sv"),
			FileMeasures + ":header", "missing column(s) so", errs.Config},
		{"row with a missing field", FileSpecificObjectives, appendLine("5,Five"),
			FileSpecificObjectives + ":" + strconv.Itoa(lines(FileSpecificObjectives)), "wrong number of fields", errs.Config},
		{"unterminated quote", FileMeasures, appendLine(`3E,3,"Never closed,x`),
			FileMeasures + ":", "extraneous or missing \" in quoted-field", errs.Config},
		{"empty file", FileCalls, func(string) string { return "" }, FileCalls, "no header row", errs.Config},
		{"missing file", FileCalls, nil, FileCalls, "file does not exist", errs.NotFound},
		{"not UTF-8", FileSpecificObjectives, appendLine("4,Solidarit\xe9,x"),
			FileSpecificObjectives + ":" + strconv.Itoa(lines(FileSpecificObjectives)) + ":12", "not UTF-8 text", errs.Config},
		{"negative national contribution", FileFinancialPlan, replace("2,project,29300852.27,9766950.76,", "2,project,29300852.27,-9766950.76,"),
			FileFinancialPlan + ":" + strconv.Itoa(lineOf(t, base[FileFinancialPlan], "2,project,29300852.27")) + ":4",
			"is negative", errs.Config},
		{"plan rate out of range", FileFinancialPlan, replace("3,specific_action,1035000.00,115000.00,90,", "3,specific_action,1035000.00,115000.00,0,"),
			FileFinancialPlan + ":" + strconv.Itoa(lineOf(t, base[FileFinancialPlan], "3,specific_action,1035000.00")) + ":5",
			`cofinancing_pct: "0" is not a rate in whole per cent from 1 to 100`, errs.Config},
		{"plan without a technical-assistance row", FileFinancialPlan, replace("TA,all,5914675.08", "4,project,5914675.08"),
			FileFinancialPlan, "no technical-assistance row", errs.Config},
		{"plan row listed twice", FileFinancialPlan, appendLine("1,operating,1.00,0.00,100,x"),
			FileFinancialPlan + ":" + strconv.Itoa(lines(FileFinancialPlan)) + ":2",
			"the plan of specific objective 1 for operating is listed twice", errs.Config},
		{"adopted plan with a derived row", FileFinancialPlan, replace("# status: derived", "# status: adopted"),
			FileFinancialPlan + ":" + strconv.Itoa(lineOf(t, base[FileFinancialPlan], "1,project,21796298.77")) + ":6",
			`every row's basis must be "adopted"`, errs.Config},
		{"plan without a basis", FileFinancialPlan, replace("3,operating,6032264.43,0.00,100,union: seed 004 Table 1; national: derived from the 100 % rate", "3,operating,6032264.43,0.00,100,"),
			FileFinancialPlan + ":" + strconv.Itoa(lineOf(t, base[FileFinancialPlan], "3,operating,6032264.43")) + ":6",
			"basis: empty", errs.Config},
		{"intervention code listed twice", FileInterventionCodes, appendLine("type_of_action,013,,Equipment,Utrustning,unverified"),
			FileInterventionCodes + ":" + strconv.Itoa(lines(FileInterventionCodes)) + ":2",
			"type_of_action 013 is listed twice", errs.Config},
		{"intervention code status unknown", FileInterventionCodes, replace("Equipment,Utrustning,unverified", "Equipment,Utrustning,probably"),
			FileInterventionCodes + ":" + strconv.Itoa(lineOf(t, base[FileInterventionCodes], "Equipment,Utrustning")) + ":6",
			`"probably" is not one of verified, unverified, local`, errs.Config},
		{"codes without a status line", FileInterventionCodes, replace("# status: unverified", "# unverified"),
			FileInterventionCodes + ":header", "# status: unverified", errs.Config},
		{"type of action given an objective", FileInterventionCodes, replace("type_of_action,012,,", "type_of_action,012,2,"),
			FileInterventionCodes + ":" + strconv.Itoa(lineOf(t, base[FileInterventionCodes], "type_of_action,012,")) + ":3",
			"only an intervention field belongs to a specific objective", errs.Config},
		{"default code not in the list", FileActionInterventions, replace("2D2,011,003,000", "2D2,011,099,000"),
			FileActionInterventions + ":" + strconv.Itoa(lineOf(t, base[FileActionInterventions], "2D2,011,")) + ":3",
			`"099" is not a type_of_action code of intervention_codes.csv`, errs.Config},
		{"default intervention field of another objective", FileActionInterventions, replace("3C1,022,", "3C1,002,"),
			FileActionInterventions + ":" + strconv.Itoa(lineOf(t, base[FileActionInterventions], "3C1,022,")) + ":2",
			"intervention field 002 is not one of specific objective 3", errs.Config},
		{"action without default codes", FileActionInterventions, replace("TR4,029,011,000,assumed: chosen from the action's objective (seed 004 §4)\n", ""),
			FileActionInterventions, "action TR4 has no row", errs.Config},
		{"SO 4 line in another objective", FileActions, replace("TR4,4,,specific_action", "TR4,3,,specific_action"),
			FileActions + ":" + strconv.Itoa(lineOf(t, base[FileActions], "TR4,4,,")) + ":2",
			"TR4 belongs to specific objective 4, not 3", errs.Config},
		{"call code of another SO", FileCalls, appendLine("2,1A,2027-spring,1.00"),
			FileCalls + ":" + strconv.Itoa(lines(FileCalls)) + ":2", "1A is not in specific objective 2", errs.Config},
		{"report due in days and a half", FileReporting, replace("H1,46,", "H1,46.5,"),
			FileReporting + ":" + strconv.Itoa(lineOf(t, base[FileReporting], "H1,46,")) + ":2", "not a whole number", errs.Config},
		{"report due after more than a year", FileReporting, replace("final,60,", "final,400,"),
			FileReporting + ":" + strconv.Itoa(lineOf(t, base[FileReporting], "final,60,")) + ":2", "at most 366 days", errs.Config},
		{"unknown kind of report", FileReporting, replace("H2,46,", "Q3,46,"),
			FileReporting + ":" + strconv.Itoa(lineOf(t, base[FileReporting], "H2,46,")) + ":1", "Q3", errs.Config},
		{"kind of report twice", FileReporting, appendLine("H1,30,assumed"),
			FileReporting + ":" + strconv.Itoa(lines(FileReporting)) + ":1", "H1 is listed twice", errs.Config},
		{"no final report", FileReporting, replace("final,60,", "H2,60,"),
			FileReporting + ":" + strconv.Itoa(lineOf(t, base[FileReporting], "final,60,")) + ":1", "H2 is listed twice", errs.Config},
		{"missing kind of report", FileReporting, func(s string) string { return s[:strings.Index(s, "final,60,")] },
			FileReporting, "no row for the final report", errs.Config},
		{"deadlines without a status line", FileReporting, replace("# status: assumed", "# assumed"),
			FileReporting + ":header", "status", errs.Config},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := programmeFiles(t)
			if tc.edit == nil {
				delete(files, tc.file)
			} else {
				files[tc.file] = tc.edit(files[tc.file])
			}
			_, err := Load(mapFS(files))
			if err == nil {
				t.Fatal("Load accepted the broken catalogue")
			}
			msg := err.Error()
			t.Log(msg)
			if !strings.HasPrefix(msg, tc.where) {
				t.Errorf("error does not name %q:\n%s", tc.where, msg)
			}
			if !strings.Contains(msg, tc.want) {
				t.Errorf("error does not say %q:\n%s", tc.want, msg)
			}
			if !errs.Is(tc.kind, err) {
				t.Errorf("error is not of kind %v:\n%s", tc.kind, msg)
			}
		})
	}
}

func TestLoadAcceptsSpreadsheetHabits(t *testing.T) {
	files := programmeFiles(t)
	// A byte order mark, CRLF line ends, columns in another order and an extra column for the
	// reviewer's notes are all fine.
	files[FileFinancialPlan] = "\ufeff# status: derived\r\n# note: Table 1\r\n" +
		"union_eur,so,reviewer_note,support_type,cofinancing_pct,national_eur,basis\r\n" +
		"21796298.77,1,checked,project,75,7265432.92,\"union: seed 004 Table 1; national: derived from the 75 % rate\"\r\n" +
		"8700120.80,1,,operating,100,0.00,union: seed 004 Table 1; national: derived from the 100 % rate\r\n" +
		"24485206.61,1,,specific_action,90,2720578.51,union: seed 004 Table 1; national: derived from the 90 % rate\r\n" +
		"5914675.08,TA,,all,100,0,derived\r\n"
	c, err := Load(mapFS(files))
	if err != nil {
		t.Fatal(err)
	}
	def := defaultCatalogue(t)
	if len(c.Allocations) != 3 || c.Allocations[0] != def.Allocations[0] || c.Allocations[2] != def.Allocations[2] {
		t.Errorf("allocations read as %v, want the first three of %v", c.Allocations, def.Allocations)
	}
}

func TestLoadGoalStatusAndHash(t *testing.T) {
	files := programmeFiles(t)
	def, err := Load(mapFS(files))
	if err != nil {
		t.Fatal(err)
	}
	if !def.GoalsIllustrative || !strings.HasPrefix(def.GoalsNote, "ILLUSTRATIVE") {
		t.Errorf("default goals: illustrative=%v note=%q", def.GoalsIllustrative, def.GoalsNote)
	}
	// The reporting deadlines are assumed (15 August, 15 February, two months after the end),
	// and say so.
	if !def.ReportingAssumed || !strings.HasPrefix(def.ReportingNote, "ASSUMED") || len(def.Reporting) != 3 {
		t.Errorf("default reporting deadlines: assumed=%v note=%q rows %v", def.ReportingAssumed, def.ReportingNote, def.Reporting)
	}
	for report, days := range map[string]int{ReportH1: 46, ReportH2: 46, ReportFinal: 60} {
		if d, ok := def.Due(report); !ok || d.DueDays != days {
			t.Errorf("the %s report is due %d days after its period (%v), want %d", report, d.DueDays, ok, days)
		}
	}
	if len(def.Hash) != 64 {
		t.Errorf("hash %q is not a hex SHA-256", def.Hash)
	}
	if again, _ := Default(); again.Hash != def.Hash {
		t.Errorf("the embedded catalogue and the same files in a MapFS hash differently: %s, %s", again.Hash, def.Hash)
	}

	files[FileMilestonesTargets] = strings.NewReplacer(
		"# status: illustrative", "# status: adopted",
		"# note: ILLUSTRATIVE", "# note: Adopted programme C(2022) 0000, table 2. Formerly ILLUSTRATIVE",
	).Replace(files[FileMilestonesTargets])
	adopted, err := Load(mapFS(files))
	if err != nil {
		t.Fatal(err)
	}
	if adopted.GoalsIllustrative || !strings.HasPrefix(adopted.GoalsNote, "Adopted programme") {
		t.Errorf("adopted goals: illustrative=%v note=%q", adopted.GoalsIllustrative, adopted.GoalsNote)
	}
	if adopted.Hash == def.Hash {
		t.Error("changing a file did not change the hash")
	}

	// The hash covers names too: the same bytes under another name are another catalogue.
	files = programmeFiles(t)
	files["extra.csv"] = "x\n"
	withExtra, err := Load(mapFS(files))
	if err != nil {
		t.Fatal(err)
	}
	if withExtra.Hash != def.Hash {
		t.Error("a file Load does not read changed the hash")
	}
}

func TestLoadErrorsAreNotPanics(t *testing.T) {
	// Files whose every row is broken in turn must each give an error, never a panic or a
	// catalogue; this runs the positioned paths for every column of every file.
	base := programmeFiles(t)
	for _, name := range fileNames {
		content := base[name]
		rows := strings.Split(content, "\n")
		for i, row := range rows {
			if row == "" || strings.HasPrefix(row, "#") || !strings.Contains(row, ",") {
				continue
			}
			if i == firstDataLine(rows)-1 {
				continue // the header
			}
			broken := append([]string(nil), rows...)
			broken[i] = strings.Repeat("?,", strings.Count(row, ",")) + "?"
			files := programmeFiles(t)
			files[name] = strings.Join(broken, "\n")
			_, err := Load(mapFS(files))
			if err == nil {
				t.Errorf("%s line %d of question marks was accepted", name, i+1)
				continue
			}
			if !strings.Contains(err.Error(), name+":"+strconv.Itoa(i+1)+":") {
				t.Errorf("%s line %d: error does not point at it: %v", name, i+1, err)
			}
			var e *errs.Error
			if !errors.As(err, &e) {
				t.Errorf("not an errs.Error: %v", err)
			}
		}
	}
}

// namesCatalogueFile says whether an error message starts with the catalogue file it is about
// (or with "catalogue" when it is about the catalogue as a whole).
func namesCatalogueFile(msg string) bool {
	if strings.HasPrefix(msg, "catalogue: ") {
		return true
	}
	for _, name := range fileNames {
		if strings.HasPrefix(msg, name+":") {
			return true
		}
	}
	return false
}

func firstDataLine(rows []string) int {
	for i, r := range rows {
		if strings.TrimSpace(r) != "" && !strings.HasPrefix(r, "#") {
			return i + 1
		}
	}
	return 0
}

// FuzzLoad replaces one catalogue file with arbitrary bytes: Load must return a catalogue that
// New accepts or an error that names a file, never panic.
func FuzzLoad(f *testing.F) {
	base := programmeFiles(f)
	for i, name := range fileNames {
		f.Add(uint8(i), []byte(base[name]))
	}
	f.Fuzz(func(t *testing.T, which uint8, content []byte) {
		name := fileNames[int(which)%len(fileNames)]
		files := programmeFiles(t)
		files[name] = string(content)
		c, err := Load(mapFS(files))
		if err != nil {
			if !namesCatalogueFile(err.Error()) || !errs.Is(errs.Config, err) {
				t.Fatalf("error without place or kind: %v", err)
			}
			return
		}
		if _, err := New(c.Parts); err != nil {
			t.Fatalf("Load returned a catalogue New rejects: %v", err)
		}
		for _, a := range c.Actions {
			for _, code := range a.Indicators {
				if _, ok := c.Indicator(code); !ok || !c.Applies(a.Code, code) {
					t.Fatalf("action %s lists %s, which does not resolve", a.Code, code)
				}
			}
		}
	})
}
