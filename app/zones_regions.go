package app

// The regions of the countries that span several time zones, and what their postal codes say.
// Sources: the tz database's zone.tab comments and its notes on local practice, ISO 3166-2 codes,
// and the national postal code plans (USPS three-digit ZIP prefixes, Canada Post's first letters,
// Australia Post's postcode ranges, the Brazilian CEP ranges and the Mexican código postal
// prefixes). Zones are IANA names, east to west. A region lists every zone used in part of it, so
// that a customer known only by the region is contacted in hours allowed in all of them.

// region is a state, province, territory or federal subject.
type region struct {
	code  string   // ISO 3166-2 subdivision code without the country, or the usual postal code
	name  string   // English name
	zones []string // nil: the time zone cannot be told (military mail)
	alt   []string // other names and codes
	kind  string   // "" for the country's usual word
}

// regionSet is the regions of one country and how to read its postal codes.
type regionSet struct {
	kind       string // "state", "province", ...
	postalKind string // "ZIP code", "postal code", ...
	regions    []region
	postal     func(code string) (postalHit, bool)
}

// postalHit is what a postal code tells: the region and, where the code narrows it, the zones.
type postalHit struct {
	region string
	zones  []string // nil: all the region's zones
}

const (
	zET  = "America/New_York"
	zCT  = "America/Chicago"
	zMT  = "America/Denver"
	zPT  = "America/Los_Angeles"
	zAKT = "America/Anchorage"
)

