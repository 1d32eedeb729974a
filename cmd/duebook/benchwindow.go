package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"duebook/app"
	"duebook/data"
)

// windowFigures is what one measured window reported.
type windowFigures struct {
	firstFrame, loaded, printTime time.Duration
	printCPU                      time.Duration // processor time the window spent on the print run
	hwm, rss, hwmPrint, rssPrint  int64         // kB, from /proc/<pid>/status
	heap, goHeld                  int64         // bytes, the Go runtime's figures when loaded
	letters                       int
}

// benchWindows opens the real window on generated shops and reads its memory after Today and
// the Dashboard have loaded and after a print run of the day's letters (1,000 on each shop).
func benchWindows(w, progress io.Writer, dir string, sizes []int) error {
	display, stop, err := benchDisplay(dir)
	if err != nil {
		return err
	}
	if display == "" {
		fmt.Fprintln(w, "\nThe window was not measured: there is no display ($DISPLAY) and no Xvfb to start one.")
		return nil
	}
	defer stop()
	fmt.Fprintf(w, "\n| invoices | first frame | Today and Dashboard loaded | peak memory | resident | Go heap | Go runtime | letters printed | print run (processor) | peak memory after | resident after |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	// The window's clock is the machine's: the letters fall due on the machine's today.
	today := app.DateOf(time.Now(), time.Local)
	for _, n := range sizes {
		path := filepath.Join(dir, fmt.Sprintf("window-%d.db", n))
		os.Remove(path)
		if _, err := data.CreateSample(context.Background(), path, data.SampleOptions{Invoices: n, Seed: 1, Today: today, LettersDue: 1000}, nil); err != nil {
			return err
		}
		f, err := measureWindow(dir, path, display, progress)
		if err != nil {
			return fmt.Errorf("the window on %d invoices: %w", n, err)
		}
		fmt.Fprintf(w, "| %d | %s | %.1f s | %d MB | %d MB | %d MB | %d MB | %d | %.1f s (%.1f s) | %d MB | %d MB |\n", n, ms(f.firstFrame), f.loaded.Seconds(),
			f.hwm>>10, f.rss>>10, f.heap>>20, f.goHeld>>20, f.letters, f.printTime.Seconds(), f.printCPU.Seconds(), f.hwmPrint>>10, f.rssPrint>>10)
	}
	return nil
}

// probeLine is one milestone the window reported.
type probeLine struct {
	what         string
	at           time.Time
	heap, goHeld int64
	extra        string // SQLite's allocations, when the window's build counts them
}

func parseProbe(line string) (probeLine, bool) {
	f := strings.Fields(strings.TrimPrefix(line, probePrefix))
	if !strings.HasPrefix(line, probePrefix) || len(f) < 2 {
		return probeLine{}, false
	}
	ns, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return probeLine{}, false
	}
	p := probeLine{what: f[0], at: time.Unix(0, ns)}
	for _, kv := range f[2:] {
		k, v, _ := strings.Cut(kv, "=")
		n, _ := strconv.ParseInt(v, 10, 64)
		switch k {
		case "heap":
			p.heap = n
		case "go":
			p.goHeld = n
		case "sqlite":
			p.extra = fmt.Sprintf(", SQLite %d MB", n>>20)
		}
	}
	return p, true
}

// measureWindow starts the window on the book in path with the probe, and takes the steps.
// Each milestone is told on progress as it comes, with the process's memory then.
func measureWindow(dir, path, display string, progress io.Writer) (windowFigures, error) {
	var f windowFigures
	home := filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), ".db")+"-home")
	letters := filepath.Join(home, "Documents")
	if err := os.MkdirAll(letters, 0o700); err != nil {
		return f, err
	}
	// Its own configuration and Documents folders: the owner's are not touched.
	env := []string{"DISPLAY=" + display, "LANG=en_US.UTF-8", probeEnv + "=1",
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"), "XDG_DOCUMENTS_DIR=" + letters, "DUEBOOK_LOG_DIR=" + home}
	w, err := startWindow(path, env, progress)
	if err != nil {
		return f, err
	}
	defer w.stop()
	if err := w.wait(5*time.Minute, "first-frame", "today"); err != nil {
		return f, err
	}
	w.step("dashboard")
	if err := w.wait(5*time.Minute, "dashboard"); err != nil {
		return f, err
	}
	f.firstFrame = w.seen["first-frame"].at.Sub(w.start)
	f.loaded = w.seen["dashboard"].at.Sub(w.start)
	f.heap, f.goHeld = w.seen["dashboard"].heap, w.seen["dashboard"].goHeld
	pid := w.cmd.Process.Pid
	if f.hwm, f.rss, err = procMemory(pid); err != nil {
		return f, err
	}
	cpuBefore := procCPU(pid)
	printStart := time.Now()
	w.step("print")
	if err := w.wait(20*time.Minute, "print-run"); err != nil {
		return f, err
	}
	f.printTime = w.seen["print-run"].at.Sub(printStart)
	f.printCPU = procCPU(pid) - cpuBefore
	if f.hwmPrint, f.rssPrint, err = procMemory(pid); err != nil {
		return f, err
	}
	f.letters = countLetters(letters)
	w.step("quit")
	return f, nil
}

