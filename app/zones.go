package app

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
)

//go:generate go run ./internal/zonesgen -o zones_table.go

// countryInfo is a country of the tz database: its English name there and the time zones its
// clocks follow today, east to west (see zones_table.go).
type countryInfo struct {
	name  string
	zones []string
}

// CustomerZones tells in which time zones the customer may be. A valid TimeZone is the answer and
// why is "". Otherwise the country, narrowed by the region or, where the region is missing or not
// recognised, by the postal code, gives the zones: one zone, with why telling where it came from,
// or all the zones of a country or region that spans several, with why saying that contact must
// fall in hours allowed in all of them. Without a known country the answer is nil zones.
func CustomerZones(c Customer) (zones []*time.Location, why string) {
	prefix := ""
	if tz := strings.TrimSpace(c.TimeZone); tz != "" {
		if loc, ok := loadZone(tz); ok {
			return []*time.Location{loc}, ""
		}
		prefix = fmt.Sprintf("the time zone %q is not known; ", tz)
	}
	cc, ok := countryCode(c.Country)
	if !ok {
		return nil, prefix + "no time zone or country known"
	}
	info := countryTable[cc]
	names := info.zones
	source := fmt.Sprintf("the country (%s)", cc)
	place := countryPlace(cc, info.name)

	if set := regionSets[cc]; set != nil && len(names) > 1 {
		r := set.lookup(cc, c.Region)
		var hit postalHit
		var hitOK bool
		if set.postal != nil && strings.TrimSpace(c.PostalCode) != "" {
			hit, hitOK = set.postal(c.PostalCode)
		}
		pc := strings.ToUpper(strings.TrimSpace(c.PostalCode))
		switch {
		case r != nil:
			names = r.zones
			source = fmt.Sprintf("the %s (%s)", set.kindOf(r), r.code)
			place = r.name
			if hitOK && hit.region == r.code && hit.zones != nil {
				names = hit.zones
				source = fmt.Sprintf("the %s and %s (%s, %s)", set.kindOf(r), set.postalKind, r.code, pc)
				place = fmt.Sprintf("%s (%s %s)", r.name, set.postalKind, pc)
			}
		case hitOK:
			r = set.byCode(hit.region)
			if r == nil {
				break
			}
			names = r.zones
			if hit.zones != nil {
				names = hit.zones
			}
			source = fmt.Sprintf("the %s (%s: %s)", set.postalKind, pc, r.code)
			place = fmt.Sprintf("%s (from the %s %s)", r.name, set.postalKind, pc)
		}
		if r != nil && len(r.zones) == 0 {
			return nil, prefix + fmt.Sprintf("no time zone known: %s is a %s", r.name, set.kindOf(r))
		}
	}

	for _, n := range names {
		if loc, ok := loadZone(n); ok {
			zones = append(zones, loc)
		}
	}
	switch {
	case len(names) == 0:
		return nil, prefix + fmt.Sprintf("no time zone known for %s (%s)", info.name, cc)
	case len(zones) < len(names):
		return nil, prefix + fmt.Sprintf("the time zones of %s are missing from this computer's time zone data", place)
	case len(zones) == 1:
		return zones, prefix + "time zone taken from " + source
	}
	return zones, prefix + fmt.Sprintf("no time zone known for this customer; %s spans %d zones, so contact only in the hours allowed in all of them", place, len(zones))
}

// ContactAllowed tells whether now falls within [fromHour, toHour) of the local clock in every
// one of zones (with no zones, in now's own location). nextOpen is the earliest instant, in UTC,
// at or after now at which it does: now itself when allowed, and the zero time when that does not
// happen within 48 hours (zones too far apart for a common window). local is now's local time in
// each zone ("15:04 MST"), for the reason shown to the user.
func ContactAllowed(now time.Time, zones []*time.Location, fromHour, toHour int) (allowed bool, nextOpen time.Time, local []string) {
	var locs []*time.Location
	for _, z := range zones {
		if z != nil {
			locs = append(locs, z)
		}
	}
	if len(locs) == 0 {
		locs = []*time.Location{now.Location()}
	}
	for _, z := range locs {
		local = append(local, now.In(z).Format("15:04 MST"))
	}
	fromHour, toHour = max(fromHour, 0), min(toHour, 24)
	if fromHour >= toHour {
		return false, time.Time{}, local
	}
	ok := func(t time.Time) bool {
		for _, z := range locs {
			if h := t.In(z).Hour(); h < fromHour || h >= toHour {
				return false
			}
		}
		return true
	}
	if ok(now) {
		return true, now.UTC(), local
	}
	// Whether contact is allowed changes only where some zone's clock reaches fromHour:00 or
	// where a zone changes its offset, so those instants are the only candidates.
	limit := now.Add(48 * time.Hour)
	var cands []time.Time
	for _, z := range locs {
		cands = append(cands, openings(z, now, limit, fromHour)...)
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].Before(cands[j]) })
	for _, t := range cands {
		if ok(t) {
			return false, t.UTC(), local
		}
	}
	return false, time.Time{}, local
}

