package charts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
)

// A chart is an echarts option built here from figures already computed and formatted. Numbers
// go to echarts as they are (counts) or as decimal strings (euros, per cents), which echarts
// parses for drawing only. site.js applies the page language's number and date formats to the
// axes and tooltips from the option's "mittari" hints, as echarts' own formats are English.

// palette has enough distinguishable colours for the most lines one chart draws (the main
// indicators of an SO: eleven for SO 2), so that no two series of a chart share a colour. The
// first ten are Tableau 10, chosen to stay apart for the common colour-vision deficiencies; the
// last two are darker hues that differ from all of them.
var palette = []string{"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
	"#9c755f", "#bab0ac", "#1f3b73", "#6b8e23"}

// symbols vary the markers of lines as well as their colours, for readers who tell colours
// apart poorly and for printouts in grey.
var symbols = []string{"circle", "rect", "triangle", "diamond", "roundRect", "pin", "arrow", "emptyCircle",
	"emptyRect", "emptyTriangle", "emptyDiamond", "emptyRoundRect"}

// Status colours: the same on every page, always with the status in words beside them.
var statusColours = map[string]string{"on_track": "#2e7d32", "at_risk": "#b26a00", "behind": "#c62828", "not_assessed": "#6b7785"}

// Completeness states of the heatmap, in the order of its colour scale.
var completenessStates = []string{"on_time", "late", "missing", "not_due"}
var completenessColours = []string{"#2e7d32", "#f0a202", "#c62828", "#d7dee6"}

type option struct {
	Animation bool        `json:"animation"`
	Color     []string    `json:"color,omitempty"`
	Title     *textBlock  `json:"title,omitempty"`
	Tooltip   *tooltip    `json:"tooltip,omitempty"`
	Legend    *legend     `json:"legend,omitempty"`
	Grid      *grid       `json:"grid,omitempty"`
	XAxis     *axis       `json:"xAxis,omitempty"`
	YAxis     *axis       `json:"yAxis,omitempty"`
	VisualMap *visualMap  `json:"visualMap,omitempty"`
	Series    []series    `json:"series"`
	Mittari   formatHints `json:"mittari"`
}

// formatHints tell site.js how to write the values of each axis and of the tooltip: "count",
// "pct", "eur", "meur" (millions of euros) or "date"; Labels name the heatmap's states.
type formatHints struct {
	X       string   `json:"x,omitempty"`
	Y       string   `json:"y,omitempty"`
	Tooltip string   `json:"tooltip,omitempty"`
	Labels  []string `json:"labels,omitempty"`
}

type textBlock struct {
	Text    string `json:"text,omitempty"`
	Subtext string `json:"subtext,omitempty"`
	Left    string `json:"left,omitempty"`
}

type tooltip struct {
	Trigger string `json:"trigger"`
}

type legend struct {
	Type   string `json:"type,omitempty"`
	Top    string `json:"top,omitempty"`
	Bottom string `json:"bottom,omitempty"`
}

type grid struct {
	Top          string `json:"top"`
	Left         string `json:"left"`
	Right        string `json:"right"`
	Bottom       string `json:"bottom"`
	ContainLabel bool   `json:"containLabel"`
}

type axis struct {
	Type         string     `json:"type"`
	Name         string     `json:"name,omitempty"`
	NameLocation string     `json:"nameLocation,omitempty"`
	NameGap      int        `json:"nameGap,omitempty"`
	Data         []string   `json:"data,omitempty"`
	Min          any        `json:"min,omitempty"`
	Max          any        `json:"max,omitempty"`
	Inverse      bool       `json:"inverse,omitempty"`
	AxisLabel    *axisLabel `json:"axisLabel,omitempty"`
	SplitArea    *show      `json:"splitArea,omitempty"`
}

type axisLabel struct {
	Interval any  `json:"interval,omitempty"`
	Rotate   int  `json:"rotate,omitempty"`
	HideOver bool `json:"hideOverlap,omitempty"`
}

type show struct {
	Show bool `json:"show"`
}

type visualMap struct {
	Type       string   `json:"type"`
	Dimension  int      `json:"dimension"`
	Categories []int    `json:"categories,omitempty"`
	Pieces     []piece  `json:"pieces,omitempty"`
	Orient     string   `json:"orient,omitempty"`
	Left       string   `json:"left,omitempty"`
	Top        string   `json:"top,omitempty"`
	Bottom     string   `json:"bottom,omitempty"`
	InRange    *inRange `json:"inRange,omitempty"`
}

type piece struct {
	Value int    `json:"value"`
	Label string `json:"label"`
	Color string `json:"color"`
}

type inRange struct {
	Color []string `json:"color"`
}

type series struct {
	Name       string     `json:"name"`
	Type       string     `json:"type"`
	Data       []any      `json:"data"`
	Symbol     string     `json:"symbol,omitempty"`
	SymbolSize int        `json:"symbolSize,omitempty"`
	LineStyle  *lineStyle `json:"lineStyle,omitempty"`
	ItemStyle  *itemStyle `json:"itemStyle,omitempty"`
	MarkLine   *markLine  `json:"markLine,omitempty"`
	BarGap     string     `json:"barGap,omitempty"`
	Label      *show      `json:"label,omitempty"`
}

