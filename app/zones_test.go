package app

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// The window in which two zones count as the same: their clocks agree at every instant of it.
var (
	zoneWindowFrom = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	zoneWindowTo   = time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC)
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("zone %s: %v", name, err)
	}
	return loc
}

// sameClock tells whether a and b show the same offset at every instant of the window.
func sameClock(a, b *time.Location) bool {
	for t := zoneWindowFrom; t.Before(zoneWindowTo); {
		_, oa := t.In(a).Zone()
		_, ob := t.In(b).Zone()
		if oa != ob {
			return false
		}
		_, ea := t.In(a).ZoneBounds()
		_, eb := t.In(b).ZoneBounds()
		next := zoneWindowTo
		for _, e := range []time.Time{ea, eb} {
			if !e.IsZero() && e.After(t) && e.Before(next) {
				next = e
			}
		}
		t = next
	}
	return true
}

func zoneNames(zs []*time.Location) []string {
	var out []string
	for _, z := range zs {
		out = append(out, z.String())
	}
	return out
}

// Every zone named anywhere loads; within a country or region no two named zones keep the same
// clock (else a customer would be told of more zones than there are); every region's zone keeps
// the clock of one of its country's zones.
func TestZoneTablesLoadAndAreDistinct(t *testing.T) {
	for code, info := range countryTable {
		if len(code) != 2 || strings.ToUpper(code) != code || info.name == "" {
			t.Errorf("country %q %+v", code, info)
		}
		checkDistinct(t, code, info.zones)
	}
	for cc, set := range regionSets {
		country, ok := countryTable[cc]
		if !ok || len(country.zones) < 2 {
			t.Errorf("%s: regions for a country of one zone or none", cc)
		}
		seen := map[string]bool{}
		for _, r := range set.regions {
			if seen[r.code] {
				t.Errorf("%s-%s twice", cc, r.code)
			}
			seen[r.code] = true
			checkDistinct(t, cc+"-"+r.code, r.zones)
			for _, z := range r.zones {
				if !slices.ContainsFunc(country.zones, func(c string) bool { return sameClock(mustZone(t, c), mustZone(t, z)) }) &&
					!isOwnCountryZone(z) {
					t.Errorf("%s-%s: %s keeps none of %s's clocks", cc, r.code, z, cc)
				}
			}
			// Every region is found by its code and its name, in any case.
			for _, n := range []string{r.code, strings.ToLower(r.name), strings.ToUpper(r.name)} {
				if got := set.lookup(cc, n); got == nil || got.code != r.code {
					t.Errorf("%s: lookup(%q) = %v, want %s", cc, n, got, r.code)
				}
			}
		}
		if ix := set.index(); len(ix.clash) > 0 {
			t.Errorf("%s: names shared by regions of different zones: %v", cc, ix.clash)
		}
	}
}

// isOwnCountryZone tells the zones of places that are countries of their own in ISO 3166 but
// also appear as regions (Puerto Rico under the US, Norfolk Island under Australia).
func isOwnCountryZone(z string) bool {
	for code, info := range countryTable {
		if code != "US" && code != "AU" && slices.Contains(info.zones, z) {
			return true
		}
	}
	return false
}

func checkDistinct(t *testing.T, what string, zones []string) {
	t.Helper()
	for i, a := range zones {
		for _, b := range zones[i+1:] {
			if a == b || sameClock(mustZone(t, a), mustZone(t, b)) {
				t.Errorf("%s: %s and %s keep the same clock", what, a, b)
			}
		}
	}
}

