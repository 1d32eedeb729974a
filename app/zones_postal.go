package app

import (
	"strconv"
	"strings"
)

// What postal codes tell of the region, and in a few split regions of the time zone.

// postalRange maps the postal code prefixes lo..hi (inclusive) to a region.
type postalRange struct {
	lo, hi int
	region string
}

// lookupRange finds n in ranges sorted by lo.
func lookupRange(ranges []postalRange, n int) (string, bool) {
	for _, r := range ranges {
		if n >= r.lo && n <= r.hi {
			return r.region, true
		}
	}
	return "", false
}

// digitsOnly drops spaces and dashes and tells whether only digits remain.
func digitsOnly(s string) (string, bool) {
	s = strings.NewReplacer(" ", "", "-", "", "\u00a0", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return "", false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	return s, true
}

// usZip3 is the USPS plan of three-digit ZIP code prefixes. Prefixes 969 and 096..098, 340,
// 962..966 (military mail) are handled apart.
var usZip3 = []postalRange{
	{5, 5, "NY"}, {6, 7, "PR"}, {8, 8, "VI"}, {9, 9, "PR"}, {10, 27, "MA"}, {28, 29, "RI"},
	{30, 38, "NH"}, {39, 49, "ME"}, {50, 54, "VT"}, {55, 55, "MA"}, {56, 59, "VT"}, {60, 69, "CT"},
	{70, 89, "NJ"}, {100, 149, "NY"}, {150, 196, "PA"}, {197, 199, "DE"}, {200, 200, "DC"},
	{201, 201, "VA"}, {202, 205, "DC"}, {206, 219, "MD"}, {220, 246, "VA"}, {247, 268, "WV"},
	{270, 289, "NC"}, {290, 299, "SC"}, {300, 319, "GA"}, {320, 349, "FL"}, {350, 369, "AL"},
	{370, 385, "TN"}, {386, 397, "MS"}, {398, 399, "GA"}, {400, 427, "KY"}, {430, 459, "OH"},
	{460, 479, "IN"}, {480, 499, "MI"}, {500, 528, "IA"}, {530, 549, "WI"}, {550, 567, "MN"},
	{569, 569, "DC"}, {570, 577, "SD"}, {580, 588, "ND"}, {590, 599, "MT"}, {600, 629, "IL"},
	{630, 658, "MO"}, {660, 679, "KS"}, {680, 693, "NE"}, {700, 714, "LA"}, {716, 729, "AR"},
	{730, 731, "OK"}, {733, 733, "TX"}, {734, 749, "OK"}, {750, 799, "TX"}, {800, 816, "CO"},
	{820, 831, "WY"}, {832, 838, "ID"}, {840, 847, "UT"}, {850, 865, "AZ"}, {870, 884, "NM"},
	{885, 885, "TX"}, {889, 898, "NV"}, {900, 961, "CA"}, {967, 968, "HI"}, {970, 979, "OR"},
	{980, 994, "WA"}, {995, 999, "AK"},
}

// usZip969 splits the prefix 969 among Guam, the Northern Marianas and the freely associated states.
var usZip969 = []postalRange{
	{96910, 96932, "GU"}, {96939, 96940, "PW"}, {96941, 96944, "FM"}, {96950, 96952, "MP"},
	{96960, 96960, "MH"}, {96970, 96970, "MH"},
}

// usPostal reads a ZIP code ("02139", "02139-4307", or "2139" from a spreadsheet that dropped the
// leading zero). In Texas, El Paso (799, 885) keeps Mountain time and 798 is split; the rest of
// Texas keeps Central time. In Florida, 325 (Pensacola) keeps Central time and 324 (Panama City)
// is split; the rest of Florida keeps Eastern time.
func usPostal(code string) (postalHit, bool) {
	d, ok := digitsOnly(code)
	if !ok {
		return postalHit{}, false
	}
	switch len(d) {
	case 4, 8:
		d = "0" + d
	case 5, 9:
	default:
		return postalHit{}, false
	}
	z5, _ := strconv.Atoi(d[:5])
	z3 := z5 / 100
	switch {
	case z5 == 96799:
		return postalHit{region: "AS"}, true
	case z3 == 969:
		r, ok := lookupRange(usZip969, z5)
		return postalHit{region: r}, ok
	case z3 >= 90 && z3 <= 98:
		return postalHit{region: "AE"}, true
	case z3 == 340:
		return postalHit{region: "AA"}, true
	case z3 >= 962 && z3 <= 966:
		return postalHit{region: "AP"}, true
	case z3 == 799 || z3 == 885:
		return postalHit{region: "TX", zones: []string{zMT}}, true
	case z3 == 798:
		return postalHit{region: "TX", zones: []string{zCT, zMT}}, true
	case z3 == 325:
		return postalHit{region: "FL", zones: []string{zCT}}, true
	case z3 == 324:
		return postalHit{region: "FL", zones: []string{zET, zCT}}, true
	}
	r, ok := lookupRange(usZip3, z3)
	switch r {
	case "TX":
		return postalHit{region: r, zones: []string{zCT}}, ok
	case "FL":
		return postalHit{region: r, zones: []string{zET}}, ok
	}
	return postalHit{region: r}, ok
}

// caPostal reads a Canadian postal code by its first letter (Nunavut and the Northwest Territories
// share X and part by the first three characters). Southern Ontario (K, L, M, N) and western and
// southern Quebec (H, J) keep Eastern time; northern Ontario (P) and eastern Quebec (G) are split.
func caPostal(code string) (postalHit, bool) {
	s := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(code), " ", ""))
	if len(s) < 3 || s[1] < '0' || s[1] > '9' {
		return postalHit{}, false
	}
	switch s[0] {
	case 'A':
		return postalHit{region: "NL"}, true
	case 'B':
		return postalHit{region: "NS"}, true
	case 'C':
		return postalHit{region: "PE"}, true
	case 'E':
		return postalHit{region: "NB"}, true
	case 'G':
		return postalHit{region: "QC"}, true
	case 'H', 'J':
		return postalHit{region: "QC", zones: []string{"America/Toronto"}}, true
	case 'K', 'L', 'M', 'N':
		return postalHit{region: "ON", zones: []string{"America/Toronto"}}, true
	case 'P':
		return postalHit{region: "ON"}, true
	case 'R':
		return postalHit{region: "MB"}, true
	case 'S':
		return postalHit{region: "SK"}, true
	case 'T':
		return postalHit{region: "AB"}, true
	case 'V':
		return postalHit{region: "BC"}, true
	case 'X':
		if s[:3] == "X0A" || s[:3] == "X0B" || s[:3] == "X0C" {
			return postalHit{region: "NU"}, true
		}
		return postalHit{region: "NT"}, true
	case 'Y':
		return postalHit{region: "YT"}, true
	}
	return postalHit{}, false
}

