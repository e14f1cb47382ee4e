package transform

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"time"

	"mittari/domain"
	"mittari/metrics"
)

// The report site reads its figures from its marts and the rows behind them with the queries of
// queries/site_*.sql. Lists that grow with the warehouse are capped where they are read, each with its full
// count, so that a Commission-wide warehouse gives a site of bounded size.
const (
	// siteListed bounds the outstanding rejections, the warnings and the versions of the latest
	// run listed.
	siteListed = 200
	// siteFindingsPerRejection bounds the findings listed for one rejection.
	siteFindingsPerRejection = 20
	// siteHeatmapProjects bounds the projects of the completeness heatmap (worst first).
	siteHeatmapProjects = 120
	// siteLineageRows bounds the projects listed behind an indicator and the operations behind
	// the money of an SO and support type at the latest cut-off; siteLineageRowsEarlier the
	// operations at each earlier one (a list per cut-off would otherwise make the lineage page
	// the size of the register times the cut-offs).
	siteLineageRows        = 100
	siteLineageRowsEarlier = 10
	// siteProjectPages bounds the projects that get a page of their own (those the other pages
	// link to first).
	siteProjectPages = 500
)

// siteQueries are the site's queries by the name the readers give them (queries/site_<name>.sql).
var siteQueries = map[string]namedQuery{}

func init() {
	for _, name := range []string{"progress", "so_status", "finance", "intake", "latest_versions", "rejections",
		"rejections_table", "rejection_findings", "warnings", "completeness_totals", "completeness", "latest_cutoff",
		"lineage_indicators", "lineage_operations", "linked_table", "projects", "projects_read", "project_indicators",
		"project_declared", "project_reports", "project_versions", "versions_table", "project_changes"} {
		siteQueries[name] = sqlQuery("site_" + name)
	}
}

// querySite runs the site query name with args and calls scan for each row.
func querySite(ctx context.Context, conn *sql.Conn, name string, args []queryArg, scan func(*sql.Rows) error) error {
	defer traced("site_" + name)()
	return query(ctx, conn, siteQueries[name], scan, args...)
}

// readSite reads what the report site shows beyond the Commission tables, after the models
// have run as of the session's as_of. Everything it reads is complete after an incremental run
// too: the marts run in full, and the per-project queries read the warehouse's own tables.
func readSite(ctx context.Context, conn *sql.Conn) (*metrics.Site, error) {
	site := &metrics.Site{}
	for _, read := range []func(context.Context, *sql.Conn, *metrics.Site) error{
		readSiteProgress, readSiteFinance, readSiteIntake, readSiteRejections, readSiteWarnings,
		readSiteCompleteness, readSiteLineage, readSiteProjects,
	} {
		if err := read(ctx, conn, site); err != nil {
			return nil, err
		}
	}
	return site, nil
}

func dateOf(t time.Time) domain.Date { return domain.DateOf(t.UTC()) }

