package cashflow

import "duebook/app"

// MinHistory is how many finished invoices must have reached a bucket before its own loss rate
// is trusted over the default.
const MinHistory = 20

// DefaultRates are the loss rates, in basis points, suggested per aging bucket (not due, 1-30,
// 31-60, 61-90, over 90) until the shop's own history says otherwise: a common provision matrix
// for small trade debts.
var DefaultRates = []int64{100, 300, 1000, 2500, 5000}

// Dated is an amount on a day.
type Dated struct {
	On     app.Date
	Amount int64
}

// Finished is an invoice nothing is open on any more: paid, settled with a discount, or written
// off. Settled lists what reduced it (payments and discounts) by day; WrittenOff what was given up.
type Finished struct {
	Issue, Due app.Date
	Amount     int64
	Settled    []Dated
	WrittenOff Dated // zero Amount: nothing written off
}

// ReserveInputs are what the reserve of one currency rests on.
type ReserveInputs struct {
	AsOf     app.Date
	Currency string
	Aging    app.Aging // what is open now, by bucket
	History  []Finished
}

// BucketReserve is the suggestion for one aging bucket.
type BucketReserve struct {
	Name     string
	Open     int64 // open now in the bucket
	Rate     int64 // loss rate, basis points
	Reserve  int64 // Open x Rate, rounded half-up
	Default  bool  // the default rate: too little history
	Invoices int   // finished invoices of the history that reached the bucket
	Base     int64 // what they still owed on reaching it
	Lost     int64 // what of that was written off
}

// Reserve is the suggested bad-debt reserve of one currency.
type Reserve struct {
	AsOf     app.Date
	Currency string
	Buckets  []BucketReserve
	Total    int64
}

// entryDay is the first day an invoice is in bucket i: its issue date for "not due", else the
// due date plus the bucket's first day.
func entryDay(i int, f Finished) app.Date {
	if b := app.AgingBuckets[i]; b.MinDays > 0 {
		return f.Due.AddDays(b.MinDays)
	}
	return f.Issue
}

// ComputeReserve suggests a reserve per aging bucket (see docs/cashflow.md): for each bucket,
// the finished invoices that were still owing when they entered it give a loss rate, written
// off divided by what they still owed then; with fewer than MinHistory of them the default
// rate holds. The reserve is what is open in the bucket now times the rate, rounded half-up.
func ComputeReserve(in ReserveInputs) Reserve {
	r := Reserve{AsOf: in.AsOf, Currency: in.Currency}
	for i, b := range app.AgingBuckets {
		br := BucketReserve{Name: b.Name}
		if i < len(in.Aging.Buckets) {
			br.Open = in.Aging.Buckets[i].Amount
		}
		for _, f := range in.History {
			entry := entryDay(i, f)
			owed := f.Amount
			for _, s := range f.Settled {
				if s.On.Before(entry) {
					owed -= s.Amount
				}
			}
			if f.WrittenOff.Amount > 0 && f.WrittenOff.On.Before(entry) {
				owed -= f.WrittenOff.Amount
			}
			if owed <= 0 {
				continue
			}
			br.Invoices++
			br.Base += owed
			br.Lost += f.WrittenOff.Amount
		}
		if br.Invoices >= MinHistory && br.Base > 0 {
			br.Rate, _ = app.MulDivRound(br.Lost, 10000, br.Base)
		} else {
			br.Rate, br.Default = DefaultRates[i], true
		}
		br.Reserve, _ = app.MulDivRound(br.Open, br.Rate, 10000)
		r.Total += br.Reserve
		r.Buckets = append(r.Buckets, br)
	}
	return r
}
