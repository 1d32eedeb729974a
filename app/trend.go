package app

// TrendMonths is how many month ends the Dashboard's DSO and aging trends show.
const TrendMonths = 12

// DSOMonths is how many calendar months of credit sales DSO at a month end is measured over.
const DSOMonths = 3

// MonthFigures is the book of one currency at the end of one month.
type MonthFigures struct {
	Month string // "2026-03"
	End   Date   // the month's last day (the as-of day for the month not yet over)
	Aging Aging  // what was open at End, by how far past due it was then
	// Sales is what was invoiced in the DSOMonths calendar months ending with this one (up to
	// End), over SalesDays days.
	Sales     int64
	SalesDays int
	DSO       int // Aging.Total x SalesDays / Sales, rounded half-up; 0 without sales
}

// Trend is the month-by-month book of one currency, oldest month first.
type Trend struct {
	Currency string
	Months   []MonthFigures
}
