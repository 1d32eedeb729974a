package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"duebook/app"
	"duebook/app/handoff"
	"duebook/data"
)

// handoffBook is a sample book in which customer 2 has a statement printed (a letter to hand
// over), and the path of a bundle of customers 2 and 12 made from it.
func handoffBook(t *testing.T) (dir, db, bundle string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "shop.db")
	if code, _, errs := runCLI(t, "sample", "--db", db, "--invoices", "300", "--seed", "5", "--today", "2026-11-22"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := runCLI(t, "statement", "--db", db, "--customer", "2", "--as-of", "2026-11-22", "--out", filepath.Join(dir, "s.pdf")); code != 0 {
		t.Fatal(errs)
	}
	return dir, db, filepath.Join(dir, "bundle.zip")
}

func handoffArgs(db, out string, customers ...string) []string {
	args := []string{"handoff", "--db", db, "--to", "Acme Collections Ltd", "--authorised-by", "Jane Owner", "--as-of", "2026-11-22", "--out", out}
	for _, c := range customers {
		args = append(args, "--customer", c)
	}
	return args
}

func readZip(t *testing.T, b []byte) (map[string]*zip.File, map[string][]byte, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	heads, files := map[string]*zip.File{}, map[string][]byte{}
	var order []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		heads[f.Name], files[f.Name] = f, data
		order = append(order, f.Name)
	}
	return heads, files, order
}