// The generated table covers the tz database of this computer: every zone.tab row's zone keeps
// the clock of one of its country's zones. A failure means the table needs regenerating.
func TestZoneTableCoversZoneTab(t *testing.T) {
	f, err := os.Open("/usr/share/zoneinfo/zone.tab")
	if err != nil {
		t.Skip("no zone.tab on this computer")
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	rows := 0
	for s.Scan() {
		fs := strings.Split(s.Text(), "\t")
		if strings.HasPrefix(fs[0], "#") || len(fs) < 3 {
			continue
		}
		rows++
		info, ok := countryTable[fs[0]]
		if !ok {
			t.Errorf("country %s missing", fs[0])
			continue
		}
		z := mustZone(t, fs[2])
		if !slices.ContainsFunc(info.zones, func(c string) bool { return sameClock(mustZone(t, c), z) }) {
			t.Errorf("%s: %s keeps none of the listed clocks %v", fs[0], fs[2], info.zones)
		}
	}
	if rows < 300 {
		t.Fatalf("only %d rows in zone.tab", rows)
	}
}

// What a postal code tells stays within its region: the region exists and the zones a code
// narrows to are some of the region's.
func TestZonePostalCodesStayInTheirRegion(t *testing.T) {
	codes := map[string][]string{}
	for i := 0; i < 1000; i++ {
		codes["US"] = append(codes["US"], fmt.Sprintf("%03d01", i))
	}
	for i := 96900; i < 97000; i++ {
		codes["US"] = append(codes["US"], fmt.Sprint(i))
	}
	for _, l := range "ABCEGHJKLMNPRSTVXY" {
		for _, d := range "0123456789" {
			codes["CA"] = append(codes["CA"], fmt.Sprintf("%c%cA 1B1", l, d))
		}
	}
	codes["CA"] = append(codes["CA"], "X0B 0C0", "X0C 0A0")
	for i := 0; i < 10000; i++ {
		codes["AU"] = append(codes["AU"], fmt.Sprintf("%04d", i))
	}
	for i := 0; i < 100000; i += 100 {
		codes["BR"] = append(codes["BR"], fmt.Sprintf("%05d-000", i))
	}
	codes["BR"] = append(codes["BR"], "53990-000")
	for i := 0; i < 100; i++ {
		codes["MX"] = append(codes["MX"], fmt.Sprintf("%02d000", i))
	}
	for cc, list := range codes {
		set := regionSets[cc]
		hits := 0
		for _, code := range list {
			hit, ok := set.postal(code)
			if !ok {
				continue
			}
			hits++
			r := set.byCode(hit.region)
			if r == nil {
				t.Errorf("%s %s: region %q unknown", cc, code, hit.region)
				continue
			}
			for _, z := range hit.zones {
				if !slices.Contains(r.zones, z) {
					t.Errorf("%s %s: %s is not one of %s's zones %v", cc, code, z, r.code, r.zones)
				}
			}
		}
		if hits < len(list)/2 {
			t.Errorf("%s: only %d of %d codes read", cc, hits, len(list))
		}
	}
}

func TestCustomerZones(t *testing.T) {
	us8 := []string{"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
		"America/Los_Angeles", "America/Anchorage", "America/Adak", "Pacific/Honolulu"}
	for _, tc := range []struct {
		c     Customer
		zones []string
		why   string // "" matches ""; otherwise the why must contain it
	}{
		// A valid time zone wins over everything else.
		{Customer{TimeZone: "Europe/Paris", Country: "US", Region: "TX"}, []string{"Europe/Paris"}, ""},
		{Customer{TimeZone: " Asia/Tokyo "}, []string{"Asia/Tokyo"}, ""},
		// An unknown one ("Local" is the computer's, not the customer's) falls back to the country.
		{Customer{TimeZone: "Mars/Olympus", Country: "DE"}, []string{"Europe/Berlin"}, `the time zone "Mars/Olympus" is not known; time zone taken from the country (DE)`},
		{Customer{TimeZone: "Local", Country: "de"}, []string{"Europe/Berlin"}, `the time zone "Local" is not known; time zone taken from the country (DE)`},

		// Single-zone countries, by code in any case, "UK", or English name.
		{Customer{Country: "de"}, []string{"Europe/Berlin"}, "time zone taken from the country (DE)"},
		{Customer{Country: "Germany", Region: "Bayern"}, []string{"Europe/Berlin"}, "time zone taken from the country (DE)"},
		{Customer{Country: "UK"}, []string{"Europe/London"}, "time zone taken from the country (GB)"},
		{Customer{Country: "United Kingdom"}, []string{"Europe/London"}, "(GB)"},
		{Customer{Country: "FR"}, []string{"Europe/Paris"}, "(FR)"},
		{Customer{Country: "Japan"}, []string{"Asia/Tokyo"}, "(JP)"},
		{Customer{Country: "Côte d'Ivoire"}, []string{"Africa/Abidjan"}, "(CI)"},
		{Customer{Country: "Korea (South)"}, []string{"Asia/Seoul"}, "(KR)"},
		{Customer{Country: "South Korea"}, []string{"Asia/Seoul"}, "(KR)"},
		{Customer{Country: "PR"}, []string{"America/Puerto_Rico"}, "time zone taken from the country (PR)"},

		// The United States: 8 clocks in all, east to west.
		{Customer{Country: "US"}, us8, "no time zone known for this customer; the United States spans 8 zones, so contact only in the hours allowed in all of them"},
		{Customer{Country: "United States"}, us8, "the United States spans 8 zones"},
		{Customer{Country: "U.S.A.", Region: "Nowhere"}, us8, "the United States spans 8 zones"},
		// ... by state code or name, in any case, or as ISO 3166-2.
		{Customer{Country: "USA", Region: "MA"}, []string{"America/New_York"}, "time zone taken from the state (MA)"},
		{Customer{Country: "US", Region: "Massachusetts"}, []string{"America/New_York"}, "time zone taken from the state (MA)"},
		{Customer{Country: "US", Region: "us-ma"}, []string{"America/New_York"}, "(MA)"},
		{Customer{Country: "US", Region: "California"}, []string{"America/Los_Angeles"}, "the state (CA)"},
		{Customer{Country: "US", Region: "WA"}, []string{"America/Los_Angeles"}, "the state (WA)"},
		{Customer{Country: "US", Region: "Washington, D.C."}, []string{"America/New_York"}, "the state (DC)"},
		{Customer{Country: "US", Region: "HI"}, []string{"Pacific/Honolulu"}, "the state (HI)"},
		{Customer{Country: "US", Region: "Puerto Rico"}, []string{"America/Puerto_Rico"}, "the territory (PR)"},
		{Customer{Country: "US", Region: "GU"}, []string{"Pacific/Guam"}, "the territory (GU)"},
		{Customer{Country: "US", Region: "AS"}, []string{"Pacific/Pago_Pago"}, "(AS)"},
		{Customer{Country: "US", Region: "Northern Mariana Islands"}, []string{"Pacific/Saipan"}, "(MP)"},
		{Customer{Country: "US", Region: "VI"}, []string{"America/St_Thomas"}, "(VI)"},
		// ... by ZIP code, where the region is missing or not recognised.
		{Customer{Country: "US", PostalCode: "02139"}, []string{"America/New_York"}, "time zone taken from the ZIP code (02139: MA)"},
		{Customer{Country: "US", PostalCode: "2139"}, []string{"America/New_York"}, "(2139: MA)"}, // leading zero lost
		{Customer{Country: "US", Region: "Nowhere", PostalCode: "10001-1234"}, []string{"America/New_York"}, "(10001-1234: NY)"},
		{Customer{Country: "US", PostalCode: "90210"}, []string{"America/Los_Angeles"}, "(90210: CA)"},
		{Customer{Country: "US", PostalCode: "60601"}, []string{"America/Chicago"}, "(60601: IL)"},
		{Customer{Country: "US", PostalCode: "80202"}, []string{"America/Denver"}, "(80202: CO)"},
		{Customer{Country: "US", PostalCode: "85004"}, []string{"America/Denver", "America/Phoenix"}, "Arizona (from the ZIP code 85004) spans 2 zones"},
		{Customer{Country: "US", PostalCode: "96813"}, []string{"Pacific/Honolulu"}, "(96813: HI)"},
		{Customer{Country: "US", PostalCode: "96799"}, []string{"Pacific/Pago_Pago"}, "(96799: AS)"},
		{Customer{Country: "US", PostalCode: "96910"}, []string{"Pacific/Guam"}, "(96910: GU)"},
		{Customer{Country: "US", PostalCode: "00901"}, []string{"America/Puerto_Rico"}, "(00901: PR)"},
		{Customer{Country: "US", PostalCode: "99501"}, []string{"America/Anchorage", "America/Adak"}, "Alaska (from the ZIP code 99501) spans 2 zones"},
		// The state wins over a ZIP code of another state.
		{Customer{Country: "US", Region: "MA", PostalCode: "90210"}, []string{"America/New_York"}, "time zone taken from the state (MA)"},
		// Military mail goes anywhere: no zone.
		{Customer{Country: "US", PostalCode: "09012"}, nil, "Armed Forces Europe is a military mail area"},
		{Customer{Country: "US", Region: "AP"}, nil, "military mail area"},
		// Split states list every zone they use.
		{Customer{Country: "US", Region: "Indiana"}, []string{"America/Indiana/Indianapolis", "America/Chicago"}, "no time zone known for this customer; Indiana spans 2 zones, so contact only in the hours allowed in all of them"},
		{Customer{Country: "US", PostalCode: "46204"}, []string{"America/Indiana/Indianapolis", "America/Chicago"}, "Indiana (from the ZIP code 46204) spans 2 zones"},
		{Customer{Country: "US", Region: "KY"}, []string{"America/Kentucky/Louisville", "America/Chicago"}, "Kentucky spans 2 zones"},
		{Customer{Country: "US", Region: "Tennessee"}, []string{"America/New_York", "America/Chicago"}, "Tennessee spans 2 zones"},
		{Customer{Country: "US", Region: "MI"}, []string{"America/Detroit", "America/Menominee"}, "Michigan spans 2 zones"},
		{Customer{Country: "US", Region: "ID"}, []string{"America/Boise", "America/Los_Angeles"}, "Idaho spans 2 zones"},
		{Customer{Country: "US", Region: "Oregon"}, []string{"America/Boise", "America/Los_Angeles"}, "Oregon spans 2 zones"},
		{Customer{Country: "US", Region: "NE"}, []string{"America/Chicago", "America/Denver"}, "Nebraska spans 2 zones"},
		{Customer{Country: "US", Region: "KS"}, []string{"America/Chicago", "America/Denver"}, "Kansas spans 2 zones"},
		{Customer{Country: "US", Region: "North Dakota"}, []string{"America/Chicago", "America/Denver"}, "North Dakota spans 2 zones"},
		{Customer{Country: "US", Region: "SD"}, []string{"America/Chicago", "America/Denver"}, "South Dakota spans 2 zones"},
		{Customer{Country: "US", Region: "AK"}, []string{"America/Anchorage", "America/Adak"}, "Alaska spans 2 zones"},
		// Florida: the panhandle west of the Apalachicola keeps Central time.
		{Customer{Country: "US", Region: "FL"}, []string{"America/New_York", "America/Chicago"}, "Florida spans 2 zones"},
		{Customer{Country: "US", Region: "FL", PostalCode: "32501"}, []string{"America/Chicago"}, "time zone taken from the state and ZIP code (FL, 32501)"}, // Pensacola
		{Customer{Country: "US", PostalCode: "33101"}, []string{"America/New_York"}, "(33101: FL)"},                                                          // Miami
		{Customer{Country: "US", PostalCode: "32401"}, []string{"America/New_York", "America/Chicago"}, "Florida (from the ZIP code 32401) spans 2 zones"},   // Panama City area, split
		// Texas: El Paso keeps Mountain time.
		{Customer{Country: "US", Region: "Texas"}, []string{"America/Chicago", "America/Denver"}, "Texas spans 2 zones"},
		{Customer{Country: "US", Region: "TX", PostalCode: "79901"}, []string{"America/Denver"}, "time zone taken from the state and ZIP code (TX, 79901)"},
		{Customer{Country: "US", PostalCode: "75201"}, []string{"America/Chicago"}, "(75201: TX)"}, // Dallas
		{Customer{Country: "US", PostalCode: "79830"}, []string{"America/Chicago", "America/Denver"}, "Texas (from the ZIP code 79830) spans 2 zones"},

		// Canada: the postal code's first letter gives the province.
		{Customer{Country: "CA", PostalCode: "M5V 3L9"}, []string{"America/Toronto"}, "time zone taken from the postal code (M5V 3L9: ON)"},
		{Customer{Country: "Canada", PostalCode: "h2x1y4"}, []string{"America/Toronto"}, "(H2X1Y4: QC)"},
		{Customer{Country: "CA", PostalCode: "T2P 1J9"}, []string{"America/Edmonton"}, "(T2P 1J9: AB)"},
		{Customer{Country: "CA", PostalCode: "R3C 4T3"}, []string{"America/Winnipeg"}, "(R3C 4T3: MB)"},
		{Customer{Country: "CA", PostalCode: "B3H 1A1"}, []string{"America/Halifax"}, "(B3H 1A1: NS)"},
		{Customer{Country: "CA", PostalCode: "E1C 1A1"}, []string{"America/Moncton"}, "(E1C 1A1: NB)"},
		{Customer{Country: "CA", PostalCode: "Y1A 1A1"}, []string{"America/Whitehorse"}, "(Y1A 1A1: YT)"},
		{Customer{Country: "CA", PostalCode: "X1A 2L9"}, []string{"America/Edmonton"}, "(X1A 2L9: NT)"},
		{Customer{Country: "CA", PostalCode: "X0A 0H0"}, []string{"America/Iqaluit", "America/Atikokan", "America/Rankin_Inlet", "America/Cambridge_Bay"}, "Nunavut (from the postal code X0A 0H0) spans 4 zones"},
		{Customer{Country: "CA", PostalCode: "V6B 1A1"}, []string{"America/Edmonton", "America/Dawson_Creek", "America/Vancouver"}, "British Columbia (from the postal code V6B 1A1) spans 3 zones"},
		{Customer{Country: "CA", PostalCode: "A1C 1A1"}, []string{"America/St_Johns", "America/Goose_Bay"}, "Newfoundland and Labrador (from the postal code A1C 1A1) spans 2 zones"},
		{Customer{Country: "CA", Region: "ON"}, []string{"America/Toronto", "America/Atikokan", "America/Winnipeg"}, "Ontario spans 3 zones"},
		{Customer{Country: "CA", Region: "Ontario", PostalCode: "K1A 0B1"}, []string{"America/Toronto"}, "time zone taken from the province and postal code (ON, K1A 0B1)"},
		{Customer{Country: "CA", Region: "Québec"}, []string{"America/Halifax", "America/Blanc-Sablon", "America/Toronto"}, "Quebec spans 3 zones"},
		{Customer{Country: "CA", Region: "Manitoba"}, []string{"America/Winnipeg"}, "time zone taken from the province (MB)"},
		{Customer{Country: "CA", Region: "Yukon"}, []string{"America/Whitehorse"}, "time zone taken from the territory (YT)"},

		// Australia: codes, names, and the postcode's first digit.
		{Customer{Country: "AU", Region: "NSW"}, []string{"Australia/Lord_Howe", "Australia/Sydney", "Australia/Broken_Hill"}, "New South Wales spans 3 zones"},
		{Customer{Country: "AU", Region: "NSW", PostalCode: "2000"}, []string{"Australia/Sydney"}, "the state and postcode (NSW, 2000)"},
		{Customer{Country: "Australia", PostalCode: "2000"}, []string{"Australia/Sydney"}, "time zone taken from the postcode (2000: NSW)"},
		{Customer{Country: "AU", PostalCode: "2600"}, []string{"Australia/Sydney"}, "(2600: ACT)"},
		{Customer{Country: "AU", PostalCode: "3000"}, []string{"Australia/Melbourne"}, "(3000: VIC)"},
		{Customer{Country: "AU", PostalCode: "4000"}, []string{"Australia/Brisbane"}, "(4000: QLD)"},
		{Customer{Country: "AU", PostalCode: "5000"}, []string{"Australia/Adelaide"}, "(5000: SA)"},
		{Customer{Country: "AU", PostalCode: "6000"}, []string{"Australia/Perth"}, "(6000: WA)"},
		{Customer{Country: "AU", PostalCode: "7000"}, []string{"Australia/Hobart"}, "(7000: TAS)"},
		{Customer{Country: "AU", PostalCode: "0800"}, []string{"Australia/Darwin"}, "(0800: NT)"},
		{Customer{Country: "AU", PostalCode: "2880"}, []string{"Australia/Sydney", "Australia/Broken_Hill"}, "New South Wales (from the postcode 2880) spans 2 zones"},
		{Customer{Country: "AU", PostalCode: "2899"}, []string{"Pacific/Norfolk"}, "(2899: NF)"},
		{Customer{Country: "AU", Region: "WA"}, []string{"Australia/Eucla", "Australia/Perth"}, "Western Australia spans 2 zones"},
		{Customer{Country: "AU", Region: "Western Australia", PostalCode: "6000"}, []string{"Australia/Perth"}, "(WA, 6000)"},
		{Customer{Country: "AU", Region: "Queensland"}, []string{"Australia/Brisbane"}, "the state (QLD)"},
		{Customer{Country: "AU", Region: "Northern Territory"}, []string{"Australia/Darwin"}, "the territory (NT)"},
		{Customer{Country: "AU"}, nil, "Australia spans 7 zones"},

		// Brazil, Mexico, Russia.
		{Customer{Country: "BR", Region: "SP"}, []string{"America/Sao_Paulo"}, "the state (SP)"},
		{Customer{Country: "Brazil", Region: "são paulo"}, []string{"America/Sao_Paulo"}, "the state (SP)"},
		{Customer{Country: "BR", Region: "Amazonas"}, []string{"America/Manaus", "America/Eirunepe"}, "Amazonas spans 2 zones"},
		{Customer{Country: "BR", PostalCode: "01310-100"}, []string{"America/Sao_Paulo"}, "the CEP (01310-100: SP)"},
		{Customer{Country: "BR", PostalCode: "69900-000"}, []string{"America/Rio_Branco"}, "(69900-000: AC)"},
		{Customer{Country: "BR", PostalCode: "53990-000"}, []string{"America/Noronha"}, "(53990-000: PE)"},
		{Customer{Country: "MX", Region: "Jalisco"}, []string{"America/Mexico_City"}, "the state (JAL)"},
		{Customer{Country: "Mexico", Region: "Quintana Roo"}, []string{"America/Cancun"}, "the state (ROO)"},
		{Customer{Country: "MX", Region: "CDMX"}, []string{"America/Mexico_City"}, "(CMX)"},
		{Customer{Country: "MX", Region: "Nuevo León"}, []string{"America/Matamoros", "America/Monterrey"}, "Nuevo León spans 2 zones"},
		{Customer{Country: "MX", PostalCode: "77500"}, []string{"America/Cancun"}, "(77500: ROO)"},
		{Customer{Country: "MX", PostalCode: "22000"}, []string{"America/Tijuana"}, "(22000: BCN)"},
		{Customer{Country: "RU", Region: "Moscow"}, []string{"Europe/Moscow"}, "the region (MOW)"},
		{Customer{Country: "Russia", Region: "Sverdlovsk Oblast"}, []string{"Asia/Yekaterinburg"}, "the region (SVE)"},
		{Customer{Country: "RU", Region: "RU-NVS"}, []string{"Asia/Novosibirsk"}, "(NVS)"},
		{Customer{Country: "RU", Region: "Kaliningrad Oblast"}, []string{"Europe/Kaliningrad"}, "(KGD)"},
		{Customer{Country: "RU", Region: "Republic of Tatarstan"}, []string{"Europe/Moscow"}, "(TA)"},
		{Customer{Country: "RU", Region: "Sakha (Yakutia)"}, []string{"Asia/Srednekolymsk", "Asia/Ust-Nera", "Asia/Yakutsk"}, "Sakha spans 3 zones"},
		{Customer{Country: "RU"}, nil, "Russia spans 11 zones"},

		// Other countries of several zones fall back to all of them.
		{Customer{Country: "NZ", Region: "Auckland"}, []string{"Pacific/Chatham", "Pacific/Auckland"}, "New Zealand spans 2 zones"},
		{Customer{Country: "ES"}, []string{"Europe/Madrid", "Atlantic/Canary"}, "Spain spans 2 zones"},

		// No country, or none known.
		{Customer{}, nil, "no time zone or country known"},
		{Customer{Country: "XX"}, nil, "no time zone or country known"},
		{Customer{Country: "Atlantis", Region: "MA", PostalCode: "02139"}, nil, "no time zone or country known"},
		{Customer{Country: "BV"}, nil, "no time zone known for Bouvet Island (BV)"},
	} {
		zones, why := CustomerZones(tc.c)
		got := zoneNames(zones)
		if tc.zones != nil && !slices.Equal(got, tc.zones) || tc.zones == nil && !strings.Contains(tc.why, "spans") && got != nil {
			t.Errorf("%+v: zones %v, want %v", tc.c, got, tc.zones)
		}
		if tc.why == "" && why != "" || !strings.Contains(why, tc.why) {
			t.Errorf("%+v: why %q, want %q", tc.c, why, tc.why)
		}
	}
}

func TestZoneNames(t *testing.T) {
	for in, want := range map[string]string{
		"São Paulo": "sao paulo", "  Québec ": "quebec", "Nuevo León": "nuevo leon", "Straße": "strasse",
		"Washington, D.C.": "washington dc", "St. Kitts & Nevis": "st kitts and nevis",
		"Saint Petersburg": "st petersburg", "The Netherlands": "netherlands", "Côte d'Ivoire": "cote divoire",
		"Łódź": "lodz", "Ñuñoa": "nunoa", "Zürich": "zurich",
	} {
		if got := normName(in); got != want {
			t.Errorf("normName(%q) = %q, want %q", in, got, want)
		}
	}
}

// at builds an instant from a wall-clock time in a zone.
func at(t *testing.T, zone string, y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, mustZone(t, zone))
}