var regionSets = map[string]*regionSet{
	"US": {kind: "state", postalKind: "ZIP code", postal: usPostal, regions: []region{
		{code: "AL", name: "Alabama", zones: []string{zCT}},
		{code: "AK", name: "Alaska", zones: []string{zAKT, "America/Adak"}},
		{code: "AZ", name: "Arizona", zones: []string{zMT, "America/Phoenix"}}, // the Navajo Nation keeps daylight saving time
		{code: "AR", name: "Arkansas", zones: []string{zCT}},
		{code: "CA", name: "California", zones: []string{zPT}},
		{code: "CO", name: "Colorado", zones: []string{zMT}},
		{code: "CT", name: "Connecticut", zones: []string{zET}},
		{code: "DE", name: "Delaware", zones: []string{zET}},
		{code: "DC", name: "District of Columbia", zones: []string{zET}, alt: []string{"Washington DC", "Washington D.C."}},
		{code: "FL", name: "Florida", zones: []string{zET, zCT}},
		{code: "GA", name: "Georgia", zones: []string{zET}},
		{code: "HI", name: "Hawaii", zones: []string{"Pacific/Honolulu"}},
		{code: "ID", name: "Idaho", zones: []string{"America/Boise", zPT}},
		{code: "IL", name: "Illinois", zones: []string{zCT}},
		{code: "IN", name: "Indiana", zones: []string{"America/Indiana/Indianapolis", zCT}},
		{code: "IA", name: "Iowa", zones: []string{zCT}},
		{code: "KS", name: "Kansas", zones: []string{zCT, zMT}},
		{code: "KY", name: "Kentucky", zones: []string{"America/Kentucky/Louisville", zCT}},
		{code: "LA", name: "Louisiana", zones: []string{zCT}},
		{code: "ME", name: "Maine", zones: []string{zET}},
		{code: "MD", name: "Maryland", zones: []string{zET}},
		{code: "MA", name: "Massachusetts", zones: []string{zET}},
		{code: "MI", name: "Michigan", zones: []string{"America/Detroit", "America/Menominee"}},
		{code: "MN", name: "Minnesota", zones: []string{zCT}},
		{code: "MS", name: "Mississippi", zones: []string{zCT}},
		{code: "MO", name: "Missouri", zones: []string{zCT}},
		{code: "MT", name: "Montana", zones: []string{zMT}},
		{code: "NE", name: "Nebraska", zones: []string{zCT, zMT}},
		{code: "NV", name: "Nevada", zones: []string{zPT}},
		{code: "NH", name: "New Hampshire", zones: []string{zET}},
		{code: "NJ", name: "New Jersey", zones: []string{zET}},
		{code: "NM", name: "New Mexico", zones: []string{zMT}},
		{code: "NY", name: "New York", zones: []string{zET}},
		{code: "NC", name: "North Carolina", zones: []string{zET}},
		{code: "ND", name: "North Dakota", zones: []string{zCT, zMT}},
		{code: "OH", name: "Ohio", zones: []string{zET}},
		{code: "OK", name: "Oklahoma", zones: []string{zCT}},
		{code: "OR", name: "Oregon", zones: []string{"America/Boise", zPT}},
		{code: "PA", name: "Pennsylvania", zones: []string{zET}},
		{code: "RI", name: "Rhode Island", zones: []string{zET}},
		{code: "SC", name: "South Carolina", zones: []string{zET}},
		{code: "SD", name: "South Dakota", zones: []string{zCT, zMT}},
		{code: "TN", name: "Tennessee", zones: []string{zET, zCT}},
		{code: "TX", name: "Texas", zones: []string{zCT, zMT}},
		{code: "UT", name: "Utah", zones: []string{zMT}},
		{code: "VT", name: "Vermont", zones: []string{zET}},
		{code: "VA", name: "Virginia", zones: []string{zET}},
		{code: "WA", name: "Washington", zones: []string{zPT}, alt: []string{"Washington State"}},
		{code: "WV", name: "West Virginia", zones: []string{zET}},
		{code: "WI", name: "Wisconsin", zones: []string{zCT}},
		{code: "WY", name: "Wyoming", zones: []string{zMT}},
		{code: "PR", name: "Puerto Rico", zones: []string{"America/Puerto_Rico"}, kind: "territory"},
		{code: "VI", name: "U.S. Virgin Islands", zones: []string{"America/St_Thomas"}, alt: []string{"Virgin Islands", "US Virgin Islands"}, kind: "territory"},
		{code: "GU", name: "Guam", zones: []string{"Pacific/Guam"}, kind: "territory"},
		{code: "AS", name: "American Samoa", zones: []string{"Pacific/Pago_Pago"}, kind: "territory"},
		{code: "MP", name: "Northern Mariana Islands", zones: []string{"Pacific/Saipan"}, kind: "territory"},
		{code: "UM", name: "U.S. Minor Outlying Islands", zones: []string{"Pacific/Wake", "Pacific/Midway"}, kind: "territory"},
		// Reached by US mail (ZIP codes 969xx) though they are countries of their own.
		{code: "PW", name: "Palau", zones: []string{"Pacific/Palau"}, kind: "freely associated state"},
		{code: "FM", name: "Micronesia", zones: []string{"Pacific/Pohnpei", "Pacific/Chuuk"}, kind: "freely associated state"},
		{code: "MH", name: "Marshall Islands", zones: []string{"Pacific/Majuro"}, kind: "freely associated state"},
		// Military mail goes anywhere in the world.
		{code: "AA", name: "Armed Forces Americas", kind: "military mail area"},
		{code: "AE", name: "Armed Forces Europe", kind: "military mail area"},
		{code: "AP", name: "Armed Forces Pacific", kind: "military mail area"},
	}},

	"CA": {kind: "province", postalKind: "postal code", postal: caPostal, regions: []region{
		{code: "NL", name: "Newfoundland and Labrador", zones: []string{"America/St_Johns", "America/Goose_Bay"}, alt: []string{"Newfoundland", "Labrador", "NF"}},
		{code: "PE", name: "Prince Edward Island", zones: []string{"America/Halifax"}, alt: []string{"PEI"}},
		{code: "NS", name: "Nova Scotia", zones: []string{"America/Halifax"}},
		{code: "NB", name: "New Brunswick", zones: []string{"America/Moncton"}},
		// The Magdalen Islands keep Atlantic time, the Lower North Shore Atlantic standard time.
		{code: "QC", name: "Quebec", zones: []string{"America/Halifax", "America/Blanc-Sablon", "America/Toronto"}, alt: []string{"PQ"}},
		{code: "ON", name: "Ontario", zones: []string{"America/Toronto", "America/Atikokan", "America/Winnipeg"}},
		{code: "MB", name: "Manitoba", zones: []string{"America/Winnipeg"}},
		// Lloydminster keeps Alberta's time.
		{code: "SK", name: "Saskatchewan", zones: []string{"America/Regina", "America/Edmonton"}},
		{code: "AB", name: "Alberta", zones: []string{"America/Edmonton"}},
		{code: "BC", name: "British Columbia", zones: []string{"America/Edmonton", "America/Dawson_Creek", "America/Vancouver"}},
		{code: "YT", name: "Yukon", zones: []string{"America/Whitehorse"}, alt: []string{"Yukon Territory", "YK"}, kind: "territory"},
		{code: "NT", name: "Northwest Territories", zones: []string{"America/Edmonton"}, alt: []string{"NWT"}, kind: "territory"},
		{code: "NU", name: "Nunavut", zones: []string{"America/Iqaluit", "America/Atikokan", "America/Rankin_Inlet", "America/Cambridge_Bay"}, kind: "territory"},
	}},

	"AU": {kind: "state", postalKind: "postcode", postal: auPostal, regions: []region{
		{code: "NSW", name: "New South Wales", zones: []string{"Australia/Lord_Howe", "Australia/Sydney", "Australia/Broken_Hill"}},
		{code: "VIC", name: "Victoria", zones: []string{"Australia/Melbourne"}},
		{code: "QLD", name: "Queensland", zones: []string{"Australia/Brisbane"}},
		// Border Village keeps the Eucla area's time.
		{code: "SA", name: "South Australia", zones: []string{"Australia/Adelaide", "Australia/Eucla"}},
		{code: "WA", name: "Western Australia", zones: []string{"Australia/Eucla", "Australia/Perth"}},
		{code: "TAS", name: "Tasmania", zones: []string{"Australia/Hobart"}},
		{code: "NT", name: "Northern Territory", zones: []string{"Australia/Darwin"}, kind: "territory"},
		{code: "ACT", name: "Australian Capital Territory", zones: []string{"Australia/Sydney"}, kind: "territory"},
		{code: "JBT", name: "Jervis Bay Territory", zones: []string{"Australia/Sydney"}, kind: "territory"},
		{code: "NF", name: "Norfolk Island", zones: []string{"Pacific/Norfolk"}, kind: "territory"},
		{code: "CX", name: "Christmas Island", zones: []string{"Indian/Christmas"}, kind: "territory"},
		{code: "CC", name: "Cocos (Keeling) Islands", zones: []string{"Indian/Cocos"}, alt: []string{"Cocos Islands"}, kind: "territory"},
	}},

	"BR": {kind: "state", postalKind: "CEP", postal: brPostal, regions: []region{
		{code: "AC", name: "Acre", zones: []string{"America/Rio_Branco"}},
		{code: "AL", name: "Alagoas", zones: []string{"America/Maceio"}},
		{code: "AP", name: "Amapá", zones: []string{"America/Belem"}},
		{code: "AM", name: "Amazonas", zones: []string{"America/Manaus", "America/Eirunepe"}},
		{code: "BA", name: "Bahia", zones: []string{"America/Bahia"}},
		{code: "CE", name: "Ceará", zones: []string{"America/Fortaleza"}},
		{code: "DF", name: "Distrito Federal", zones: []string{"America/Sao_Paulo"}, alt: []string{"Federal District", "Brasília"}},
		{code: "ES", name: "Espírito Santo", zones: []string{"America/Sao_Paulo"}},
		{code: "GO", name: "Goiás", zones: []string{"America/Sao_Paulo"}},
		{code: "MA", name: "Maranhão", zones: []string{"America/Fortaleza"}},
		{code: "MT", name: "Mato Grosso", zones: []string{"America/Cuiaba"}},
		{code: "MS", name: "Mato Grosso do Sul", zones: []string{"America/Campo_Grande"}},
		{code: "MG", name: "Minas Gerais", zones: []string{"America/Sao_Paulo"}},
		{code: "PA", name: "Pará", zones: []string{"America/Belem"}},
		{code: "PB", name: "Paraíba", zones: []string{"America/Fortaleza"}},
		{code: "PR", name: "Paraná", zones: []string{"America/Sao_Paulo"}},
		{code: "PE", name: "Pernambuco", zones: []string{"America/Noronha", "America/Recife"}}, // with Fernando de Noronha
		{code: "PI", name: "Piauí", zones: []string{"America/Fortaleza"}},
		{code: "RJ", name: "Rio de Janeiro", zones: []string{"America/Sao_Paulo"}},
		{code: "RN", name: "Rio Grande do Norte", zones: []string{"America/Fortaleza"}},
		{code: "RS", name: "Rio Grande do Sul", zones: []string{"America/Sao_Paulo"}},
		{code: "RO", name: "Rondônia", zones: []string{"America/Porto_Velho"}},
		{code: "RR", name: "Roraima", zones: []string{"America/Boa_Vista"}},
		{code: "SC", name: "Santa Catarina", zones: []string{"America/Sao_Paulo"}},
		{code: "SP", name: "São Paulo", zones: []string{"America/Sao_Paulo"}},
		{code: "SE", name: "Sergipe", zones: []string{"America/Maceio"}},
		{code: "TO", name: "Tocantins", zones: []string{"America/Araguaina"}},
	}},

	"MX": {kind: "state", postalKind: "postal code", postal: mxPostal, regions: []region{
		{code: "AGU", name: "Aguascalientes", zones: []string{"America/Mexico_City"}, alt: []string{"AGS"}},
		{code: "BCN", name: "Baja California", zones: []string{"America/Tijuana"}, alt: []string{"BC"}},
		{code: "BCS", name: "Baja California Sur", zones: []string{"America/Mazatlan"}},
		{code: "CAM", name: "Campeche", zones: []string{"America/Merida"}, alt: []string{"CAMP"}},
		{code: "CHP", name: "Chiapas", zones: []string{"America/Mexico_City"}, alt: []string{"CHIS"}},
		{code: "CHH", name: "Chihuahua", zones: []string{"America/Ojinaga", "America/Chihuahua", "America/Ciudad_Juarez"}, alt: []string{"CHIH"}},
		{code: "CMX", name: "Ciudad de México", zones: []string{"America/Mexico_City"}, alt: []string{"Mexico City", "CDMX", "DF", "Distrito Federal"}},
		{code: "COA", name: "Coahuila", zones: []string{"America/Matamoros", "America/Monterrey"}, alt: []string{"COAH", "Coahuila de Zaragoza"}},
		{code: "COL", name: "Colima", zones: []string{"America/Mexico_City"}},
		{code: "DUR", name: "Durango", zones: []string{"America/Monterrey"}, alt: []string{"DGO"}},
		{code: "GUA", name: "Guanajuato", zones: []string{"America/Mexico_City"}, alt: []string{"GTO"}},
		{code: "GRO", name: "Guerrero", zones: []string{"America/Mexico_City"}},
		{code: "HID", name: "Hidalgo", zones: []string{"America/Mexico_City"}, alt: []string{"HGO"}},
		{code: "JAL", name: "Jalisco", zones: []string{"America/Mexico_City"}},
		{code: "MEX", name: "México", zones: []string{"America/Mexico_City"}, alt: []string{"Estado de México", "State of Mexico", "EDOMEX"}},
		{code: "MIC", name: "Michoacán", zones: []string{"America/Mexico_City"}, alt: []string{"MICH", "Michoacán de Ocampo"}},
		{code: "MOR", name: "Morelos", zones: []string{"America/Mexico_City"}},
		{code: "NAY", name: "Nayarit", zones: []string{"America/Bahia_Banderas", "America/Mazatlan"}},
		{code: "NLE", name: "Nuevo León", zones: []string{"America/Matamoros", "America/Monterrey"}, alt: []string{"NL"}},
		{code: "OAX", name: "Oaxaca", zones: []string{"America/Mexico_City"}},
		{code: "PUE", name: "Puebla", zones: []string{"America/Mexico_City"}},
		{code: "QUE", name: "Querétaro", zones: []string{"America/Mexico_City"}, alt: []string{"QRO"}},
		{code: "ROO", name: "Quintana Roo", zones: []string{"America/Cancun"}, alt: []string{"Q. Roo", "QROO"}},
		{code: "SLP", name: "San Luis Potosí", zones: []string{"America/Mexico_City"}},
		{code: "SIN", name: "Sinaloa", zones: []string{"America/Mazatlan"}},
		{code: "SON", name: "Sonora", zones: []string{"America/Hermosillo"}},
		{code: "TAB", name: "Tabasco", zones: []string{"America/Mexico_City"}},
		{code: "TAM", name: "Tamaulipas", zones: []string{"America/Matamoros", "America/Monterrey"}, alt: []string{"TAMPS"}},
		{code: "TLA", name: "Tlaxcala", zones: []string{"America/Mexico_City"}, alt: []string{"TLAX"}},
		{code: "VER", name: "Veracruz", zones: []string{"America/Mexico_City"}},
		{code: "YUC", name: "Yucatán", zones: []string{"America/Merida"}},
		{code: "ZAC", name: "Zacatecas", zones: []string{"America/Mexico_City"}},
	}},

	"RU": {kind: "region", regions: ruRegions()},
}

