// Package charts renders the report site: an overview, finances, data quality, transmissions,
// lineage and a page per SO, indicator and project, in English, Swedish and Finnish, each page a
// view model of figures computed elsewhere and only formatted here.
//
// The site is static: the pages load the echarts library, site.js and site.css from the folder
// beside them, so it opens from disk or a file share with no network.
package charts
