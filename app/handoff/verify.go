package handoff

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"duebook/app"
)

// Report is what Verify checked and what did not match.
type Report struct {
	Checked  []string // what was checked, in sentences
	Problems []string // what does not match, each naming the file, row or hash
}

// OK tells whether everything matched.
func (r Report) OK() bool { return len(r.Problems) == 0 }

func (r *Report) problem(format string, args ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

// maxEntry bounds what one file of a bundle may hold when read back (a guard against a ZIP bomb).
const maxEntry = 1 << 30

// Verify checks a bundle without the book: every file against manifest.json and SHA256SUMS,
// no file missing or extra, and every timeline's chain recomputed. An error means the file
// could not be read as a bundle at all.
func Verify(zipBytes []byte) (Report, error) {
	var r Report
	zr, err := zip.NewReader(bytes.NewReader(zipBytes), int64(len(zipBytes)))
	if err != nil {
		return r, app.Wrap(app.CodeInvalid, err, "the file is not a readable ZIP")
	}
	files := map[string][]byte{}
	var order []string
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		if _, dup := files[f.Name]; dup {
			r.problem("%s is in the ZIP twice", f.Name)
			continue
		}
		b, err := readEntry(f)
		if err != nil {
			r.problem("%s cannot be read: %v", f.Name, err)
			continue
		}
		files[f.Name] = b
		order = append(order, f.Name)
	}
	mj, ok := files["manifest.json"]
	if !ok {
		return r, app.Errorf(app.CodeInvalid, "the ZIP has no manifest.json: it is not a Duebook hand-off bundle")
	}
	var m Manifest
	if err := json.Unmarshal(mj, &m); err != nil {
		r.problem("manifest.json cannot be read: %v", err)
		return r, nil
	}
	r.Checked = append(r.Checked, fmt.Sprintf("bundle made %s by Duebook %s, from %s to %s, authorised by %s", m.Created, m.Version, m.From, m.To, m.AuthorisedBy))
	checkManifest(&r, m, files, order)
	checkSums(&r, files, order)
	for _, d := range m.Debtors {
		checkTimeline(&r, d, files[d.Folder+"/timeline.csv"])
	}
	return r, nil
}

func readEntry(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxEntry+1))
	if err == nil && len(b) > maxEntry {
		err = fmt.Errorf("larger than %d bytes", maxEntry)
	}
	return b, err
}

// checkManifest compares every file with its size and SHA-256, and finds files missing or extra.
func checkManifest(r *Report, m Manifest, files map[string][]byte, order []string) {
	listed := map[string]bool{"manifest.json": true, "SHA256SUMS": true}
	for _, f := range m.Files {
		listed[f.Path] = true
		b, ok := files[f.Path]
		switch {
		case !ok:
			r.problem("%s is listed in manifest.json but missing from the bundle", f.Path)
		case int64(len(b)) != f.Size:
			r.problem("%s is %d bytes, manifest.json says %d: it was changed", f.Path, len(b), f.Size)
		case sum(b) != f.SHA256:
			r.problem("%s does not match its SHA-256 in manifest.json: it was changed", f.Path)
		}
	}
	for _, name := range order {
		if !listed[name] {
			r.problem("%s is in the bundle but not in manifest.json: it was added", name)
		}
	}
	r.Checked = append(r.Checked, fmt.Sprintf("%d files against their size and SHA-256 in manifest.json", len(m.Files)))
}

// checkSums checks SHA256SUMS, which also covers manifest.json.
func checkSums(r *Report, files map[string][]byte, order []string) {
	sums, ok := files["SHA256SUMS"]
	if !ok {
		r.problem("SHA256SUMS is missing")
		return
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(sums))
	n := 0
	for sc.Scan() {
		n++
		hash, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			r.problem("SHA256SUMS line %d is not \"HASH  FILE\"", n)
			continue
		}
		seen[name] = true
		if b, ok := files[name]; !ok {
			r.problem("%s is listed in SHA256SUMS but missing from the bundle", name)
		} else if sum(b) != hash {
			r.problem("%s does not match its SHA-256 in SHA256SUMS: it was changed", name)
		}
	}
	for _, name := range order {
		if name != "SHA256SUMS" && !seen[name] {
			r.problem("%s is in the bundle but not in SHA256SUMS", name)
		}
	}
	r.Checked = append(r.Checked, fmt.Sprintf("%d files against SHA256SUMS", n))
}

// checkTimeline recomputes each row of a debtor's timeline.csv and the chain of its rows.
func checkTimeline(r *Report, d ManifestDebtor, b []byte) {
	name := path.Join(d.Folder, "timeline.csv")
	if b == nil {
		r.problem("%s is missing", name)
		return
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(TimelineHeader, ",") {
		r.problem("%s cannot be read as a timeline", name)
		return
	}
	rows = rows[1:]
	link := app.GenesisChain
	var last []string
	for i, row := range rows {
		if len(row) != len(TimelineHeader) {
			r.problem("%s row %d has %d columns, not %d", name, i+1, len(row), len(TimelineHeader))
			return
		}
		if msg := checkRow(row); msg != "" {
			r.problem("%s row %d (event %s, %s): %s", name, i+1, row[1], row[4], msg)
		}
		link = app.ChainLink(link, row[9])
		if row[11] != link {
			r.problem("%s row %d (event %s): its link does not follow from the row before: a row was removed, added or moved", name, i+1, row[1])
			link = row[11]
		}
		last = row
	}
	switch {
	case len(rows) != d.Events:
		r.problem("%s has %d events, manifest.json says %d", name, len(rows), d.Events)
	case link != d.HeadLink:
		r.problem("%s does not end at the head_link in manifest.json", name)
	case last != nil && (last[1] != strconv.FormatInt(d.HeadEvent, 10) || last[9] != d.HeadChain):
		r.problem("%s does not end at the head event and chain in manifest.json", name)
	}
	r.Checked = append(r.Checked, fmt.Sprintf("%s: %d events, each hash and link recomputed, head %s", name, len(rows), d.HeadRecord))
}

// checkRow recomputes one event's hash, chain and record reference; "" when all match.
func checkRow(row []string) string {
	id, err1 := strconv.ParseInt(row[1], 10, 64)
	at, err2 := time.Parse(time.RFC3339Nano, row[2])
	cust, err3 := strconv.ParseInt(row[3], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return "its event number, time or customer cannot be read"
	}
	ev := app.Event{ID: id, At: at, CustomerID: cust, Kind: row[4], Summary: row[5], Data: row[6]}
	switch {
	case at.UTC().Format(time.RFC3339Nano) != row[2]:
		return "its time is not written as the book writes it"
	case app.EventHash(ev) != row[7]:
		return "its content does not match its hash: it was edited"
	case app.ChainLink(row[8], row[7]) != row[9]:
		return "its chain value does not follow from prev_chain and hash"
	case (app.ChainHead{Events: id, Chain: row[9]}).Ref() != row[10]:
		return "its record reference does not match its chain"
	}
	return ""
}