// window is a running window with the probe: its milestones as they come, and its input.
type window struct {
	cmd      *exec.Cmd
	in       io.WriteCloser
	lines    chan probeLine
	tail     []string // the window's last words, for a failure (read once lines is closed)
	seen     map[string]probeLine
	start    time.Time
	name     string
	progress io.Writer
}

// startWindow starts this program's window on the book in path, with env added.
func startWindow(path string, env []string, progress io.Writer) (*window, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	w := &window{cmd: exec.Command(exe, "--db", path), lines: make(chan probeLine, 16), seen: map[string]probeLine{}, name: filepath.Base(path), progress: progress}
	w.cmd.Env = append(os.Environ(), env...)
	if w.in, err = w.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	errs, err := w.cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	w.start = time.Now()
	if err := w.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		sc := bufio.NewScanner(errs)
		for sc.Scan() {
			if p, ok := parseProbe(sc.Text()); ok {
				w.lines <- p
			} else if len(w.tail) < 20 {
				w.tail = append(w.tail, sc.Text())
			}
		}
		close(w.lines)
	}()
	return w, nil
}

func (w *window) step(s string) { fmt.Fprintln(w.in, s) }

// wait waits until the window has reported every milestone named.
func (w *window) wait(timeout time.Duration, names ...string) error {
	limit := time.After(timeout)
	for {
		all := true
		for _, n := range names {
			if _, ok := w.seen[n]; !ok {
				all = false
			}
		}
		if all {
			return nil
		}
		select {
		case p, ok := <-w.lines:
			if !ok {
				return fmt.Errorf("the window closed before %s: %s", strings.Join(names, ", "), strings.Join(w.tail, "; "))
			}
			w.seen[p.what] = p
			hwm, rss, _ := procMemory(w.cmd.Process.Pid)
			fmt.Fprintf(w.progress, "%s: %s at %s, peak %d MB, resident %d MB, Go heap %d MB, Go runtime %d MB%s\n", w.name, p.what,
				ms(p.at.Sub(w.start)), hwm>>10, rss>>10, p.heap>>20, p.goHeld>>20, p.extra)
		case <-limit:
			return fmt.Errorf("no %s within %s", strings.Join(names, ", "), timeout)
		}
	}
}

// stop closes the window's input (the probe then quits) and waits for it, killing it after 30 s.
func (w *window) stop() {
	w.in.Close()
	done := make(chan struct{})
	go func() { w.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		w.cmd.Process.Kill()
		<-done
	}
}

// procMemory reads the peak (VmHWM) and current (VmRSS) resident memory of a process, in kB.
func procMemory(pid int) (hwm, rss int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, _ := strings.Cut(line, ":")
		n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "VmHWM":
			hwm = n
		case "VmRSS":
			rss = n
		}
	}
	return hwm, rss, nil
}

// procCPU reads the processor time a process has used (user and system), from /proc/<pid>/stat
// in clock ticks of 1/100 s.
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name in parentheses may hold spaces: the fields are counted after it.
	_, rest, _ := strings.Cut(string(b), ") ")
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0
	}
	user, _ := strconv.ParseInt(f[11], 10, 64)
	sys, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(user+sys) * 10 * time.Millisecond
}

// countLetters counts the letters written one PDF each (the printer's joined file left out).
func countLetters(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".pdf") && !strings.HasPrefix(d.Name(), "letters-") {
			n++
		}
		return nil
	})
	return n
}

// benchDisplay gives the display to open windows on: $DISPLAY, else an Xvfb started for the
// bench (stopped by stop), else "" when there is neither.
func benchDisplay(dir string) (display string, stop func(), err error) {
	if d := os.Getenv("DISPLAY"); d != "" {
		return d, func() {}, nil
	}
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		return "", func() {}, nil
	}
	for n := 90; n < 120; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		d := fmt.Sprintf(":%d", n)
		cmd := exec.Command(xvfb, d, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
		if err := cmd.Start(); err != nil {
			return "", func() {}, err
		}
		for i := 0; i < 100; i++ {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
				return d, func() { cmd.Process.Kill(); cmd.Wait() }, nil
			}
			time.Sleep(50 * time.Millisecond)
		}
		cmd.Process.Kill()
		cmd.Wait()
	}
	return "", func() {}, fmt.Errorf("cannot start Xvfb")
}
