package charts

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

const chromium = "/usr/bin/chromium"

// chromiumArgs run a headless browser that reaches no network and keeps no state, so that the
// test proves the page draws from its inlined library alone.
func chromiumArgs(profile string, extra ...string) []string {
	return append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--proxy-server=127.0.0.1:9", "--user-data-dir=" + profile,
		"--virtual-time-budget=5000"}, extra...)
}

// TestBrowserDrawsCharts renders the page in headless Chromium and checks that echarts drew a
// canvas into every chart element.
func TestBrowserDrawsCharts(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		t.Skip("chromium not installed; .ci/run installs it")
	}
	if testing.Short() {
		t.Skip("browser check skipped in -short mode")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "index.html")
	if err := WriteReport(page, testInput(t)); err != nil {
		t.Fatal(err)
	}
	// The deadline only stops a hung browser; the test asserts nothing about time.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := chromiumArgs(filepath.Join(dir, "profile"), "--dump-dom", "file://"+page)
	if shot := os.Getenv("MITTARI_SCREENSHOT"); shot != "" {
		args = chromiumArgs(filepath.Join(dir, "profile"), "--screenshot="+shot, "--window-size=1280,4200", "file://"+page)
	}
	out, err := exec.CommandContext(ctx, chromium, args...).Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	if os.Getenv("MITTARI_SCREENSHOT") != "" {
		t.Skip("screenshot written; DOM not checked")
	}
	dom := string(out)
	for _, id := range []string{"so1_goals", "so1_path", "so2_goals", "so2_path", "financial_chart"} {
		re := regexp.MustCompile(`<div class="chart" id="` + id + `"[^>]*_echarts_instance_[^>]*>.*?<canvas`)
		if !re.MatchString(dom) {
			t.Errorf("echarts drew no canvas into #%s", id)
		}
	}
}
