package charts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/metrics"
)

// figure is one chart on the page: a fixed element id (fixed so the page is reproducible) and
// the echarts option go-echarts built for it.
type figure struct {
	ID      string
	Height  int
	Caption string
	Option  template.JS
}

// palette gives each indicator of a path chart one colour for its reported line and its
// projection.
var palette = []string{"#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"}

// optionJS serialises a chart's option for a <script> element. JSON only has <, > and & inside
// strings, where the \u escapes mean the same, so no catalogue text can close the script.
func optionJS(c interface {
	Validate()
	JSON() map[string]interface{}
}) (template.JS, error) {
	c.Validate()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	if err := enc.Encode(c.JSON()); err != nil {
		return "", err
	}
	s := strings.TrimSpace(b.String())
	s = strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`, "\u2028", `\u2028`, "\u2029", `\u2029`).Replace(s)
	return template.JS(s), nil
}

func baseOpts(id, title, subtitle string) []gocharts.GlobalOpts {
	return []gocharts.GlobalOpts{
		gocharts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		gocharts.WithAnimation(false),
		gocharts.WithTitleOpts(opts.Title{Title: title, Subtitle: subtitle}),
		gocharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		gocharts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "52", Type: "scroll"}),
		gocharts.WithGridOpts(opts.Grid{Top: "95", Left: "70", Right: "45", Bottom: "40"}),
	}
}

// goalsFigure compares, for one SO at one cut-off, each indicator's achieved value with its 2024
// milestone and 2029 target. A missing milestone or target is "-", which echarts leaves out.
func goalsFigure(so domain.SO, c domain.Cutoff, rows []metrics.IndicatorValue) (figure, error) {
	bar := gocharts.NewBar()
	bar.SetGlobalOptions(baseOpts(fmt.Sprintf("so%d_goals", so),
		fmt.Sprintf("SO%d: achieved vs 2024 milestone vs 2029 target", so),
		"cumulative at cut-off "+c.String())...)
	var codes []string
	var achieved, milestone, target []opts.BarData
	for _, v := range rows {
		codes = append(codes, v.Indicator)
		achieved = append(achieved, opts.BarData{Value: v.Achieved})
		milestone = append(milestone, opts.BarData{Value: optionalValue(v.Milestone2024)})
		target = append(target, opts.BarData{Value: optionalValue(v.Target2029)})
	}
	bar.SetXAxis(codes).
		AddSeries("achieved", achieved).
		AddSeries("milestone 2024", milestone).
		AddSeries("target 2029", target)
	o, err := optionJS(bar)
	return figure{ID: bar.ChartID, Height: 380, Option: o,
		Caption: "Bars per indicator code; an indicator without a milestone (results) or target shows no bar for it."}, err
}

func optionalValue(p *int64) any {
	if p == nil {
		return "-"
	}
	return *p
}

// pathFigure draws, for an SO's main (non "of which") indicators that have a 2029 target, the
// cumulative achieved value at every cut-off as a share of that target, and a dashed projection
// from the latest cut-off to the end of 2029. Shares rather than counts put indicators of very
// different sizes (thousands of participants, tens of places) on one readable scale, with the
// target as the 100 % line. A projection carries its indicator's name, so that one legend entry
// shows or hides both.
func pathFigure(so domain.SO, codes []string, byCode map[string][]metrics.IndicatorValue, proj map[string]metrics.Projection) (figure, bool, error) {
	line := gocharts.NewLine()
	line.SetGlobalOptions(append(baseOpts(fmt.Sprintf("so%d_path", so),
		fmt.Sprintf("SO%d: cumulative achieved as %% of the 2029 target, with projection", so),
		"solid: reported at each cut-off; dashed: projection to 2029-12-31"),
		gocharts.WithXAxisOpts(opts.XAxis{Type: "time"}),
		gocharts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "% of 2029 target"}))...)
	drawn := 0
	for _, code := range codes {
		hist := byCode[code]
		if len(hist) == 0 {
			continue
		}
		last := hist[len(hist)-1]
		if last.Target2029 == nil || *last.Target2029 <= 0 {
			continue
		}
		target := *last.Target2029
		colour := palette[drawn%len(palette)]
		style := []gocharts.SeriesOpts{
			gocharts.WithLineStyleOpts(opts.LineStyle{Color: colour}),
			gocharts.WithItemStyleOpts(opts.ItemStyle{Color: colour}),
		}
		if drawn == 0 {
			style = append(style, gocharts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: "2029 target", YAxis: 100}))
		}
		var pts []opts.LineData
		for _, v := range hist {
			pts = append(pts, opts.LineData{Value: []any{v.Cutoff.String(), share(v.Achieved, target)}})
		}
		line.AddSeries(code, pts, style...)
		if p, ok := proj[code]; ok {
			line.AddSeries(code, []opts.LineData{
				{Value: []any{last.Cutoff.String(), share(last.Achieved, target)}},
				{Value: []any{"2029-12-31", share(p.Projected, target)}},
			},
				gocharts.WithLineStyleOpts(opts.LineStyle{Color: colour, Type: "dashed"}),
				gocharts.WithItemStyleOpts(opts.ItemStyle{Color: colour}))
		}
		drawn++
	}
	o, err := optionJS(line)
	return figure{ID: line.ChartID, Height: 400, Option: o,
			Caption: "Values are cumulative from the programme start; 100 % is the 2029 target. Indicators without a target are in the table only. The projection method is given in the table below."},
		drawn > 0, err
}

// share is value as a per cent of target with one decimal, computed in integers; it is drawn,
// never added up.
func share(value, target int64) float64 {
	q := (2*value*1000 + target) / (2 * target)
	if value < 0 {
		q = -((2*(-value)*1000 + target) / (2 * target))
	}
	return float64(q) / 10
}

// financialFigure compares, per SO, declared expenditure with the EU contribution, the eligible
// cost of the selected operations and the allocation. Amounts go to echarts as decimal strings,
// so no float enters the computation; echarts only parses them for drawing.
func financialFigure(c domain.Cutoff, totals []metrics.FinancialValue) (figure, error) {
	bar := gocharts.NewBar()
	bar.SetGlobalOptions(append(baseOpts("financial_chart",
		"Financial progress per specific objective (EUR)", "all support types, cut-off "+c.String()),
		gocharts.WithYAxisOpts(opts.YAxis{Type: "value"}))...)
	var sos []string
	var declared, eu, eligible, alloc []opts.BarData
	for _, v := range totals {
		sos = append(sos, "SO"+strconv.Itoa(int(v.SO)))
		declared = append(declared, opts.BarData{Value: v.Declared.String()})
		eu = append(eu, opts.BarData{Value: v.EUContribution.String()})
		eligible = append(eligible, opts.BarData{Value: v.EligibleCost.String()})
		alloc = append(alloc, opts.BarData{Value: v.Allocation.String()})
	}
	bar.SetXAxis(sos).
		AddSeries("declared expenditure", declared).
		AddSeries("EU contribution", eu).
		AddSeries("eligible cost", eligible).
		AddSeries("allocation", alloc)
	o, err := optionJS(bar)
	return figure{ID: bar.ChartID, Height: 400, Option: o,
		Caption: "Declared expenditure is what beneficiaries reported as paid; absorption = declared expenditure / allocation."}, err
}

// mainIndicators are the indicators of an SO shown in its path chart: those that are not an
// "of which" part of another, in Annex order.
func mainIndicators(cat *catalogue.Catalogue, rows []metrics.IndicatorValue) []string {
	var out []string
	for _, v := range rows {
		if cat != nil {
			if ind, ok := cat.Indicator(v.Indicator); ok && ind.Parent != "" {
				continue
			}
		} else if strings.Count(v.Indicator, ".") > 2 {
			continue
		}
		out = append(out, v.Indicator)
	}
	return out
}

// percent is part/whole in per cent with one decimal, in integer arithmetic (half away from
// zero); "" when whole is 0.
func percent(part, whole int64) string {
	if whole == 0 {
		return ""
	}
	num, den := part*1000, whole
	neg := (num < 0) != (den < 0)
	if num < 0 {
		num = -num
	}
	if den < 0 {
		den = -den
	}
	q := (2*num + den) / (2 * den)
	sign := ""
	if neg && q != 0 {
		sign = "-"
	}
	return fmt.Sprintf("%s%d.%d %%", sign, q/10, q%10)
}