// auPostcodes is Australia Post's plan of four-digit postcodes.
var auPostcodes = []postalRange{
	{200, 299, "ACT"}, {800, 999, "NT"}, {1000, 2599, "NSW"}, {2600, 2618, "ACT"}, {2619, 2899, "NSW"},
	{2900, 2920, "ACT"}, {2921, 2999, "NSW"}, {3000, 3999, "VIC"}, {4000, 4999, "QLD"},
	{5000, 5999, "SA"}, {6000, 6999, "WA"}, {7000, 7999, "TAS"}, {8000, 8999, "VIC"}, {9000, 9999, "QLD"},
}

// auPostal reads an Australian postcode. Broken Hill's 2880 keeps Central time (2880 also reaches
// places that may keep Sydney's), Lord Howe Island is 2898, Norfolk Island 2899, Christmas Island
// 6798 and the Cocos Islands 6799; 6443 is the Eucla area's; 5690 reaches Border Village.
func auPostal(code string) (postalHit, bool) {
	d, ok := digitsOnly(code)
	if !ok || len(d) != 4 {
		return postalHit{}, false
	}
	n, _ := strconv.Atoi(d)
	switch n {
	case 2880:
		return postalHit{region: "NSW", zones: []string{"Australia/Sydney", "Australia/Broken_Hill"}}, true
	case 2898:
		return postalHit{region: "NSW", zones: []string{"Australia/Lord_Howe"}}, true
	case 2899:
		return postalHit{region: "NF"}, true
	case 6798:
		return postalHit{region: "CX"}, true
	case 6799:
		return postalHit{region: "CC"}, true
	}
	r, ok := lookupRange(auPostcodes, n)
	if !ok || n == 6443 || n == 5690 {
		return postalHit{region: r}, ok // 6443 and 5690: all the state's zones
	}
	switch r {
	case "NSW":
		return postalHit{region: r, zones: []string{"Australia/Sydney"}}, true
	case "WA":
		return postalHit{region: r, zones: []string{"Australia/Perth"}}, true
	case "SA":
		return postalHit{region: r, zones: []string{"Australia/Adelaide"}}, true
	}
	return postalHit{region: r}, true
}

