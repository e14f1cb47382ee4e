package charts

import (
	"fmt"

	"mittari/catalogue"
	"mittari/domain"
)

// lang is one language of the site: its code, where its pages live, how it writes numbers and
// dates, and its texts.
type lang struct {
	Code string // "en", "sv", "fi": the html lang attribute
	// Dir is the folder of its pages under the site root ("" for English) and Up the way back
	// to the root from there, where the shared files are.
	Dir, Up string
	Name    string // the language's own name, for the switch
	num     numberFormat
	dates   dateFormat
	index   int // into the texts' arrays
}

// langs are the site's languages; English pages are at the root.
var langs = []*lang{
	{Code: "en", Dir: "", Up: "", Name: "English", index: 0,
		num:   numberFormat{group: ",", decimal: ".", euroBefore: true},
		dates: dateFormat{months: [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}}},
	{Code: "sv", Dir: "sv", Up: "../", Name: "Svenska", index: 1,
		num: numberFormat{group: nbsp, decimal: ","}, dates: dateFormat{layout: "2006-01-02"}},
	{Code: "fi", Dir: "fi", Up: "../", Name: "Suomi", index: 2,
		num: numberFormat{group: nbsp, decimal: ","}, dates: dateFormat{layout: "2.1.2006"}},
}

// t is the text key in this language; an unknown key is a programming error that the tests
// catch (every page is rendered in every language there).
func (l *lang) t(key string) string {
	tr, ok := texts[key]
	if !ok {
		panic(fmt.Sprintf("charts: no text %q", key))
	}
	return tr[l.index]
}

// tf is the text key with its %-verbs filled in.
func (l *lang) tf(key string, args ...any) string { return fmt.Sprintf(l.t(key), args...) }

// soName is the catalogue's name of a specific objective in this language: Swedish from the
// catalogue's Swedish column, Finnish where an official name exists, English otherwise.
func (l *lang) soName(cat *catalogue.Catalogue, so domain.SO) string {
	if cat == nil {
		return ""
	}
	for _, s := range cat.SOs {
		if s.SO == so {
			return l.pick(cat, catalogue.NameSO, fmt.Sprint(so), s.NameEN, s.NameSV)
		}
	}
	return ""
}

func (l *lang) measureName(cat *catalogue.Catalogue, code string) string {
	if cat == nil {
		return ""
	}
	for _, m := range cat.Measures {
		if m.Code == code {
			return l.pick(cat, catalogue.NameMeasure, code, m.NameEN, m.NameSV)
		}
	}
	return ""
}

func (l *lang) actionName(cat *catalogue.Catalogue, code string) string {
	if cat == nil {
		return ""
	}
	if a, ok := cat.Action(code); ok {
		return l.pick(cat, catalogue.NameAction, code, a.NameEN, a.NameSV)
	}
	return ""
}

func (l *lang) indicatorName(cat *catalogue.Catalogue, code string) string {
	if cat == nil {
		return ""
	}
	if i, ok := cat.Indicator(code); ok {
		return l.pick(cat, catalogue.NameIndicator, code, i.NameEN, i.NameSV)
	}
	return ""
}

// pick chooses the name in this language, falling back on English where the catalogue has none.
func (l *lang) pick(cat *catalogue.Catalogue, kind catalogue.NameKind, code, en, sv string) string {
	switch l.Code {
	case "sv":
		if sv != "" {
			return sv
		}
	case "fi":
		if fi, ok := cat.NameFI(kind, code); ok {
			return fi
		}
	}
	return en
}

// enum names a value of the data (a status, a support type, a unit) with the text prefix+v;
// a value the site has no text for is shown as it is.
func (l *lang) enum(prefix, v string) string {
	if tr, ok := texts[prefix+v]; ok {
		return tr[l.index]
	}
	return v
}

// supportType names a support type ("project", "operating", "specific_action", "all").
func (l *lang) supportType(st string) string { return l.enum("support_", st) }

// beneficiaryType names a beneficiary type of the register.
func (l *lang) beneficiaryType(bt string) string { return l.enum("beneficiary_", bt) }

// unit names an indicator's unit ("participants").
func (l *lang) unit(u string) string { return l.enum("unit_", u) }