type lineStyle struct {
	Color string `json:"color,omitempty"`
	Type  string `json:"type,omitempty"`
	Width int    `json:"width,omitempty"`
}

type itemStyle struct {
	Color string `json:"color,omitempty"`
}

type markLine struct {
	Symbol    []string   `json:"symbol"`
	Silent    bool       `json:"silent"`
	Data      []markData `json:"data"`
	LineStyle *lineStyle `json:"lineStyle,omitempty"`
	Label     *markLabel `json:"label,omitempty"`
}

type markData struct {
	Name  string `json:"name"`
	YAxis any    `json:"yAxis"`
	// The label of a line drawn at a value (the 2029 target) says what it is in words.
	Label *markLabel `json:"label,omitempty"`
}

type markLabel struct {
	Formatter string `json:"formatter,omitempty"`
	Position  string `json:"position,omitempty"`
}

// figure is one chart of a page: its element id, height, what it shows in words (the
// element's label for screen readers) and its table, which every chart has.
type figure struct {
	ID      string
	Height  int
	Label   string
	Caption string
	Table   dataTable
	option  option
}

// dataTable is the chart's figures as a table, formatted for the page's language.
type dataTable struct {
	Head []string
	Rows [][]string
}

// chartSet numbers a page's charts and keeps their options for the page's one JSON block.
type chartSet struct {
	figures []*figure
}

func (s *chartSet) add(f figure) *figure {
	f.ID = fmt.Sprintf("chart%d", len(s.figures)+1)
	f.option.Animation = false
	s.figures = append(s.figures, &f)
	return &f
}

// optionsJS is the page's chart options as one JSON object by element id. encoding/json writes
// <, >, & and the line separators U+2028 and U+2029 inside strings as \u escapes, so no text of
// the catalogue or of a report can close the script element the object sits in.
func (s *chartSet) optionsJS() template.JS {
	if len(s.figures) == 0 {
		return ""
	}
	var b bytes.Buffer
	b.WriteString("{")
	for i, f := range s.figures {
		if i > 0 {
			b.WriteString(",")
		}
		id, err := json.Marshal(f.ID)
		if err != nil {
			panic(err) // a string always marshals
		}
		opt, err := json.Marshal(f.option)
		if err != nil {
			// option holds strings, numbers and the structs above only: it always marshals.
			panic(fmt.Sprintf("charts: chart option does not marshal: %v", err))
		}
		b.Write(id)
		b.WriteString(":")
		b.Write(opt)
	}
	b.WriteString("}")
	return template.JS(b.String())
}

// colour gives the n-th series of a chart its colour and marker.
func colour(n int) (string, string) { return palette[n%len(palette)], symbols[n%len(symbols)] }

// goalBars compares, for each category (an action, a kind of beneficiary, an indicator of a
// project), a goal with what was achieved, as pairs of horizontal bars of counts.
func goalBars(categories []string, goalName string, goals []any, achievedName string, achieved []any) option {
	return horizontalBars(categories, formatHints{X: "count", Tooltip: "count"}, []series{
		{Name: goalName, Type: "bar", Data: goals, ItemStyle: &itemStyle{Color: palette[1]}},
		{Name: achievedName, Type: "bar", Data: achieved, ItemStyle: &itemStyle{Color: palette[0]}},
	})
}

// horizontalBars draws groups of horizontal bars, one group per category, the first at the top.
func horizontalBars(categories []string, hints formatHints, ss []series) option {
	return option{
		Tooltip: &tooltip{Trigger: "axis"},
		Legend:  &legend{Top: "0"},
		Grid:    &grid{Top: "32", Left: "8", Right: "24", Bottom: "8", ContainLabel: true},
		XAxis:   &axis{Type: "value"},
		YAxis:   &axis{Type: "category", Data: categories, Inverse: true},
		Mittari: hints,
		Series:  ss,
	}
}

// moneyColumns draws groups of vertical bars of amounts in millions of euros, one group per
// category (an SO).
func moneyColumns(categories []string, ss []series) option {
	return option{
		Tooltip: &tooltip{Trigger: "axis"},
		Legend:  &legend{Top: "0"},
		Grid:    &grid{Top: "40", Left: "8", Right: "24", Bottom: "8", ContainLabel: true},
		XAxis:   &axis{Type: "category", Data: categories},
		YAxis:   &axis{Type: "value", Name: "M€", NameLocation: "middle", NameGap: 48},
		Mittari: formatHints{Y: "meur", Tooltip: "eur"},
		Series:  ss,
	}
}

// bar is one series of bars in a colour of the palette.
func bar(name string, data []any, colour int) series {
	return series{Name: name, Type: "bar", Data: data, ItemStyle: &itemStyle{Color: palette[colour]}}
}
