package main

import (
	"bufio"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"duebook/ui"
)

// probeEnv, set by `duebook bench --window-sizes`, has the window report its milestones on
// stderr and take the bench's steps from stdin. probeHeapEnv names a folder for heap profiles
// written at each milestone (go tool pprof -top reads them).
const (
	probeEnv     = "DUEBOOK_BENCH_PROBE"
	probeHeapEnv = "DUEBOOK_HEAP_PROFILE"
	probePrefix  = "duebook-probe:"
)

// probe follows the real window for the bench: first frame, Today, the Dashboard, a print run.
type probe struct {
	mu      sync.Mutex
	out     io.Writer
	heapDir string
	shell   *ui.Shell
	app     fyne.App
	first   sync.Once
}

func newProbe(a fyne.App, out io.Writer) *probe {
	if os.Getenv(probeEnv) == "" {
		return nil
	}
	return &probe{out: out, app: a, heapDir: os.Getenv(probeHeapEnv)}
}

// wire hooks the probe into the window's configuration.
func (p *probe) wire(cfg *ui.Config) {
	cfg.Loaded = func(what string) { p.report(strings.ReplaceAll(strings.ToLower(what), " ", "-")) }
	cfg.Shown = func(s *ui.Shell) { p.mu.Lock(); p.shell = s; p.mu.Unlock() }
}

// watchFirstFrame lays an invisible raster under the content: the painter asks for its pixels
// while drawing the first frame.
func (p *probe) watchFirstFrame(w fyne.Window) {
	raster := canvas.NewRaster(func(int, int) image.Image {
		p.first.Do(func() { at := time.Now(); go p.reportAt("first-frame", at) })
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
	w.SetContent(container.NewStack(raster, w.Content()))
}

// report writes one milestone line: its name, the wall clock in nanoseconds, and the Go
// runtime's own figures, so the bench can tell the Go heap from the rest of the process.
func (p *probe) report(what string) { p.reportAt(what, time.Now()) }

func (p *probe) reportAt(what string, at time.Time) {
	if p.heapDir != "" {
		runtime.GC()
		if f, err := os.Create(filepath.Join(p.heapDir, "heap-"+what+".pb.gz")); err == nil {
			pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.out, "%s %s %d %s\n", probePrefix, what, at.UnixNano(), goMemory())
}

// sqliteMemory, when the build counts it, gives the bytes SQLite has allocated.
var sqliteMemory func() int64

// goMemory gives the live heap and what the Go runtime holds from the system (mapped minus
// released), in bytes.
func goMemory() string {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	out := fmt.Sprintf("heap=%d go=%d", s[0].Value.Uint64(), s[1].Value.Uint64()-s[2].Value.Uint64())
	if sqliteMemory != nil {
		out += fmt.Sprintf(" sqlite=%d", sqliteMemory())
	}
	return out
}

// follow takes the bench's steps from in, one a line: "dashboard" shows the Dashboard, "print"
// prints the day's letters as the owner would (Print the letters, then Approve and print),
// "quit" closes the window.
func (p *probe) follow(in io.Reader) {
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		step := strings.TrimSpace(sc.Text())
		fyne.Do(func() {
			p.mu.Lock()
			s := p.shell
			p.mu.Unlock()
			switch {
			case step == "quit":
				p.app.Quit()
			case s == nil:
				go p.report("no-shop")
			case step == "dashboard":
				s.Show("Dashboard")
			case step == "print":
				s.Show("Today")
				s.Today.PrintBtn.OnTapped()
				if b := s.Today.PrintAllBtn; b != nil && b.Visible() {
					b.OnTapped()
				} else {
					go p.report("print-run")
				}
			}
		})
	}
	fyne.Do(p.app.Quit) // the bench went away
}