// ruRegions lists Russia's federal subjects by the zone their clocks follow.
func ruRegions() []region {
	var rs []region
	add := func(zones []string, list ...[2]string) {
		for _, r := range list {
			rs = append(rs, region{code: r[0], name: r[1], zones: zones})
		}
	}
	add([]string{"Europe/Kaliningrad"}, [2]string{"KGD", "Kaliningrad"})
	add([]string{"Europe/Moscow"},
		[2]string{"MOW", "Moscow"}, [2]string{"MOS", "Moscow Oblast"}, [2]string{"SPE", "Saint Petersburg"},
		[2]string{"LEN", "Leningrad"}, [2]string{"AD", "Adygea"}, [2]string{"ARK", "Arkhangelsk"},
		[2]string{"BEL", "Belgorod"}, [2]string{"BRY", "Bryansk"}, [2]string{"CE", "Chechnya"},
		[2]string{"CU", "Chuvashia"}, [2]string{"DA", "Dagestan"}, [2]string{"IN", "Ingushetia"},
		[2]string{"IVA", "Ivanovo"}, [2]string{"KB", "Kabardino-Balkaria"}, [2]string{"KL", "Kalmykia"},
		[2]string{"KLU", "Kaluga"}, [2]string{"KC", "Karachay-Cherkessia"}, [2]string{"KR", "Karelia"},
		[2]string{"KO", "Komi"}, [2]string{"KOS", "Kostroma"}, [2]string{"KDA", "Krasnodar"},
		[2]string{"KRS", "Kursk"}, [2]string{"LIP", "Lipetsk"}, [2]string{"ME", "Mari El"},
		[2]string{"MO", "Mordovia"}, [2]string{"MUR", "Murmansk"}, [2]string{"NEN", "Nenets"},
		[2]string{"NIZ", "Nizhny Novgorod"}, [2]string{"SE", "North Ossetia"}, [2]string{"NGR", "Novgorod"},
		[2]string{"ORL", "Oryol"}, [2]string{"PNZ", "Penza"}, [2]string{"PSK", "Pskov"},
		[2]string{"ROS", "Rostov"}, [2]string{"RYA", "Ryazan"}, [2]string{"SMO", "Smolensk"},
		[2]string{"STA", "Stavropol"}, [2]string{"TAM", "Tambov"}, [2]string{"TA", "Tatarstan"},
		[2]string{"TUL", "Tula"}, [2]string{"TVE", "Tver"}, [2]string{"VLA", "Vladimir"},
		[2]string{"VLG", "Vologda"}, [2]string{"VOR", "Voronezh"}, [2]string{"YAR", "Yaroslavl"})
	add([]string{"Europe/Kirov"}, [2]string{"KIR", "Kirov"})
	add([]string{"Europe/Volgograd"}, [2]string{"VGG", "Volgograd"})
	add([]string{"Europe/Astrakhan"}, [2]string{"AST", "Astrakhan"})
	add([]string{"Europe/Saratov"}, [2]string{"SAR", "Saratov"})
	add([]string{"Europe/Ulyanovsk"}, [2]string{"ULY", "Ulyanovsk"})
	add([]string{"Europe/Samara"}, [2]string{"SAM", "Samara"}, [2]string{"UD", "Udmurtia"})
	add([]string{"Asia/Yekaterinburg"},
		[2]string{"SVE", "Sverdlovsk"}, [2]string{"CHE", "Chelyabinsk"}, [2]string{"KGN", "Kurgan"},
		[2]string{"ORE", "Orenburg"}, [2]string{"PER", "Perm"}, [2]string{"BA", "Bashkortostan"},
		[2]string{"TYU", "Tyumen"}, [2]string{"KHM", "Khanty-Mansi"}, [2]string{"YAN", "Yamalo-Nenets"})
	add([]string{"Asia/Omsk"}, [2]string{"OMS", "Omsk"})
	add([]string{"Asia/Novosibirsk"}, [2]string{"NVS", "Novosibirsk"})
	add([]string{"Asia/Barnaul"}, [2]string{"ALT", "Altai Krai"}, [2]string{"AL", "Altai Republic"})
	add([]string{"Asia/Tomsk"}, [2]string{"TOM", "Tomsk"})
	add([]string{"Asia/Novokuznetsk"}, [2]string{"KEM", "Kemerovo"})
	add([]string{"Asia/Krasnoyarsk"}, [2]string{"KYA", "Krasnoyarsk"}, [2]string{"KK", "Khakassia"}, [2]string{"TY", "Tuva"})
	add([]string{"Asia/Irkutsk"}, [2]string{"IRK", "Irkutsk"}, [2]string{"BU", "Buryatia"})
	add([]string{"Asia/Chita"}, [2]string{"ZAB", "Zabaykalsky"})
	add([]string{"Asia/Yakutsk"}, [2]string{"AMU", "Amur"})
	add([]string{"Asia/Srednekolymsk", "Asia/Ust-Nera", "Asia/Yakutsk"}, [2]string{"SA", "Sakha"}) // Khandyga keeps Yakutsk's time
	add([]string{"Asia/Vladivostok"}, [2]string{"PRI", "Primorsky"}, [2]string{"KHA", "Khabarovsk"}, [2]string{"YEV", "Jewish Autonomous Oblast"})
	add([]string{"Asia/Magadan"}, [2]string{"MAG", "Magadan"})
	add([]string{"Asia/Sakhalin"}, [2]string{"SAK", "Sakhalin"}) // the northern Kuril Islands keep the same time
	add([]string{"Asia/Kamchatka"}, [2]string{"KAM", "Kamchatka"})
	add([]string{"Asia/Anadyr"}, [2]string{"CHU", "Chukotka"})
	alt := map[string][]string{
		"SPE": {"St Petersburg", "Sankt-Peterburg"}, "CE": {"Chechen Republic"}, "CU": {"Chuvash Republic"},
		"AD": {"Adygeya"}, "ORL": {"Orel"}, "SE": {"North Ossetia-Alania", "Alania"}, "UD": {"Udmurt Republic"},
		"BA": {"Bashkiria"}, "KHM": {"Khanty-Mansiysk", "Yugra"}, "YAN": {"Yamal"}, "KEM": {"Kuzbass"},
		"TY": {"Tyva"}, "ZAB": {"Zabaykalsky Krai", "Transbaikal", "Chita"}, "SA": {"Yakutia", "Sakha (Yakutia)"},
		"PRI": {"Primorye"}, "YEV": {"Jewish"}, "ALT": {"Altai Territory"}, "AL": {"Gorno-Altai"},
	}
	for i := range rs {
		rs[i].alt = alt[rs[i].code]
	}
	return rs
}