// openings lists the instants in (now, limit] at which zone's clock reads hour:00:00 or the zone
// changes its offset.
func openings(zone *time.Location, now, limit time.Time, hour int) []time.Time {
	var out []time.Time
	const day = 24 * 60 * 60
	for t := now; !t.After(limit); {
		lt := t.In(zone)
		_, off := lt.Zone()
		_, end := lt.ZoneBounds()
		if !t.Equal(now) {
			out = append(out, t)
		}
		// The first instant at or after t at which the local clock, at offset off, reads hour:00.
		localSecs := t.Unix() + int64(off)
		u := localSecs - ((localSecs%day)+day)%day + int64(hour)*3600 - int64(off)
		for time.Unix(u, 0).Before(t) {
			u += day
		}
		for ; ; u += day {
			at := time.Unix(u, 0)
			if at.After(limit) || (!end.IsZero() && !at.Before(end)) {
				break
			}
			if at.After(now) {
				out = append(out, at)
			}
		}
		if end.IsZero() || !end.After(t) {
			break
		}
		t = end
	}
	return out
}

var zoneCache sync.Map // IANA name -> *time.Location, or nil when it does not load

// loadZone loads an IANA zone once; "Local" is not a customer's zone.
func loadZone(name string) (*time.Location, bool) {
	if v, ok := zoneCache.Load(name); ok {
		loc, _ := v.(*time.Location)
		return loc, loc != nil
	}
	var loc *time.Location
	if name != "Local" {
		if l, err := time.LoadLocation(name); err == nil {
			loc = l
		}
	}
	zoneCache.Store(name, loc)
	return loc, loc != nil
}

// countryAliases are names in common use that the tz database's country names do not give.
var countryAliases = map[string]string{
	"uk": "GB", "united kingdom": "GB", "great britain": "GB", "britain": "GB", "england": "GB",
	"scotland": "GB", "wales": "GB", "northern ireland": "GB",
	"usa": "US", "us": "US", "united states of america": "US", "america": "US",
	"deutschland": "DE", "osterreich": "AT", "schweiz": "CH", "suisse": "CH", "svizzera": "CH",
	"espana": "ES", "italia": "IT", "nederland": "NL", "holland": "NL", "belgie": "BE", "belgique": "BE",
	"polska": "PL", "sverige": "SE", "norge": "NO", "danmark": "DK", "suomi": "FI", "eire": "IE",
	"mexico": "MX", "brasil": "BR", "russian federation": "RU", "czechia": "CZ", "turkiye": "TR",
	"south korea": "KR", "republic of korea": "KR", "north korea": "KP", "ivory coast": "CI",
	"dr congo": "CD", "democratic republic of congo": "CD", "democratic republic of the congo": "CD",
	"republic of congo": "CG", "republic of the congo": "CG", "burma": "MM", "swaziland": "SZ",
	"uae": "AE", "vatican": "VA", "holy see": "VA", "palestine": "PS", "cabo verde": "CV",
	"east timor": "TL", "timor leste": "TL", "macedonia": "MK", "north macedonia": "MK",
	"american samoa": "AS", "samoa": "WS", "us virgin islands": "VI", "british virgin islands": "VG",
	"st martin": "MF", "sint maarten": "SX", "hong kong sar": "HK", "macao": "MO", "viet nam": "VN",
	"lao": "LA", "laos": "LA", "bosnia": "BA", "new zealand": "NZ", "aotearoa": "NZ",
}

// countryNames maps normalised names to codes: the tz database's names, those names without
// their bracketed part where that is unique, and countryAliases.
var countryNames = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	short := map[string][]string{}
	for code, info := range countryTable {
		m[normName(info.name)] = code
		if i := strings.IndexByte(info.name, '('); i > 0 {
			k := normName(info.name[:i])
			short[k] = append(short[k], code)
		}
	}
	for k, codes := range short {
		if _, taken := m[k]; !taken && len(codes) == 1 {
			m[k] = codes[0]
		}
	}
	for k, code := range countryAliases {
		m[k] = code
	}
	return m
})