func zones(t *testing.T, names ...string) []*time.Location {
	var out []*time.Location
	for _, n := range names {
		out = append(out, mustZone(t, n))
	}
	return out
}

func TestContactAllowed(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi int) time.Time { return time.Date(y, mo, d, h, mi, 0, 0, time.UTC) }
	eastern := zones(t, "America/New_York")
	mainland := zones(t, "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles")
	us8 := zones(t, "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
		"America/Los_Angeles", "America/Anchorage", "America/Adak", "Pacific/Honolulu")
	for _, tc := range []struct {
		name    string
		now     time.Time
		zones   []*time.Location
		allowed bool
		next    time.Time // zero: never within 48 hours
		local   []string  // checked when set
	}{
		// One zone: the simple rule. EST is UTC-5.
		{"eastern 07:59", at(t, "America/New_York", 2025, 1, 15, 7, 59), eastern, false, utc(2025, 1, 15, 13, 0), []string{"07:59 EST"}},
		{"eastern 08:00", at(t, "America/New_York", 2025, 1, 15, 8, 0), eastern, true, utc(2025, 1, 15, 13, 0), []string{"08:00 EST"}},
		{"eastern 20:59", at(t, "America/New_York", 2025, 1, 15, 20, 59), eastern, true, utc(2025, 1, 16, 1, 59), nil},
		// 21:00 EST closes; it opens again at 08:00 EST the next day = 13:00 UTC.
		{"eastern 21:00", at(t, "America/New_York", 2025, 1, 15, 21, 0), eastern, false, utc(2025, 1, 16, 13, 0), nil},

		// US mainland in January: 08:00 Eastern is 05:00 Pacific, not allowed; it opens at 08:00
		// Pacific = 16:00 UTC = 11:00 Eastern.
		{"mainland 08:00 ET", at(t, "America/New_York", 2025, 1, 15, 8, 0), mainland, false, utc(2025, 1, 15, 16, 0),
			[]string{"08:00 EST", "07:00 CST", "06:00 MST", "06:00 MST", "05:00 PST"}},
		{"mainland 11:00 ET", at(t, "America/New_York", 2025, 1, 15, 11, 0), mainland, true, utc(2025, 1, 15, 16, 0), nil},
		// It closes at 21:00 Eastern = 02:00 UTC (18:00 Pacific).
		{"mainland 20:59 ET", at(t, "America/New_York", 2025, 1, 15, 20, 59), mainland, true, utc(2025, 1, 16, 1, 59), nil},
		{"mainland 21:00 ET", at(t, "America/New_York", 2025, 1, 15, 21, 0), mainland, false, utc(2025, 1, 16, 16, 0), nil},

		// Eastern to Hawaii in January: HST is UTC-10, so the window is 08:00 HST = 18:00 UTC
		// (13:00 EST) to 21:00 EST = 02:00 UTC: eight hours.
		{"us8 january 17:59Z", utc(2025, 1, 15, 17, 59), us8, false, utc(2025, 1, 15, 18, 0), nil},
		{"us8 january 18:00Z", utc(2025, 1, 15, 18, 0), us8, true, utc(2025, 1, 15, 18, 0), nil},
		{"us8 january 01:59Z", utc(2025, 1, 16, 1, 59), us8, true, utc(2025, 1, 16, 1, 59), nil},
		{"us8 january 02:00Z", utc(2025, 1, 16, 2, 0), us8, false, utc(2025, 1, 16, 18, 0), nil},
		// In July EDT is UTC-4 and Hawaii stays UTC-10: 18:00 UTC to 21:00 EDT = 01:00 UTC.
		{"us8 july 00:59Z", utc(2025, 7, 16, 0, 59), us8, true, utc(2025, 7, 16, 0, 59), nil},
		{"us8 july 01:00Z", utc(2025, 7, 16, 1, 0), us8, false, utc(2025, 7, 16, 18, 0), nil},

		// Daylight saving time begins on Sunday 9 March 2025 at 02:00 EST: 08:00 that morning is
		// EDT, UTC-4, so the window opens at 12:00 UTC, not 13:00.
		{"eastern spring forward", at(t, "America/New_York", 2025, 3, 8, 22, 0), eastern, false, utc(2025, 3, 9, 12, 0), []string{"22:00 EST"}},
		// It ends on Sunday 2 November 2025 at 02:00 EDT: 08:00 that morning is EST, 13:00 UTC.
		{"eastern fall back", at(t, "America/New_York", 2025, 11, 1, 21, 30), eastern, false, utc(2025, 11, 2, 13, 0), []string{"21:30 EDT"}},
		// New York and Los Angeles both change on 9 March: 08:00 PDT = 15:00 UTC.
		{"mainland spring forward", at(t, "America/New_York", 2025, 3, 9, 1, 0), zones(t, "America/New_York", "America/Los_Angeles"), false, utc(2025, 3, 9, 15, 0), nil},
		// London changes on 30 March, New York on 9 March. On 20 March London is UTC+0 and New
		// York UTC-4: the window is 12:00 UTC (08:00 EDT) to 21:00 UTC (21:00 GMT); at 20:30 UTC
		// contact is allowed. On 15 April London is UTC+1 and it closes at 20:00 UTC.
		{"london+ny between changes", utc(2025, 3, 20, 20, 30), zones(t, "Europe/London", "America/New_York"), true, utc(2025, 3, 20, 20, 30), []string{"20:30 GMT", "16:30 EDT"}},
		{"london+ny after both", utc(2025, 4, 15, 20, 30), zones(t, "Europe/London", "America/New_York"), false, utc(2025, 4, 16, 12, 0), []string{"21:30 BST", "16:30 EDT"}},

		// UTC+13: Tonga keeps +13 all year; 08:00 there is 19:00 UTC the day before.
		{"tonga 07:59", utc(2025, 7, 14, 18, 59), zones(t, "Pacific/Tongatapu"), false, utc(2025, 7, 14, 19, 0), []string{"07:59 +13"}},
		// Auckland in January keeps daylight saving time, NZDT = UTC+13: 08:00 on 16 January is
		// 19:00 UTC on the 15th. In July NZST = UTC+12: 08:00 is 20:00 UTC the day before.
		{"auckland summer", utc(2025, 1, 15, 18, 0), zones(t, "Pacific/Auckland"), false, utc(2025, 1, 15, 19, 0), []string{"07:00 NZDT"}},
		{"auckland winter", utc(2025, 7, 15, 19, 0), zones(t, "Pacific/Auckland"), false, utc(2025, 7, 15, 20, 0), []string{"07:00 NZST"}},
		// Tonga and New York in January: Tonga is 18 hours ahead, so New York's 14:00-21:00 EST
		// (19:00-02:00 UTC) is 08:00-15:00 in Tonga the next day.
		{"tonga+ny 13:59 EST", utc(2025, 1, 15, 18, 59), zones(t, "Pacific/Tongatapu", "America/New_York"), false, utc(2025, 1, 15, 19, 0), []string{"07:59 +13", "13:59 EST"}},
		{"tonga+ny 20:59 EST", utc(2025, 1, 16, 1, 59), zones(t, "Pacific/Tongatapu", "America/New_York"), true, utc(2025, 1, 16, 1, 59), nil},
		// Kiritimati (UTC+14) and Honolulu (UTC-10) show the same hour a day apart.
		{"kiritimati+honolulu", utc(2025, 1, 15, 18, 0), zones(t, "Pacific/Kiritimati", "Pacific/Honolulu"), true, utc(2025, 1, 15, 18, 0), []string{"08:00 +14", "08:00 HST"}},

		// Offsets off the hour: Kathmandu is UTC+5:45, so 08:00 there is 02:15 UTC; Chatham in
		// January is UTC+13:45, so 08:00 there is 18:15 UTC the day before.
		{"kathmandu", utc(2025, 1, 15, 2, 0), zones(t, "Asia/Kathmandu"), false, utc(2025, 1, 15, 2, 15), []string{"07:45 +0545"}},
		{"chatham", utc(2025, 1, 15, 18, 0), zones(t, "Pacific/Chatham"), false, utc(2025, 1, 15, 18, 15), nil},

		// London (UTC+0), Shanghai (UTC+8) and Los Angeles (UTC-8) are eight hours apart each:
		// no hour is between 08:00 and 21:00 in all three, ever.
		{"too far apart", utc(2025, 1, 15, 12, 0), zones(t, "Europe/London", "Asia/Shanghai", "America/Los_Angeles"), false, time.Time{}, nil},

		// No zones: the clock's own location. Nil zones are skipped.
		{"no zones", at(t, "Europe/Berlin", 2025, 1, 15, 7, 0), nil, false, utc(2025, 1, 15, 7, 0), []string{"07:00 CET"}},
		{"nil zone", at(t, "Europe/Berlin", 2025, 1, 15, 9, 0), []*time.Location{nil}, true, utc(2025, 1, 15, 8, 0), []string{"09:00 CET"}},
	} {
		allowed, next, local := ContactAllowed(tc.now, tc.zones, 8, 21)
		if allowed != tc.allowed || !next.Equal(tc.next) || (!next.IsZero() && next.Location() != time.UTC) {
			t.Errorf("%s: allowed %v next %v, want %v %v", tc.name, allowed, next, tc.allowed, tc.next)
		}
		if tc.local != nil && !slices.Equal(local, tc.local) {
			t.Errorf("%s: local %q, want %q", tc.name, local, tc.local)
		}
	}

	// An empty window never opens.
	if ok, next, _ := ContactAllowed(time.Now(), eastern, 21, 8); ok || !next.IsZero() {
		t.Errorf("window 21-8: %v %v", ok, next)
	}
}

