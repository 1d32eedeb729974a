package app

import (
	"fmt"
	"sort"
	"strings"
)

// reportBuilder fills an import report without letting it grow with the file: a file of a
// million bad rows lists the first MaxReportLines problems and sums up the rest by column; notes
// about single rows (a new customer, a cleaned name) are capped the same way per kind.
type reportBuilder struct {
	r        *ImportReport
	byColumn map[string]int // problems not listed, by column
	rowNotes map[string]int // notes about single rows, by kind
}

// reject records the problems of a rejected row.
func (b *reportBuilder) reject(r *rowReader) {
	if len(r.probs) == 0 {
		return
	}
	b.r.Rejected++
	for _, pr := range r.probs {
		b.r.ProblemCount++
		if len(b.r.Problems) < MaxReportLines {
			b.r.Problems = append(b.r.Problems, pr)
			continue
		}
		if b.byColumn == nil {
			b.byColumn = map[string]int{}
		}
		b.byColumn[pr.Column]++
	}
	r.probs = r.probs[:0]
}

// rowNote adds a note about one row, of a kind that may repeat for every row of a file.
func (b *reportBuilder) rowNote(kind, format string, args ...any) {
	if b.rowNotes == nil {
		b.rowNotes = map[string]int{}
	}
	if b.rowNotes[kind]++; b.rowNotes[kind] <= MaxReportLines {
		b.r.Notes = append(b.r.Notes, fmt.Sprintf(format, args...))
	}
}

// conflict records a stored invoice the file changes.
func (b *reportBuilder) conflict(c ImportConflict) {
	if b.r.ConflictCount++; len(b.r.Conflicts) < MaxReportLines {
		b.r.Conflicts = append(b.r.Conflicts, c)
	}
}

// rowNoteKinds says, per kind, how the notes left out are summed up.
var rowNoteKinds = map[string]string{
	"new customer":    "more new customers",
	"credit note":     "more credit notes",
	"cleaned":         "more names had invisible characters removed",
	"duplicate":       "more new customers look like customers already known",
	"stored kind":     "more rows name a type other than the stored customer's",
	"void":            "more rows are left out as voided, deleted or draft invoices",
	"report payment":  "more payments not yet applied become customer credit",
	"applied payment": "more payments were applied in full already",
}

// finish writes the summaries of what the lists left out.
func (b *reportBuilder) finish() {
	if n := b.r.ProblemCount - len(b.r.Problems); n > 0 {
		var cols []string
		for c := range b.byColumn {
			cols = append(cols, c)
		}
		sort.Slice(cols, func(i, j int) bool {
			return b.byColumn[cols[i]] > b.byColumn[cols[j]] || b.byColumn[cols[i]] == b.byColumn[cols[j]] && cols[i] < cols[j]
		})
		var parts []string
		for _, c := range cols {
			where := fmt.Sprintf("in column %q", c)
			if c == "" {
				where = "about whole rows"
			}
			parts = append(parts, fmt.Sprintf("%s %s", groupDigits(b.byColumn[c]), where))
		}
		b.r.MoreProblems = fmt.Sprintf("… and %s more problems (%s); the first %d are listed", groupDigits(n), strings.Join(parts, ", "), MaxReportLines)
	}
	kinds := make([]string, 0, len(b.rowNotes))
	for k := range b.rowNotes {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		if n := b.rowNotes[k] - MaxReportLines; n > 0 {
			b.r.Notes = append(b.r.Notes, fmt.Sprintf("… and %s %s", groupDigits(n), rowNoteKinds[k]))
		}
	}
	if n := b.r.ConflictCount - len(b.r.Conflicts); n > 0 {
		b.r.Notes = append(b.r.Notes, fmt.Sprintf("… and %s more stored invoices differ from the file; the first %d are listed", groupDigits(n), MaxReportLines))
	}
}

// FieldChange is one value a row changes on a stored invoice, as the owner reads it.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// ImportConflict is a stored invoice whose amount, dates or customer the file says otherwise.
type ImportConflict struct {
	Row     int
	Number  string
	Changes []FieldChange
}

func (c ImportConflict) String() string {
	parts := make([]string, len(c.Changes))
	for i, ch := range c.Changes {
		parts[i] = fmt.Sprintf("%s %s → %s", ch.Field, orNone(ch.Old), orNone(ch.New))
	}
	return fmt.Sprintf("row %d, invoice %s: %s", c.Row, c.Number, strings.Join(parts, "; "))
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// Lines is the report as the owner reads it: the notes, the conflicts and the problems, each
// list already capped, with its summary.
func (r ImportReport) Lines() (notes, conflicts, problems []string) {
	notes = append(notes, r.Notes...)
	for _, c := range r.Conflicts {
		conflicts = append(conflicts, c.String())
	}
	for _, p := range r.Problems {
		problems = append(problems, p.String())
	}
	if r.MoreProblems != "" {
		problems = append(problems, r.MoreProblems)
	}
	return notes, conflicts, problems
}

// pastTense turns the notes of the plan, written for a check ("will be created"), into what an
// import that was written did ("was created").
var pastTense = strings.NewReplacer(
	"is new and will be created from row", "was new and was created from row",
	"new customers will be recorded as", "new customers were recorded as",
	"new customer will be recorded as", "new customer was recorded as",
	": it becomes customer credit", ": it became customer credit",
	"is a payment not yet applied to an invoice", "was a payment not yet applied to an invoice",
	"each invoice is imported once", "each invoice was imported once",
	"each invoice is imported for what is still open", "each invoice was imported for what is still open",
	"is left out: its status is", "was left out: its status is",
)

// done marks the report as written and says its notes in the past tense.
func (r *ImportReport) done() {
	r.Applied = true
	for i, n := range r.Notes {
		r.Notes[i] = pastTense.Replace(n)
	}
}