// countryCode reads an ISO 3166 alpha-2 code in any case, "UK", or an English country name.
func countryCode(s string) (string, bool) {
	k := normName(s)
	if k == "" {
		return "", false
	}
	if len(k) == 2 {
		code := strings.ToUpper(k)
		if code == "UK" {
			code = "GB"
		}
		if _, ok := countryTable[code]; ok {
			return code, true
		}
	}
	code, ok := countryNames()[k]
	return code, ok
}

// countryPlace is the country's name as the subject of a sentence.
func countryPlace(code, name string) string {
	switch code {
	case "US":
		return "the United States"
	case "GB":
		return "the United Kingdom"
	case "CD":
		return "the Democratic Republic of the Congo"
	case "UM":
		return "the US Minor Outlying Islands"
	}
	return name
}

// normName lower-cases s, folds common accented letters, writes "&" as "and", "saint" as "st",
// drops dots and apostrophes and a leading "the", and leaves single spaces between words.
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r == '.' || r == '\'' || r == '’':
		case r == '&':
			b.WriteString(" and ")
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case unicode.IsLetter(r):
			b.WriteString(foldLetter(r))
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	for i, w := range words {
		if w == "saint" {
			words[i] = "st"
		}
	}
	return strings.Join(words, " ")
}

var letterFolds = map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ı': "i", 'þ': "th"}

// foldLetter writes a Latin letter without its accent: "é" as "e".
func foldLetter(r rune) string {
	if s, ok := letterFolds[r]; ok {
		return s
	}
	const from = "àáâãäåāăąçćčďèéêëēėęěğìíîïīįľĺñńňòóôõöōőŕřśšşșťţțùúûüūůűųýÿźżž"
	const to = "aaaaaaaaacccdeeeeeeeegiiiiiillnnnooooooorrsssstttuuuuuuuuyyzzz"
	if i := strings.IndexRune(from, r); i >= 0 {
		return string(to[len([]rune(from[:i]))])
	}
	return string(r)
}

// genericWords are words a region's name may carry or not ("Moscow Oblast", "Washington State").
var genericWords = map[string]bool{
	"state": true, "province": true, "region": true, "oblast": true, "krai": true, "kray": true,
	"republic": true, "of": true, "autonomous": true, "okrug": true, "territory": true,
	"estado": true, "de": true, "do": true, "da": true, "del": true, "and": true, "federal": true,
	"city": true,
}

// bareName is a normalised name without genericWords.
func bareName(k string) string {
	var out []string
	for _, w := range strings.Fields(k) {
		if !genericWords[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// regionIndex is a region set's lookup by code, normalised name and bare name.
type regionIndex struct {
	exact, bare map[string]*region
	clash       map[string]bool // bare names that two regions with different zones share
}

var regionIndexes sync.Map // *regionSet -> *regionIndex

func (s *regionSet) index() *regionIndex {
	if v, ok := regionIndexes.Load(s); ok {
		return v.(*regionIndex)
	}
	ix := &regionIndex{exact: map[string]*region{}, bare: map[string]*region{}, clash: map[string]bool{}}
	for i := range s.regions {
		r := &s.regions[i]
		for _, n := range append([]string{r.code, r.name}, r.alt...) {
			k := normName(n)
			if _, taken := ix.exact[k]; !taken {
				ix.exact[k] = r
			}
			if b := bareName(k); b != "" {
				if o, taken := ix.bare[b]; !taken {
					ix.bare[b] = r
				} else if !sameZones(o.zones, r.zones) {
					ix.clash[b] = true
				}
			}
		}
	}
	v, _ := regionIndexes.LoadOrStore(s, ix)
	return v.(*regionIndex)
}

func sameZones(a, b []string) bool {
	return strings.Join(a, ",") == strings.Join(b, ",")
}

// lookup finds a region by code ("MA", "US-MA"), name ("Massachusetts") or bare name
// ("Moscow" for "Moscow Oblast").
func (s *regionSet) lookup(country, name string) *region {
	k := normName(name)
	if k == "" {
		return nil
	}
	ix := s.index()
	if r := ix.exact[k]; r != nil {
		return r
	}
	if rest, ok := strings.CutPrefix(k, strings.ToLower(country)+" "); ok {
		if r := ix.exact[rest]; r != nil {
			return r
		}
	}
	if b := bareName(k); b != "" && !ix.clash[b] {
		return ix.bare[b]
	}
	return nil
}

func (s *regionSet) byCode(code string) *region {
	for i := range s.regions {
		if s.regions[i].code == code {
			return &s.regions[i]
		}
	}
	return nil
}

func (s *regionSet) kindOf(r *region) string {
	if r.kind != "" {
		return r.kind
	}
	return s.kind
}
