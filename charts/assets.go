package charts

import _ "embed"

// echartsJS is echarts 5.4.3 (dist/echarts.min.js of the npm package, Apache-2.0, see
// assets/LICENSE and assets/NOTICE). The site writes it once beside its pages, which load it
// from there, so that they draw offline, from disk or from a file share.
//
//go:embed assets/echarts.min.js
var echartsJS string

// siteJS draws the charts of a page (with the page language's number and date formats) and
// switches between cut-offs; siteCSS lays the pages out for screens from 390 px wide and for
// printing on A4.
var (
	//go:embed assets/site.js
	siteJS string
	//go:embed assets/site.css
	siteCSS string
)