// ContactAllowed agrees with a minute-by-minute search over 48 hours for random zones and
// instants, around daylight-saving changes too. All offsets in use are whole minutes, so the
// minute grid finds every opening.
func TestContactAllowedMatchesMinuteSearch(t *testing.T) {
	pool := []string{"America/New_York", "America/Los_Angeles", "Pacific/Honolulu", "America/St_Johns",
		"Europe/London", "Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Adelaide",
		"Australia/Lord_Howe", "Pacific/Auckland", "Pacific/Chatham", "Pacific/Tongatapu", "America/Sao_Paulo"}
	days := []time.Time{
		time.Date(2025, 3, 8, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 29, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 4, 5, 0, 0, 0, 0, time.UTC), time.Date(2025, 10, 4, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 10, 25, 0, 0, 0, 0, time.UTC), time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC),
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 120; i++ {
		var zs []*time.Location
		for n := 1 + r.IntN(3); len(zs) < n; {
			zs = append(zs, mustZone(t, pool[r.IntN(len(pool))]))
		}
		now := days[r.IntN(len(days))].Add(time.Duration(r.IntN(48*3600)) * time.Second)
		from, to := 6+r.IntN(4), 18+r.IntN(5)
		allowed, next, _ := ContactAllowed(now, zs, from, to)
		want := time.Time{}
		ok := func(t time.Time) bool {
			for _, z := range zs {
				if h := t.In(z).Hour(); h < from || h >= to {
					return false
				}
			}
			return true
		}
		if ok(now) {
			want = now
		} else {
			for m := now.Truncate(time.Minute).Add(time.Minute); !m.After(now.Add(48 * time.Hour)); m = m.Add(time.Minute) {
				if ok(m) {
					want = m
					break
				}
			}
		}
		if allowed != ok(now) || !next.Equal(want) {
			t.Errorf("%v in %v, %d-%d: got %v %v, want %v", now, zoneNames(zs), from, to, allowed, next, want)
		}
	}
}
