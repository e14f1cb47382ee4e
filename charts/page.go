package charts

// pageHTML is the report page. Every value goes through html/template's contextual escaping
// (project titles and file names may contain markup); only the echarts library and the chart
// options, which optionJS has made safe for a script element, are inserted as they are.
const pageHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mittari – AMIF 2021–2027 programme report{{with .Latest}}, cut-off {{.}}{{end}}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 0 auto; max-width: 1180px; padding: 0 24px 48px; color: #1d2733; line-height: 1.45; }
h1 { font-size: 1.7em; margin: 24px 0 4px; }
h2 { font-size: 1.35em; margin-top: 40px; border-bottom: 2px solid #d7dee6; padding-bottom: 4px; }
h3 { font-size: 1.1em; margin-top: 26px; }
p.lead, p.note { color: #4a5866; }
.banner { background: #fff4ce; border: 1px solid #e0c262; border-left: 6px solid #d29b00; padding: 10px 14px; margin: 18px 0; }
.facts { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0; }
.fact { background: #f3f6f9; border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.fact b { display: block; font-size: 1.3em; }
nav ul { columns: 2; padding-left: 18px; }
figure { margin: 14px 0 6px; }
.chart { width: 100%; }
figcaption { font-size: .9em; color: #4a5866; }
table { border-collapse: collapse; width: 100%; margin: 10px 0 18px; font-size: .92em; }
th, td { border: 1px solid #d7dee6; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 600; background: #f7f9fb; }
.error { color: #a40e26; font-weight: 600; }
.warning { color: #8a5a00; font-weight: 600; }
.empty { color: #4a5866; font-style: italic; }
</style>
</head>
<body>
<h1>AMIF 2021–2027 programme report</h1>
<p class="lead">Indicator values and financial progress of the projects of Finland's Asylum, Migration and Integration Fund programme, as the Commission receives them (CPR Art 42). All values are cumulative from the programme start on 2021-01-01.</p>
<div class="facts">
<div class="fact">latest cut-off<b>{{or .Latest "–"}}</b>{{with .LatestVersion}}SFC2021 version {{.}}{{end}}</div>
<div class="fact">indicators at<b>{{or .IndicatorCutoff "–"}}</b></div>
<div class="fact">reports accepted<b>{{.Run.ReportsAccepted}}</b></div>
<div class="fact">reports rejected<b>{{.Run.ReportsRejected}}</b></div>
<div class="fact">files read<b>{{.Run.FilesRead}}</b></div>
<div class="fact">files rejected<b>{{.Run.FilesRejected}}</b></div>
</div>
<p class="note">Run <code>{{.Run.ID}}</code>{{with .AsOf}}, data as of {{.}}{{end}}; {{.Cutoffs}} cut-off dates computed; {{.Run.FilesAccepted}} of {{.Run.FilesRead}} files accepted.</p>
{{- if .GoalsIllustrative}}
<div class="banner" role="note"><strong>Milestones and targets are illustrative.</strong> {{.GoalsNote}}</div>
{{- end}}
<nav><ul>
{{- range .SOs}}
<li><a href="#so{{.SO}}">{{so .SO}}{{with .Name}} – {{.}}{{end}}</a></li>
{{- end}}
<li><a href="#financial">Financial progress</a></li>
<li><a href="#consistency">Consistency findings</a></li>
<li><a href="#completeness">Completeness of reporting</a></li>
<li><a href="#changes">Changes since the previous run</a></li>
<li><a href="#ingest">Rejected reports and warnings</a></li>
</ul></nav>

{{- range .SOs}}
<section id="so{{.SO}}">
<h2>{{so .SO}}{{with .Name}} – {{.}}{{end}}</h2>
<p>Progress of each indicator at cut-off {{$.IndicatorCutoff}} against the milestone for the end of 2024 and the target for the end of 2029. Indicator values count under the SO their code names, whatever the SO of the project's action.</p>
{{- with .Goals}}
<figure><div class="chart" id="{{.ID}}" style="height:{{.Height}}px"></div><figcaption>{{.Caption}}</figcaption></figure>
{{- end}}
{{- with .Path}}
<figure><div class="chart" id="{{.ID}}" style="height:{{.Height}}px"></div><figcaption>{{.Caption}}</figcaption></figure>
{{- end}}
<table>
<thead><tr><th>indicator</th><th>name</th><th>kind</th><th>selected</th><th>achieved</th><th>milestone 2024</th><th title="achieved at {{$.MilestoneCheck}} as a share of the milestone for the end of 2024">% of milestone (at {{$.MilestoneCheck}})</th><th>target 2029</th><th>% of target</th><th>projected 2029</th><th>status</th></tr></thead>
<tbody>
{{- range .Indicators}}
<tr><td>{{.Code}}</td><td>{{.Name}}</td><td>{{.Kind}}</td><td class="num">{{.Selected}}</td><td class="num">{{.Achieved}}</td><td class="num">{{.Milestone}}</td><td class="num">{{.MilestonePct}}</td><td class="num">{{.Target}}</td><td class="num">{{.TargetPct}}</td><td class="num" title="{{.Method}}">{{.Projected}}</td><td>{{.OnTrack}}</td></tr>
{{- end}}
</tbody>
</table>
</section>
{{- end}}

<section id="financial">
<h2>Financial progress</h2>
{{- if .FinancialRows}}
<p>Per specific objective and support type at cut-off {{.Latest}}: the selected operations, their eligible cost and EU contribution, the eligible expenditure declared by beneficiaries, and the allocation of the implementation plan. Amounts in euros.</p>
{{- if .PlanDerived}}
<p class="note"><strong>The financial plan is derived.</strong> {{.PlanNote}}</p>
{{- end}}
{{- with .Financial}}
<figure><div class="chart" id="{{.ID}}" style="height:{{.Height}}px"></div><figcaption>{{.Caption}}</figcaption></figure>
{{- end}}
<table>
<thead><tr><th>SO</th><th>support type</th><th>selected operations</th><th>eligible cost</th><th>EU contribution</th><th>declared expenditure</th><th>allocation</th><th>absorption (declared / allocation)</th><th>EU contribution / allocation</th></tr></thead>
<tbody>
{{- range .FinancialRows}}
<tr{{if .Total}} class="total"{{end}}><td>{{so .SO}}</td><td>{{.SupportType}}</td><td class="num">{{.Operations}}</td><td class="num">{{.Eligible}}</td><td class="num">{{.EU}}</td><td class="num">{{.Declared}}</td><td class="num">{{.Allocation}}</td><td class="num">{{.Absorption}}</td><td class="num">{{.EUShare}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p class="empty">No financial figures were computed.</p>
{{- end}}
</section>

<section id="consistency">
<h2>Consistency findings</h2>
<p>Breaches of the consistency rules at programme level at cut-off {{or .Latest "–"}} (an "of which" value above its parent is an error; a result above its output is a warning, as results may be measured later). They are reported as found and never corrected.{{if .OlderConsistency}} {{.OlderConsistency}} further findings concern earlier cut-offs.{{end}}</p>
{{- if .Consistency}}
<table>
<thead><tr><th>severity</th><th>rule</th><th>lesser</th><th>value</th><th>greater</th><th>value</th><th>explanation</th></tr></thead>
<tbody>
{{- range .Consistency}}
<tr><td class="{{.Severity}}">{{.Severity}}</td><td>{{.Rule}}</td><td>{{.Lesser}}</td><td class="num">{{.LesserValue}}</td><td>{{.Greater}}</td><td class="num">{{.GreaterValue}}</td><td>{{.Message}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p class="empty">No consistency findings.</p>
{{- end}}
</section>

<section id="completeness">
<h2>Completeness of reporting</h2>
<p>Reports expected from active projects for periods ending by cut-off {{or .Latest "–"}}, and those received.</p>
{{- if .Completeness}}
<table>
<thead><tr><th>SO</th><th>expected</th><th>received</th><th>late</th><th>projects with a missing report</th></tr></thead>
<tbody>
{{- range .Completeness}}
<tr><td>{{so .SO}}</td><td class="num">{{.Expected}}</td><td class="num">{{.Received}}</td><td class="num">{{.Late}}</td><td>{{.Missing}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p class="empty">No completeness figures were computed.</p>
{{- end}}
</section>

<section id="changes">
<h2>Changes since the previous run</h2>
{{- if .PreviousRun}}
<p>Figures that differ from those of run <code>{{.PreviousRun}}</code>{{with .PreviousAsOf}} (data as of {{.}}){{end}}, with the reports that moved them.</p>
{{- else}}
<p>Figures that differ from those of the previous run, with the reports that moved them.</p>
{{- end}}
{{- if .Changes}}
<table>
<thead><tr><th>cut-off</th><th>SO</th><th>figure</th><th>before</th><th>after</th><th>moved by reports</th></tr></thead>
<tbody>
{{- range .Changes}}
<tr><td>{{.Cutoff}}</td><td>{{so .SO}}</td><td>{{.Figure}}</td><td class="num">{{.Before}}</td><td class="num">{{.After}}</td><td>{{.Reports}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p class="empty">No figure changed since the previous run.</p>
{{- end}}
</section>

<section id="ingest">
<h2>Rejected reports and warnings</h2>
<p>Findings of the files this run read ({{.Run.FilesRead}} new). A report with any error is rejected whole and the version already accepted, if any, stays in force. The beneficiary should correct the places listed and send the report again. Rejections of earlier runs stay in the warehouse's <code>quarantine</code> table and in their run records under <code>runs/</code>.</p>
<h3>Errors ({{len .Errors.Rows}}{{if .Errors.Omitted}} shown, {{.Errors.Omitted}} more in runs/{{.Run.ID}}.json{{end}})</h3>
{{- template "findings" .Errors}}
<h3>Warnings ({{len .Warnings.Rows}}{{if .Warnings.Omitted}} shown, {{.Warnings.Omitted}} more in runs/{{.Run.ID}}.json{{end}})</h3>
{{- template "findings" .Warnings}}
</section>

<script>{{.EchartsJS}}</script>
{{- range .Figures}}
<script>
(function () {
  var chart = echarts.init(document.getElementById({{.ID}}), null, {renderer: "canvas"});
  chart.setOption({{.Option}});
  window.addEventListener("resize", function () { chart.resize(); });
})();
</script>
{{- end}}
</body>
</html>
{{define "findings"}}
{{- if .Rows}}
<table>
<thead><tr><th>report</th><th>where</th><th>rule</th><th>value</th><th>message</th></tr></thead>
<tbody>
{{- range .Rows}}
<tr><td>{{.Report}}</td><td>{{place .Place}}</td><td>{{.Rule}}</td><td>{{.Value}}</td><td>{{.Message}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p class="empty">None.</p>
{{- end}}
{{- end}}
`
