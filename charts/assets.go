package charts

import _ "embed"

// echartsJS is echarts 5.4.3 (dist/echarts.min.js of the npm package, Apache-2.0, see
// assets/LICENSE and assets/NOTICE), inlined into the page instead of a CDN link so that the
// report draws offline.
//
//go:embed assets/echarts.min.js
var echartsJS string