func readSiteProgress(ctx context.Context, conn *sql.Conn, site *metrics.Site) error {
	err := querySite(ctx, conn, "progress", nil, func(r *sql.Rows) error {
		var v metrics.IndicatorProgress
		var c, check time.Time
		var milestone, target, projected, atCheck, ofTarget, selOfTarget, projOfTarget, ofMilestone sql.NullInt64
		var status string
		if err := r.Scan(&c, &v.SO, &v.Indicator, &v.Main, &v.Selected, &v.Achieved, &milestone, &target, &projected,
			&ofTarget, &selOfTarget, &projOfTarget, &check, &atCheck, &ofMilestone, &status); err != nil {
			return err
		}
		v.Cutoff, v.MilestoneCheck = cutoffOf(c), cutoffOf(check)
		v.Milestone2024, v.Target2029, v.Projected, v.AchievedAtMilestoneCheck = nullable(milestone), nullable(target), nullable(projected), nullable(atCheck)
		v.AchievedOfTarget, v.SelectedOfTarget, v.ProjectedOfTarget, v.AchievedOfMilestone =
			pctOf(ofTarget), pctOf(selOfTarget), pctOf(projOfTarget), pctOf(ofMilestone)
		v.Status = metrics.Status(status)
		site.Progress = append(site.Progress, v)
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(site.Progress, func(a, b metrics.IndicatorProgress) int {
		return cmp.Or(cmp.Compare(a.Cutoff.Date, b.Cutoff.Date), cmp.Compare(a.SO, b.SO), metrics.CompareIndicatorCodes(a.Indicator, b.Indicator))
	})
	return querySite(ctx, conn, "so_status", nil, func(r *sql.Rows) error {
		var v metrics.SOStatus
		var c time.Time
		var status string
		if err := r.Scan(&c, &v.SO, &v.Assessed, &v.OnTrack, &v.AtRisk, &v.Behind, &status); err != nil {
			return err
		}
		v.Cutoff, v.Status = cutoffOf(c), metrics.Status(status)
		site.SOStatus = append(site.SOStatus, v)
		return nil
	})
}

func readSiteFinance(ctx context.Context, conn *sql.Conn, site *metrics.Site) error {
	return querySite(ctx, conn, "finance", nil, func(r *sql.Rows) error {
		var v metrics.FinanceProgress
		var c time.Time
		var so sql.NullInt64
		var eligible, public, eu, declared, allocation, total int64
		var rate, selected, absorbed sql.NullInt64
		if err := r.Scan(&c, &so, &v.SOCode, &v.SupportType, &v.SelectedOperations, &eligible, &public, &eu, &declared,
			&allocation, &total, &rate, &selected, &absorbed, &v.PlanBasis); err != nil {
			return err
		}
		v.Cutoff, v.SO = cutoffOf(c), domain.SO(so.Int64)
		v.EligibleCost, v.PublicEligibleCost, v.EUContribution, v.Declared = domain.Cents(eligible), domain.Cents(public), domain.Cents(eu), domain.Cents(declared)
		v.Allocation, v.TotalAllocation = domain.Cents(allocation), domain.Cents(total)
		v.CofinancingRate, v.SelectedOfTotal, v.DeclaredOfTotal = pctOf(rate), pctOf(selected), pctOf(absorbed)
		site.Finance = append(site.Finance, v)
		return nil
	})
}

func readSiteIntake(ctx context.Context, conn *sql.Conn, site *metrics.Site) error {
	err := querySite(ctx, conn, "intake", nil, func(r *sql.Rows) error {
		var v metrics.RunIntake
		if err := r.Scan(&v.RunID, &v.StartedAt, &v.Versions, &v.NewReports, &v.Corrections, &v.Projects,
			&v.RejectedReports, &v.Register); err != nil {
			return err
		}
		v.StartedAt = v.StartedAt.UTC()
		site.Intake = append(site.Intake, v)
		return nil
	})
	if err != nil {
		return err
	}
	return querySite(ctx, conn, "latest_versions", []queryArg{param("limit", siteListed)}, func(r *sql.Rows) error {
		var v metrics.IntakeVersion
		var start, end time.Time
		if err := r.Scan(&v.ProjectID, &start, &end, &v.SubmittedAt, &v.SourceFile, &v.Correction, &site.LatestVersionsTotal); err != nil {
			return err
		}
		v.PeriodStart, v.PeriodEnd = dateOf(start), dateOf(end)
		site.LatestVersions = append(site.LatestVersions, v)
		return nil
	})
}

func readSiteRejections(ctx context.Context, conn *sql.Conn, site *metrics.Site) error {
	var keys [][]any
	err := querySite(ctx, conn, "rejections", []queryArg{param("limit", siteListed)}, func(r *sql.Rows) error {
		var v metrics.Rejection
		var start, end sql.NullTime
		var sha string
		if err := r.Scan(&v.Kind, &v.Subject, &v.ProjectID, &start, &end, &v.Rejections, &v.LastRejectedAt,
			&v.SourceFile, &sha, &site.RejectionsTotal); err != nil {
			return err
		}
		if start.Valid && end.Valid {
			v.PeriodStart, v.PeriodEnd = dateOf(start.Time), dateOf(end.Time)
		}
		keys = append(keys, []any{v.Kind, v.Subject, sha, v.LastRejectedAt})
		v.LastRejectedAt = v.LastRejectedAt.UTC()
		site.Rejections = append(site.Rejections, v)
		return nil
	})
	if err != nil || len(keys) == 0 {
		return err
	}
	if err := execQuery(ctx, conn, siteQueries["rejections_table"]); err != nil {
		return err
	}
	if err := appendRows(ctx, conn, "site_rejections", keys); err != nil {
		return err
	}
	at := map[[2]string]int{}
	for i, v := range site.Rejections {
		at[[2]string{v.Kind, v.Subject}] = i
	}
	return querySite(ctx, conn, "rejection_findings", []queryArg{param("limit", siteFindingsPerRejection)}, func(r *sql.Rows) error {
		var kind, subject, severity string
		var f metrics.StoredFinding
		var total int
		if err := r.Scan(&kind, &subject, &f.Rule, &severity, &f.Place, &f.Value, &f.Message, &f.Report, &f.SourceFile,
			&f.IngestedAt, &total); err != nil {
			return err
		}
		f.Severity, f.IngestedAt = domain.Severity(severity), f.IngestedAt.UTC()
		rej := &site.Rejections[at[[2]string{kind, subject}]]
		rej.Findings, rej.FindingsTotal = append(rej.Findings, f), total
		return nil
	})
}

func readSiteWarnings(ctx context.Context, conn *sql.Conn, site *metrics.Site) error {
	return querySite(ctx, conn, "warnings", []queryArg{param("limit", siteListed)}, func(r *sql.Rows) error {
		var f metrics.StoredFinding
		var severity string
		if err := r.Scan(&f.IngestedAt, &f.Report, &f.SourceFile, &f.Rule, &severity, &f.Place, &f.Value, &f.Message,
			&site.WarningsTotal); err != nil {
			return err
		}
		f.Severity, f.IngestedAt = domain.Severity(severity), f.IngestedAt.UTC()
		site.Warnings = append(site.Warnings, f)
		return nil
	})
}

func readSiteCompleteness(ctx context.Context, conn *sql.Conn, site *metrics.Site) error {
	err := querySite(ctx, conn, "completeness_totals", nil, func(r *sql.Rows) error {
		var v metrics.CompletenessTotal
		var c time.Time
		if err := r.Scan(&c, &v.SO, &v.Expected, &v.Received, &v.Late, &v.Missing); err != nil {
			return err
		}
		v.Cutoff = cutoffOf(c)
		site.CompletenessTotals = append(site.CompletenessTotals, v)
		return nil
	})
	if err != nil {
		return err
	}
	return querySite(ctx, conn, "completeness", []queryArg{param("limit", siteHeatmapProjects)}, func(r *sql.Rows) error {
		var row metrics.CompletenessRow
		var cell metrics.CompletenessCell
		var c, start, end time.Time
		if err := r.Scan(&row.ProjectID, &row.SO, &row.Missing, &row.Late, &row.OnTime, &site.CompletenessProjects,
			&c, &start, &end, &cell.State); err != nil {
			return err
		}
		site.CompletenessCutoff = cutoffOf(c)
		cell.HalfStart, cell.HalfEnd = dateOf(start), dateOf(end)
		if n := len(site.Completeness); n == 0 || site.Completeness[n-1].ProjectID != row.ProjectID {
			site.Completeness = append(site.Completeness, row)
		}
		last := &site.Completeness[len(site.Completeness)-1]
		last.Cells = append(last.Cells, cell)
		return nil
	})
}

func readSiteLineage(ctx context.Context, conn *sql.Conn, site *metrics.Site) error {
	var latest sql.NullTime
	if err := queryRow(ctx, conn, siteQueries["latest_cutoff"], []any{&latest}); err != nil {
		return err
	}
	if latest.Valid {
		site.LineageCutoff = cutoffOf(latest.Time)
	}
	err := querySite(ctx, conn, "lineage_indicators", []queryArg{param("limit", siteLineageRows)}, func(r *sql.Rows) error {
		var v metrics.IndicatorMember
		var total int64
		if err := r.Scan(&v.Indicator, &v.ProjectID, &v.Selected, &v.Achieved, &total); err != nil {
			return err
		}
		if n := len(site.IndicatorCounts); n == 0 || site.IndicatorCounts[n-1].Indicator != v.Indicator {
			site.IndicatorCounts = append(site.IndicatorCounts, metrics.IndicatorMemberCount{Indicator: v.Indicator, Projects: total})
		}
		site.IndicatorRows = append(site.IndicatorRows, v)
		return nil
	})
	if err != nil {
		return err
	}
	return querySite(ctx, conn, "lineage_operations", []queryArg{param("limit_latest", siteLineageRows), param("limit_earlier", siteLineageRowsEarlier)}, func(r *sql.Rows) error {
		var v metrics.Operation
		var c time.Time
		var eligible, eu, total int64
		if err := r.Scan(&c, &v.SO, &v.SupportType, &v.ProjectID, &v.Action, &eligible, &eu, &total); err != nil {
			return err
		}
		v.Cutoff = cutoffOf(c)
		v.EligibleCost, v.EUContribution = domain.Cents(eligible), domain.Cents(eu)
		if n := len(site.OperationCounts); n == 0 || site.OperationCounts[n-1].Cutoff != v.Cutoff ||
			site.OperationCounts[n-1].SO != v.SO || site.OperationCounts[n-1].SupportType != v.SupportType {
			site.OperationCounts = append(site.OperationCounts, metrics.OperationCount{Cutoff: v.Cutoff, SO: v.SO,
				SupportType: v.SupportType, Operations: total})
		}
		site.Operations = append(site.Operations, v)
		return nil
	})
}

// readSiteProjects reads the projects that get a page: their register row, targets and achieved
// values, and every version of their reports with what domain.ResolveInForce decides of it and
// what it changed.
func readSiteProjects(ctx context.Context, conn *sql.Conn, site *metrics.Site) error {
	if err := linkedProjects(ctx, conn, site); err != nil {
		return err
	}
	if err := execQuery(ctx, conn, siteQueries["projects"], param("limit", siteProjectPages)); err != nil {
		return err
	}
	err := querySite(ctx, conn, "projects_read", nil, func(r *sql.Rows) error {
		var p metrics.ProjectDetail
		var start, end, selected time.Time
		var eligible, eu int64
		if err := r.Scan(&p.ID, &p.Title, &p.Beneficiary, &p.BeneficiaryType, &p.Action, &p.SO, &p.SupportType,
			&start, &end, &selected, &p.Status, &eligible, &eu, &site.ProjectsTotal); err != nil {
			return err
		}
		p.Start, p.End, p.SelectedOn = dateOf(start), dateOf(end), dateOf(selected)
		p.EligibleCost, p.EUContribution = domain.Cents(eligible), domain.Cents(eu)
		site.Projects = append(site.Projects, p)
		return nil
	})
	if err != nil || len(site.Projects) == 0 {
		return err
	}
	byID := map[string]*metrics.ProjectDetail{}
	for i := range site.Projects {
		byID[site.Projects[i].ID] = &site.Projects[i]
	}
	err = querySite(ctx, conn, "project_indicators", nil, func(r *sql.Rows) error {
		var id string
		var v metrics.ProjectIndicator
		var target, share sql.NullInt64
		if err := r.Scan(&id, &v.Indicator, &target, &v.Achieved, &share); err != nil {
			return err
		}
		v.Target, v.AchievedOfTarget = nullable(target), pctOf(share)
		if p := byID[id]; p != nil {
			p.Indicators = append(p.Indicators, v)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := range site.Projects {
		slices.SortFunc(site.Projects[i].Indicators, func(a, b metrics.ProjectIndicator) int {
			return metrics.CompareIndicatorCodes(a.Indicator, b.Indicator)
		})
	}
	if err := readSiteVersions(ctx, conn, byID); err != nil {
		return err
	}
	err = querySite(ctx, conn, "project_declared", nil, func(r *sql.Rows) error {
		var id string
		var cents int64
		if err := r.Scan(&id, &cents); err != nil {
			return err
		}
		if p := byID[id]; p != nil {
			p.Declared = domain.Cents(cents)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return querySite(ctx, conn, "project_reports", nil, func(r *sql.Rows) error {
		var id string
		var v metrics.ProjectReportStatus
		var start, end time.Time
		if err := r.Scan(&id, &start, &end, &v.Status, &v.Rejections, &v.LastRejectedAt); err != nil {
			return err
		}
		v.PeriodStart, v.PeriodEnd, v.LastRejectedAt = dateOf(start), dateOf(end), v.LastRejectedAt.UTC()
		if p := byID[id]; p != nil {
			p.Reports = append(p.Reports, v)
		}
		return nil
	})
}

// linkedProjects keeps as site_linked the projects the site's other pages link to, each with the
// rank of the list that links to it, so that the bounded project pages go to them first: the
// reports still to correct, the heatmap's worst projects, the versions of the newest run, then
// the operations and projects behind the figures of the latest cut-off.
func linkedProjects(ctx context.Context, conn *sql.Conn, site *metrics.Site) error {
	var rows [][]any
	add := func(rank int32, id string) {
		if id != "" {
			rows = append(rows, []any{id, rank})
		}
	}
	for _, r := range site.Rejections {
		add(1, r.ProjectID)
	}
	for _, r := range site.Completeness {
		add(2, r.ProjectID)
	}
	for _, v := range site.LatestVersions {
		add(3, v.ProjectID)
	}
	for _, o := range site.Operations {
		if o.Cutoff == site.LineageCutoff {
			add(4, o.ProjectID)
		}
	}
	for _, m := range site.IndicatorRows {
		add(5, m.ProjectID)
	}
	if err := execQuery(ctx, conn, siteQueries["linked_table"]); err != nil {
		return err
	}
	return appendRows(ctx, conn, "site_linked", rows)
}

// readSiteVersions lists the versions of the projects with a page, decides with
// domain.ResolveInForce which are in force (the rule every figure follows), keeps the outcome as
// the table site_versions for the queries after it, and reads what each version changed.
func readSiteVersions(ctx context.Context, conn *sql.Conn, byID map[string]*metrics.ProjectDetail) error {
	type stored struct {
		id      int64
		version metrics.ProjectVersion
		project string
		domain  domain.Version
	}
	var all []stored
	err := querySite(ctx, conn, "project_versions", nil, func(r *sql.Rows) error {
		var s stored
		var start, end, submitted time.Time
		if err := r.Scan(&s.version.Hash, &s.id, &s.project, &start, &end, &submitted, &s.version.SubmittedAt,
			&s.version.IngestedAt, &s.version.RunID, &s.version.SourceFile, &s.version.Place); err != nil {
			return err
		}
		s.version.PeriodStart, s.version.PeriodEnd, s.version.IngestedAt = dateOf(start), dateOf(end), s.version.IngestedAt.UTC()
		s.domain = domain.Version{Hash: s.version.Hash, SubmittedAt: submitted.UTC(),
			Key: domain.ReportKey{ProjectID: s.project, PeriodStart: s.version.PeriodStart, PeriodEnd: s.version.PeriodEnd}}
		all = append(all, s)
		return nil
	})
	if err != nil {
		return err
	}
	vs := make([]domain.Version, len(all))
	for i, s := range all {
		vs[i] = s.domain
	}
	_, decisions := domain.ResolveInForce(vs)
	outcome := map[string]domain.Decision{}
	for _, d := range decisions {
		if _, seen := outcome[d.Version.Hash]; !seen {
			outcome[d.Version.Hash] = d
		}
	}
	rows := make([][]any, 0, len(all))
	at := map[string]*metrics.ProjectVersion{}
	for i := range all {
		s := &all[i]
		d := outcome[s.version.Hash]
		s.version.Outcome = string(d.Outcome)
		if d.By != nil {
			s.version.By = d.By.Hash
		}
		rows = append(rows, []any{s.version.Hash, s.id, s.project, s.version.PeriodStart.Time(), s.version.PeriodEnd.Time(),
			s.domain.SubmittedAt, s.version.Outcome})
	}
	if err := execQuery(ctx, conn, siteQueries["versions_table"]); err != nil {
		return err
	}
	if err := appendRows(ctx, conn, "site_versions", rows); err != nil {
		return err
	}
	for _, s := range all {
		if p := byID[s.project]; p != nil {
			p.Versions = append(p.Versions, s.version)
		}
	}
	for _, p := range byID {
		for i := range p.Versions {
			at[p.Versions[i].Hash] = &p.Versions[i]
		}
	}
	return querySite(ctx, conn, "project_changes", nil, func(r *sql.Rows) error {
		var hash string
		var c metrics.ItemChange
		var before, after sql.NullInt64
		if err := r.Scan(&hash, &c.Item, &before, &after); err != nil {
			return err
		}
		c.Before, c.After = nullable(before), nullable(after)
		if v := at[hash]; v != nil {
			v.Changes = append(v.Changes, c)
		}
		return nil
	})
}