func hexSum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestHandoffBundleHoldsEveryPromisedFileAndIsRecorded(t *testing.T) {
	_, db, out := handoffBook(t)
	if code, stdout, errs := runCLI(t, handoffArgs(db, out, "2", "12")...); code != 0 || !strings.Contains(stdout, "marked handed off") {
		t.Fatalf("handoff: %d %s %s", code, stdout, errs)
	}
	zb, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	heads, files, _ := readZip(t, zb)
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()

	var m handoff.Manifest
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	if m.Created != "2026-11-22T12:00:00Z" || m.Version == "" || m.To != "Acme Collections Ltd" || m.AuthorisedBy != "Jane Owner" || len(m.Debtors) != 2 {
		t.Fatalf("manifest: %+v", m)
	}
	checkBundleIntegrity(t, files, heads, m)

	d := m.Debtors[0]
	for _, f := range []string{"README.txt", "cover-letter.pdf", "placement.csv", d.Folder + "/statement-of-account.pdf", d.Folder + "/timeline.pdf",
		d.Folder + "/timeline.csv", d.Folder + "/payments.csv"} {
		if len(files[f]) == 0 {
			t.Errorf("%s is missing or empty", f)
		}
	}
	// The letter is the stored bytes, in letters/.
	var letter []byte
	if err := raw.QueryRow(`SELECT content FROM documents WHERE kind = 'statement'`).Scan(&letter); err != nil {
		t.Fatal(err)
	}
	found := false
	for name, b := range files {
		found = found || (strings.HasPrefix(name, d.Folder+"/letters/") && bytes.Equal(b, letter))
	}
	if !found {
		t.Error("the printed letter is not in letters/ byte for byte")
	}
	// The timeline is every event of the customer, ending at the head the manifest names.
	tl, err := csv.NewReader(bytes.NewReader(files[d.Folder+"/timeline.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	var chain string
	raw.QueryRow(`SELECT count(*) FROM events WHERE customer_id = 2 AND kind <> 'handoff'`).Scan(&n)
	raw.QueryRow(`SELECT chain FROM events WHERE customer_id = 2 AND kind <> 'handoff' ORDER BY id DESC LIMIT 1`).Scan(&chain)
	if len(tl)-1 != n || d.Events != n || d.HeadChain != chain || tl[len(tl)-1][9] != chain || !strings.HasSuffix(d.HeadRecord, chain[:8]) || d.Reference != "C2" {
		t.Fatalf("timeline: %d rows, book %d; head %s, book %s", len(tl)-1, n, d.HeadChain, chain)
	}
	checkPlacementAndStatement(t, files, d)
	checkBundleDocuments(t, raw, files, m)

	// The hand-off is on the timeline with the bundle's hash, the bundle is kept, the ladder stops.
	var evData string
	if err := raw.QueryRow(`SELECT data FROM events WHERE customer_id = 12 AND kind = 'handoff'`).Scan(&evData); err != nil || !strings.Contains(evData, hexSum(zb)) || !strings.Contains(evData, "Jane Owner") {
		t.Fatalf("hand-off event: %s %v", evData, err)
	}
	var kept, open int
	raw.QueryRow(`SELECT count(*) FROM documents WHERE sha256 = ? AND kind = 'handoff-bundle'`, hexSum(zb)).Scan(&kept)
	raw.QueryRow(`SELECT count(*) FROM invoices WHERE customer_id IN (2, 12) AND paid < amount AND handed_off = ''`).Scan(&open)
	if kept != 1 || open != 0 {
		t.Fatalf("bundle kept %d, invoices not handed off %d", kept, open)
	}
	if code, stdout, _ := runCLI(t, "check", "--db", db); code != 0 {
		t.Fatalf("check after the hand-off: %s", stdout)
	}
	if code, stdout, errs := runCLI(t, "verify", out); code != 0 || !strings.Contains(stdout, "intact") {
		t.Fatalf("verify: %d %s %s", code, stdout, errs)
	}
}

// checkBundleIntegrity recomputes every hash of the manifest and SHA256SUMS and checks that PDFs
// are stored and text compressed.
func checkBundleIntegrity(t *testing.T, files map[string][]byte, heads map[string]*zip.File, m handoff.Manifest) {
	t.Helper()
	// Every file but the manifest and SHA256SUMS is listed with its size and hash; SHA256SUMS
	// covers the manifest too.
	if len(m.Files) != len(files)-2 {
		t.Fatalf("manifest lists %d files, the ZIP holds %d", len(m.Files), len(files))
	}
	for _, f := range m.Files {
		if b, ok := files[f.Path]; !ok || int64(len(b)) != f.Size || hexSum(b) != f.SHA256 {
			t.Errorf("%s does not match the manifest", f.Path)
		}
	}
	sums := strings.Split(strings.TrimSpace(string(files["SHA256SUMS"])), "\n")
	if len(sums) != len(files)-1 || !strings.Contains(string(files["SHA256SUMS"]), hexSum(files["manifest.json"])+"  manifest.json\n") {
		t.Fatalf("SHA256SUMS: %s", files["SHA256SUMS"])
	}
	for _, l := range sums {
		h, name, _ := strings.Cut(l, "  ")
		if hexSum(files[name]) != h {
			t.Errorf("SHA256SUMS: %s", l)
		}
	}
	for name, h := range heads {
		if pdf := strings.HasSuffix(name, ".pdf"); pdf != (h.Method == zip.Store) {
			t.Errorf("%s: method %d (PDFs stored, text compressed)", name, h.Method)
		}
	}
}

// checkBundleDocuments reads the cover letter, the first debtor's timeline PDF and invoices back.
func checkBundleDocuments(t *testing.T, raw *sql.DB, files map[string][]byte, m handoff.Manifest) {
	t.Helper()
	d := m.Debtors[0]
	// The cover letter names the receiver, who authorised it, and each debtor with the amount.
	cover := strings.Join(strings.Fields(pdfText(t, files["cover-letter.pdf"])), " ")
	for _, s := range []string{"Acme Collections Ltd", "authorised by Jane Owner", "Anna Schneider", "EUR " + m.Debtors[0].Claims[0].Balance, "Jürgen Weber", "EUR " + m.Debtors[1].Claims[0].Balance} {
		if !strings.Contains(cover, s) {
			t.Errorf("the cover letter does not say %q:\n%s", s, cover)
		}
	}
	// The timeline PDF carries each event's record reference, as letters print it.
	if tlText := pdfText(t, files[d.Folder+"/timeline.pdf"]); !strings.Contains(tlText, d.HeadRecord) {
		t.Errorf("timeline.pdf does not show %s", d.HeadRecord)
	}
	// One invoice PDF per open invoice, printed from the ledger.
	rowsInv, err := raw.Query(`SELECT number FROM invoices WHERE customer_id = 2 AND paid < amount`)
	if err != nil {
		t.Fatal(err)
	}
	for rowsInv.Next() {
		var num string
		rowsInv.Scan(&num)
		if inv := files[d.Folder+"/invoices/"+num+".pdf"]; inv == nil || !strings.Contains(pdfText(t, inv), num) {
			t.Errorf("invoices/%s.pdf is missing or does not name the invoice", num)
		}
	}
	rowsInv.Close()
}

// checkPlacementAndStatement checks placement.csv against README.txt and the statement.
func checkPlacementAndStatement(t *testing.T, files map[string][]byte, d handoff.ManifestDebtor) {
	t.Helper()
	// placement.csv: the documented columns, and the balance the statement claims.
	pl, err := csv.NewReader(bytes.NewReader(files["placement.csv"])).ReadAll()
	if err != nil || len(pl) != 3 || strings.Join(pl[0], ",") != strings.Join(handoff.PlacementHeader, ",") {
		t.Fatalf("placement.csv: %v %v", pl, err)
	}
	readme := string(files["README.txt"])
	for _, col := range handoff.PlacementHeader {
		if !strings.Contains(readme, "\n  "+col+" ") {
			t.Errorf("README.txt does not explain column %s", col)
		}
	}
	for _, s := range []string{"Acme Collections Ltd", "Jane Owner", "sha256sum -c SHA256SUMS", "duebook verify"} {
		if !strings.Contains(readme, s) {
			t.Errorf("README.txt does not say %q", s)
		}
	}
	row := map[string]string{}
	for i, col := range pl[0] {
		row[col] = pl[1][i]
	}
	// The statement is in the customer's language (German here: a decimal comma).
	text := pdfText(t, files[d.Folder+"/statement-of-account.pdf"])
	if row["name"] != "Anna Schneider" || row["balance"] != d.Claims[0].Balance || !strings.Contains(text, "Anna Schneider") || !strings.Contains(text, "EUR "+strings.Replace(row["balance"], ".", ",", 1)) ||
		!regexp.MustCompile(`Offen am Stichtag, `+regexp.QuoteMeta(app.MustDate(row["itemization_date"]).Time().Format("02.01.2006"))+` +EUR [\d.,]+\n(.*\n){4}Offen heute +EUR `+regexp.QuoteMeta(strings.Replace(row["balance"], ".", ",", 1))).MatchString(text) {
		t.Fatalf("placement %v, statement:\n%s", row, text)
	}
}

// pdfText reads a PDF back with poppler's pdftotext, an independent reader.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is needed to read the PDFs back")
	}
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// The same book and the same day give the same bytes.
func TestHandoffBundleIsDeterministic(t *testing.T) {
	dir, db, out := handoffBook(t)
	twin := filepath.Join(dir, "twin.db")
	if code, _, errs := runCLI(t, "backup", "--db", db, twin); code != 0 {
		t.Fatal(errs)
	}
	out2 := filepath.Join(dir, "twin.zip")
	for _, run := range [][]string{handoffArgs(db, out, "12", "2"), handoffArgs(twin, out2, "12", "2")} {
		if code, _, errs := runCLI(t, run...); code != 0 {
			t.Fatal(errs)
		}
	}
	a, _ := os.ReadFile(out)
	b, _ := os.ReadFile(out2)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Fatalf("two exports differ: %d and %d bytes", len(a), len(b))
	}
}

// rezip writes files again in order, as someone altering a bundle would.
func rezip(t *testing.T, files map[string][]byte, order []string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range order {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(files[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// reseal recomputes manifest.json and SHA256SUMS after an edit, so that only the timeline's
// own chain can tell.
func reseal(t *testing.T, files map[string][]byte, order []string) {
	t.Helper()
	var m handoff.Manifest
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	for i, f := range m.Files {
		m.Files[i].Size, m.Files[i].SHA256 = int64(len(files[f.Path])), hexSum(files[f.Path])
	}
	files["manifest.json"], _ = json.MarshalIndent(m, "", "  ")
	var sums strings.Builder
	for _, name := range order {
		if name != "SHA256SUMS" {
			sums.WriteString(hexSum(files[name]) + "  " + name + "\n")
		}
	}
	files["SHA256SUMS"] = []byte(sums.String())
}

func TestVerifyNamesEveryChange(t *testing.T) {
	dir, db, out := handoffBook(t)
	if code, _, errs := runCLI(t, handoffArgs(db, out, "2")...); code != 0 {
		t.Fatal(errs)
	}
	zb, _ := os.ReadFile(out)
	folder := "01-Anna Schneider/"
	cases := []struct {
		name  string
		alter func(files map[string][]byte, order []string) []string
		want  string
	}{
		{"one byte of a stored PDF", func(f map[string][]byte, o []string) []string {
			f[folder+"statement-of-account.pdf"][500] ^= 1
			return o
		}, folder + "statement-of-account.pdf does not match its SHA-256 in manifest.json"},
		{"a removed file", func(f map[string][]byte, o []string) []string {
			var keep []string
			for _, n := range o {
				if n != folder+"payments.csv" {
					keep = append(keep, n)
				}
			}
			return keep
		}, folder + "payments.csv is listed in manifest.json but missing"},
		{"an added file", func(f map[string][]byte, o []string) []string {
			f[folder+"letters/extra.pdf"] = []byte("%PDF-1.4")
			return append(o, folder+"letters/extra.pdf")
		}, folder + "letters/extra.pdf is in the bundle but not in manifest.json"},
		{"an edited timeline row, hashes of the files recomputed", func(f map[string][]byte, o []string) []string {
			rows, _ := csv.NewReader(bytes.NewReader(f[folder+"timeline.csv"])).ReadAll()
			rows[2][5] = "Payment of EUR 1.00 recorded"
			var b bytes.Buffer
			w := csv.NewWriter(&b)
			w.WriteAll(rows)
			f[folder+"timeline.csv"] = b.Bytes()
			reseal(t, f, o)
			return o
		}, folder + "timeline.csv row 2 (event "},
		{"a removed timeline row, hashes of the files recomputed", func(f map[string][]byte, o []string) []string {
			rows, _ := csv.NewReader(bytes.NewReader(f[folder+"timeline.csv"])).ReadAll()
			rows = append(rows[:3], rows[4:]...)
			var b bytes.Buffer
			w := csv.NewWriter(&b)
			w.WriteAll(rows)
			f[folder+"timeline.csv"] = b.Bytes()
			reseal(t, f, o)
			return o
		}, "its link does not follow from the row before"},
	}
	for i, c := range cases {
		_, files, order := readZip(t, zb)
		order = c.alter(files, order)
		bad := filepath.Join(dir, "bad"+string(rune('a'+i))+".zip")
		if err := os.WriteFile(bad, rezip(t, files, order), 0o600); err != nil {
			t.Fatal(err)
		}
		code, stdout, errs := runCLI(t, "verify", bad)
		if code != 1 || !strings.Contains(stdout, c.want) || !strings.Contains(errs, "was changed") {
			t.Errorf("%s: %d\n%s\n%s", c.name, code, stdout, errs)
		}
	}
	// Unchanged, rewritten by another ZIP writer: still intact.
	_, files, order := readZip(t, zb)
	same := filepath.Join(dir, "same.zip")
	os.WriteFile(same, rezip(t, files, order), 0o600)
	if code, stdout, _ := runCLI(t, "handoff", "verify", same); code != 0 {
		t.Fatalf("unchanged bundle: %s", stdout)
	}
}

func TestHandoffRefusesBadInputAndLeavesNothing(t *testing.T) {
	dir, db, out := handoffBook(t)
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	events := func() (n int) {
		raw.QueryRow(`SELECT count(*) FROM events`).Scan(&n)
		return n
	}
	var paidUp string
	if err := raw.QueryRow(`SELECT id FROM customers WHERE id NOT IN (SELECT customer_id FROM invoices WHERE paid < amount) LIMIT 1`).Scan(&paidUp); err != nil {
		t.Fatal(err)
	}
	before := events()
	for _, c := range []struct {
		args []string
		want string
	}{
		{handoffArgs(db, out, paidUp), "owes nothing"},
		{handoffArgs(db, filepath.Join(dir, "no-such-folder", "b.zip"), "2"), "cannot write to the folder"},
		{append(handoffArgs(db, out, "2"), "--to", " "), "name the collection agency"},
	} {
		if code, _, errs := runCLI(t, c.args...); code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: %d %s", c.args, code, errs)
		}
	}
	if _, err := os.Stat(out); err == nil || events() != before {
		t.Fatal("a refused hand-off left a file or an event")
	}

	// A second bundle for a customer already handed off needs --again.
	if code, _, errs := runCLI(t, handoffArgs(db, out, "2")...); code != 0 {
		t.Fatal(errs)
	}
	again := filepath.Join(dir, "again.zip")
	if code, _, errs := runCLI(t, handoffArgs(db, again, "2")...); code != 1 || !strings.Contains(errs, "already handed off on 2026-11-22") || !strings.Contains(errs, "--again") {
		t.Fatalf("second bundle: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, append(handoffArgs(db, again, "2"), "--again")...); code != 0 {
		t.Fatalf("second bundle with --again: %s", errs)
	}
	// The existing file is never replaced.
	if code, _, errs := runCLI(t, handoffArgs(db, again, "12")...); code != 1 || !strings.Contains(errs, "already exists") {
		t.Fatalf("existing file: %d %s", code, errs)
	}

	// A timeline row edited outside Duebook: the export is refused and the row named.
	var id int
	raw.QueryRow(`SELECT min(id) FROM events WHERE customer_id = 12`).Scan(&id)
	for _, q := range []string{`DROP TRIGGER events_append_only_update`, `UPDATE events SET summary = summary || '.' WHERE id = ?`} {
		if _, err := raw.Exec(q, id); err != nil {
			t.Fatal(err)
		}
	}
	before = events()
	broken := filepath.Join(dir, "broken.zip")
	if code, _, errs := runCLI(t, handoffArgs(db, broken, "12")...); code != 1 || !strings.Contains(errs, "does not verify at event "+strconv.Itoa(id)+" ") {
		t.Fatalf("broken chain: %d %s", code, errs)
	}
	if _, err := os.Stat(broken); err == nil || events() != before {
		t.Fatal("a refused hand-off left a file or an event")
	}
}

// The cover letter goes through the wording rule: a debt that may be time-barred is handed over
// without the sentence about legal action, and the agency is told why.
func TestHandoffCoverLetterDropsLegalActionForATimeBarredDebt(t *testing.T) {
	_, db, out := handoffBook(t)
	if code, _, errs := runCLI(t, "profile", "--db", db, "--limitation-years", "1"); code != 0 {
		t.Fatal(errs)
	}
	// Customer 2's oldest open invoice fell due more than a year ago; customer 1's this year.
	if code, _, errs := runCLI(t, handoffArgs(db, out, "2", "1")...); code != 0 {
		t.Fatal(errs)
	}
	zb, _ := os.ReadFile(out)
	_, files, _ := readZip(t, zb)
	cover := strings.Join(strings.Fields(pdfText(t, files["cover-letter.pdf"])), " ")
	barred := strings.Index(cover, "may be past its limitation period")
	second := strings.Index(cover, "(reference C1,")
	if strings.Count(cover, "may be past its limitation period") != 1 || strings.Count(cover, "you may take legal action") != 1 || barred < 0 || second < 0 ||
		barred > second || strings.Index(cover, "legal action") < second {
		t.Fatalf("cover letter:\n%s", cover)
	}
}

// bench reports the export time of a debtor with letters and emails on file.
func TestBenchReportsTheHandoffExport(t *testing.T) {
	code, out, errs := runCLI(t, "bench", "--sizes", "", "--import-rows", "0", "--queue-sizes", "", "--handoff-docs", "5", "--dir", t.TempDir())
	if code != 0 || !regexp.MustCompile(`\n\| 5 \| 5 \| \d+ MB \| [\d.]+ ms \|\n`).MatchString(out) {
		t.Fatalf("bench: %d %s %s", code, out, errs)
	}
}

// emails/ holds the emails as sent and the replies as received, byte for byte; an email the
// outbox never sent is not passed off as sent.
func TestHandoffBundleHoldsSentEmailsAndRepliesOnly(t *testing.T) {
	_, db, out := handoffBook(t)
	st, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	docs := []app.Document{
		app.NewDocument("email", "message/rfc822", []byte("Message-ID: <sent@shop>\r\nSubject: Reminder\r\n\r\nPlease pay.\r\n")),
		app.NewDocument("email", "message/rfc822", []byte("Message-ID: <cancelled@shop>\r\nSubject: Reminder\r\n\r\nNot sent.\r\n")),
		app.NewDocument("email-reply", "message/rfc822", []byte("Message-ID: <reply@customer>\r\nIn-Reply-To: <sent@shop>\r\n\r\nI will pay on Friday.\r\n")),
	}
	for _, d := range docs {
		if err := st.SaveDocument(d, app.Event{CustomerID: 2, Kind: "email", Summary: "email on file", Data: `{"sha256":"` + d.SHA256 + `"}`}); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for i, state := range []string{"sent", "cancelled"} {
		if _, err := raw.Exec(`INSERT INTO outbox (message_id, customer_id, stage, recipient, subject, sha256, state, next_at, queued_at)
VALUES (?, 2, 'reminder 1', 'customer2@example.com', 'Reminder', ?, ?, '', '')`, state+"@shop", docs[i].SHA256, state); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, errs := runCLI(t, handoffArgs(db, out, "2")...); code != 0 {
		t.Fatal(errs)
	}
	zb, _ := os.ReadFile(out)
	_, files, _ := readZip(t, zb)
	var emails [][]byte
	for name, b := range files {
		if strings.HasPrefix(name, "01-Anna Schneider/emails/") && strings.HasSuffix(name, ".eml") {
			emails = append(emails, b)
		}
	}
	has := func(d app.Document) bool {
		for _, b := range emails {
			if bytes.Equal(b, d.Content) {
				return true
			}
		}
		return false
	}
	if len(emails) != 2 || !has(docs[0]) || !has(docs[2]) || has(docs[1]) {
		t.Fatalf("emails/ holds %d files: %q", len(emails), emails)
	}
}

// After a hand-off, payments record as usual, and those since the hand-off are written for the
// agency.
func TestPaymentsSinceHandoff(t *testing.T) {
	dir, db, out := handoffBook(t)
	csvOut := filepath.Join(dir, "since.csv")
	if code, _, errs := runCLI(t, "handoff", "payments", "--db", db, "--customer", "2", "--out", csvOut, "--as-of", "2026-11-22"); code != 1 || !strings.Contains(errs, "was not handed off") {
		t.Fatalf("before the hand-off: %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, handoffArgs(db, out, "2")...); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := runCLI(t, "pay", "--db", db, "--customer", "2", "--amount", "100.00", "--method", "bank transfer", "--date", "2026-11-23"); code != 0 {
		t.Fatalf("pay after the hand-off: %s", errs)
	}
	// A day before the hand-off, there was no hand-off to report payments since.
	early := filepath.Join(dir, "early.csv")
	if code, _, errs := runCLI(t, "handoff", "payments", "--db", db, "--customer", "2", "--out", early, "--as-of", "2026-11-20"); code != 1 || !strings.Contains(errs, "was not handed off") {
		t.Fatalf("as of a day before the hand-off: %d %s", code, errs)
	}
	if _, err := os.Stat(early); err == nil {
		t.Fatal("a file was written for a hand-off not yet made")
	}
	if code, _, errs := runCLI(t, "handoff", "payments", "--db", db, "--customer", "2", "--out", csvOut, "--as-of", "2026-11-26"); code != 0 {
		t.Fatal(errs)
	}
	b, _ := os.ReadFile(csvOut)
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	zb, _ := os.ReadFile(out)
	if err != nil || len(rows) != 2 || strings.Join(rows[0], ",") != strings.Join(handoff.PaymentsSinceHeader, ",") ||
		strings.Join(rows[1], ",") != "C2,Anna Schneider,2026-11-22,Acme Collections Ltd,"+hexSum(zb)+",2026-11-23,100.00,EUR,bank transfer," {
		t.Fatalf("payments since: %q %v", rows, err)
	}
	// The same as a letter to the agency: each payment, their sum and what is still owed.
	pdfOut := filepath.Join(dir, "since.pdf")
	if code, _, errs := runCLI(t, "handoff", "payments", "--db", db, "--customer", "2", "--out", pdfOut, "--as-of", "2026-11-26"); code != 0 {
		t.Fatal(errs)
	}
	pb, _ := os.ReadFile(pdfOut)
	text := strings.Join(strings.Fields(pdfText(t, pb)), " ")
	var m handoff.Manifest
	_, files, _ := readZip(t, zb)
	json.Unmarshal(files["manifest.json"], &m)
	claimed, _ := app.ParseAmount(m.Debtors[0].Claims[0].Balance, app.MustCurrency("EUR"), app.FormatDot)
	owed := app.FormatMinor(claimed-10000, app.MustCurrency("EUR"), app.NumberFormatFor("de"))
	for _, want := range []string{"Acme Collections Ltd", "Zahlungseingänge seit der Übergabe", "Anna Schneider (Referenz C2) wurde Ihnen am 22.11.2026 übergeben",
		hexSum(zb)[:16], "23.11.2026 Überweisung EUR 100,00", "Eingegangen seit der Übergabe EUR 100,00", "Heute noch offen EUR " + owed} {
		if !strings.Contains(text, want) {
			t.Fatalf("the payments-since letter lacks %q:\n%s", want, text)
		}
	}
}

// Approving Today's hand-off proposal charges what the law allows and marks the invoices handed
// off; the bundle made next claims those charges too, on the statement and in placement.csv.
func TestHandoffAfterTheApprovedProposalClaimsItsCharges(t *testing.T) {
	_, db, out := handoffBook(t)
	if code, stdout, errs := runCLI(t, "approve", "--db", db, "--as-of", "2026-11-22", "--customer", "19"); code != 0 || !strings.Contains(stdout, "hand-off proposal") {
		t.Fatalf("approve: %d %s %s", code, stdout, errs)
	}
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var fees int64
	if err := raw.QueryRow(`SELECT sum(c.amount - c.paid) FROM charges c JOIN invoices i ON i.id = c.invoice_id WHERE i.customer_id = 19`).Scan(&fees); err != nil || fees <= 0 {
		t.Fatalf("no charge from the proposal: %d %v", fees, err)
	}
	if code, _, errs := runCLI(t, handoffArgs(db, out, "19")...); code != 0 {
		t.Fatal(errs)
	}
	zb, _ := os.ReadFile(out)
	_, files, _ := readZip(t, zb)
	pl, _ := csv.NewReader(bytes.NewReader(files["placement.csv"])).ReadAll()
	row := map[string]string{}
	for i, col := range pl[0] {
		row[col] = pl[1][i]
	}
	want := fmt.Sprintf("%d.%02d", fees/100, fees%100)
	text := pdfText(t, files["01-Groß GmbH/statement-of-account.pdf"])
	if row["fees"] != want || !strings.Contains(text, strings.Replace(want, ".", ",", 1)) {
		t.Fatalf("fees %s in placement.csv, want %s; statement:\n%s", row["fees"], want, text)
	}
}

// The itemization date is chosen once per debt and kept: a second bundle after a later payment
// itemizes from the same day as the first (12 CFR 1006.34).
func TestASecondBundleKeepsTheItemizationDate(t *testing.T) {
	dir, db, out := handoffBook(t)
	if code, _, errs := runCLI(t, handoffArgs(db, out, "2")...); code != 0 {
		t.Fatal(errs)
	}
	itemization := func(path string) string {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		_, files, _ := readZip(t, b)
		rows, err := csv.NewReader(bytes.NewReader(files["placement.csv"])).ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("placement.csv: %v %v", rows, err)
		}
		for i, col := range rows[0] {
			if col == "itemization_date" {
				return rows[1][i]
			}
		}
		t.Fatal("no itemization_date column")
		return ""
	}
	first := itemization(out)
	if code, _, errs := runCLI(t, "pay", "--db", db, "--customer", "2", "--amount", "1.00", "--method", "bank transfer", "--date", "2026-11-23"); code != 0 {
		t.Fatalf("pay: %s", errs)
	}
	again := filepath.Join(dir, "again.zip")
	args := append(handoffArgs(db, again, "2"), "--again")
	for i, a := range args {
		if a == "2026-11-22" {
			args[i] = "2026-11-25"
		}
	}
	if code, _, errs := runCLI(t, args...); code != 0 {
		t.Fatal(errs)
	}
	if second := itemization(again); second != first || first == "" {
		t.Fatalf("the second bundle itemizes from %s, the first from %s", second, first)
	}
}

// The cover letter goes to the agency's postal address, and the address book keeps it for the
// next hand-off to the same agency.
func TestCoverLetterGoesToTheAgencysAddress(t *testing.T) {
	dir, db, out := handoffBook(t)
	args := append(handoffArgs(db, out, "2"), "--to-address", "Inkassoweg 7; 10115 Berlin")
	if code, _, errs := runCLI(t, args...); code != 0 {
		t.Fatal(errs)
	}
	cover := func(path string) string {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		_, files, _ := readZip(t, b)
		return pdfText(t, files["cover-letter.pdf"])
	}
	if text := cover(out); !strings.Contains(text, "Inkassoweg 7") || !strings.Contains(text, "10115 Berlin") {
		t.Fatalf("the cover letter lacks the agency's address:\n%s", text)
	}
	// The next customer to the same agency: the address comes from the address book.
	second := filepath.Join(dir, "second.zip")
	handed := false
	for n := 3; n < 40 && !handed; n++ { // the next customer who owes something
		code, _, _ := runCLI(t, handoffArgs(db, second, fmt.Sprint(n))...)
		handed = code == 0
	}
	if !handed {
		t.Fatal("no second customer to hand off")
	}
	if text := cover(second); !strings.Contains(text, "Inkassoweg 7") {
		t.Fatalf("the address book did not keep the address:\n%s", text)
	}
	bad := append(handoffArgs(db, filepath.Join(dir, "bad.zip"), "4"), "--to-address", "a;b;c;d;e;f")
	if code, _, errs := runCLI(t, bad...); code != 1 || !strings.Contains(errs, "at most 5") {
		t.Fatalf("six address lines: %d %s", code, errs)
	}
}