// brCEP is the plan of Brazilian CEP codes by their first five digits.
var brCEP = []postalRange{
	{1000, 19999, "SP"}, {20000, 28999, "RJ"}, {29000, 29999, "ES"}, {30000, 39999, "MG"},
	{40000, 48999, "BA"}, {49000, 49999, "SE"}, {50000, 56999, "PE"}, {57000, 57999, "AL"},
	{58000, 58999, "PB"}, {59000, 59999, "RN"}, {60000, 63999, "CE"}, {64000, 64999, "PI"},
	{65000, 65999, "MA"}, {66000, 68899, "PA"}, {68900, 68999, "AP"}, {69000, 69299, "AM"},
	{69300, 69399, "RR"}, {69400, 69899, "AM"}, {69900, 69999, "AC"}, {70000, 72799, "DF"},
	{72800, 72999, "GO"}, {73000, 73699, "DF"}, {73700, 76799, "GO"}, {76800, 76999, "RO"},
	{77000, 77999, "TO"}, {78000, 78899, "MT"}, {79000, 79999, "MS"}, {80000, 87999, "PR"},
	{88000, 89999, "SC"}, {90000, 99999, "RS"},
}

// brPostal reads a CEP ("01310-100"). Fernando de Noronha is 53990; the rest of Pernambuco keeps
// Recife's time.
func brPostal(code string) (postalHit, bool) {
	d, ok := digitsOnly(code)
	if !ok || len(d) != 8 {
		return postalHit{}, false
	}
	n, _ := strconv.Atoi(d[:5])
	if n == 53990 {
		return postalHit{region: "PE", zones: []string{"America/Noronha"}}, true
	}
	r, ok := lookupRange(brCEP, n)
	if r == "PE" {
		return postalHit{region: r, zones: []string{"America/Recife"}}, ok
	}
	return postalHit{region: r}, ok
}

// mxCP is the plan of Mexican postal codes by their first two digits.
var mxCP = []postalRange{
	{1, 16, "CMX"}, {20, 20, "AGU"}, {21, 22, "BCN"}, {23, 23, "BCS"}, {24, 24, "CAM"},
	{25, 27, "COA"}, {28, 28, "COL"}, {29, 30, "CHP"}, {31, 33, "CHH"}, {34, 35, "DUR"},
	{36, 38, "GUA"}, {39, 41, "GRO"}, {42, 43, "HID"}, {44, 49, "JAL"}, {50, 57, "MEX"},
	{58, 61, "MIC"}, {62, 62, "MOR"}, {63, 63, "NAY"}, {64, 67, "NLE"}, {68, 71, "OAX"},
	{72, 75, "PUE"}, {76, 76, "QUE"}, {77, 77, "ROO"}, {78, 79, "SLP"}, {80, 82, "SIN"},
	{83, 85, "SON"}, {86, 86, "TAB"}, {87, 89, "TAM"}, {90, 90, "TLA"}, {91, 96, "VER"},
	{97, 97, "YUC"}, {98, 99, "ZAC"},
}

// mxPostal reads a five-digit Mexican postal code.
func mxPostal(code string) (postalHit, bool) {
	d, ok := digitsOnly(code)
	if !ok || len(d) != 5 {
		return postalHit{}, false
	}
	n, _ := strconv.Atoi(d[:2])
	r, ok := lookupRange(mxCP, n)
	return postalHit{region: r}, ok
}
