package gazetteer

import (
	"strings"
	"sync"
)

// Country is one ISO 3166-1 country (plus Kosovo, XK, as GeoNames uses it)
// with the English short name used in the places table and the other names
// networks publish for it.
type Country struct {
	ISO2, ISO3 string
	Name       string
	Aliases    []string
}

// countries is the country table: ISO codes, English short names and
// aliases seen in network and disclosure lists (official long forms, UN
// "Name, Republic of" forms, local names, former names).
var countries = []Country{
	{"AD", "AND", "Andorra", []string{"Principality of Andorra"}},
	{"AE", "ARE", "United Arab Emirates", []string{"UAE", "U.A.E.", "Emirates"}},
	{"AF", "AFG", "Afghanistan", []string{"Islamic Republic of Afghanistan"}},
	{"AG", "ATG", "Antigua and Barbuda", []string{"Antigua & Barbuda", "Antigua"}},
	{"AI", "AIA", "Anguilla", nil},
	{"AL", "ALB", "Albania", []string{"Shqipëria", "Republic of Albania"}},
	{"AM", "ARM", "Armenia", []string{"Republic of Armenia", "Hayastan"}},
	{"AO", "AGO", "Angola", []string{"Republic of Angola"}},
	{"AQ", "ATA", "Antarctica", nil},
	{"AR", "ARG", "Argentina", []string{"Argentine Republic", "República Argentina"}},
	{"AS", "ASM", "American Samoa", nil},
	{"AT", "AUT", "Austria", []string{"Österreich", "Republic of Austria"}},
	{"AU", "AUS", "Australia", []string{"Commonwealth of Australia"}},
	{"AW", "ABW", "Aruba", nil},
	{"AX", "ALA", "Åland Islands", []string{"Aland"}},
	{"AZ", "AZE", "Azerbaijan", []string{"Republic of Azerbaijan", "Azərbaycan"}},
	{"BA", "BIH", "Bosnia and Herzegovina", []string{"Bosnia & Herzegovina", "Bosnia-Herzegovina", "Bosnia", "BiH", "Bosna i Hercegovina"}},
	{"BB", "BRB", "Barbados", nil},
	{"BD", "BGD", "Bangladesh", []string{"People's Republic of Bangladesh"}},
	{"BE", "BEL", "Belgium", []string{"Belgique", "België", "Belgien", "Kingdom of Belgium"}},
	{"BF", "BFA", "Burkina Faso", []string{"Burkina"}},
	{"BG", "BGR", "Bulgaria", []string{"Republic of Bulgaria", "България"}},
	{"BH", "BHR", "Bahrain", []string{"Kingdom of Bahrain"}},
	{"BI", "BDI", "Burundi", nil},
	{"BJ", "BEN", "Benin", []string{"Bénin", "Republic of Benin"}},
	{"BL", "BLM", "Saint Barthélemy", []string{"St. Barthelemy"}},
	{"BM", "BMU", "Bermuda", nil},
	{"BN", "BRN", "Brunei", []string{"Brunei Darussalam"}},
	{"BO", "BOL", "Bolivia", []string{"Bolivia, Plurinational State of", "Plurinational State of Bolivia", "Estado Plurinacional de Bolivia"}},
	{"BQ", "BES", "Bonaire, Sint Eustatius and Saba", []string{"Caribbean Netherlands", "Bonaire"}},
	{"BR", "BRA", "Brazil", []string{"Brasil", "Federative Republic of Brazil"}},
	{"BS", "BHS", "Bahamas", []string{"The Bahamas", "Bahamas, The"}},
	{"BT", "BTN", "Bhutan", nil},
	{"BV", "BVT", "Bouvet Island", nil},
	{"BW", "BWA", "Botswana", nil},
	{"BY", "BLR", "Belarus", []string{"Republic of Belarus", "Byelorussia", "Belorussia", "Беларусь"}},
	{"BZ", "BLZ", "Belize", nil},
	{"CA", "CAN", "Canada", nil},
	{"CC", "CCK", "Cocos (Keeling) Islands", []string{"Cocos Islands"}},
	{"CD", "COD", "Democratic Republic of the Congo", []string{"DR Congo", "DRC", "D.R. Congo", "Congo, Democratic Republic of the", "Congo, The Democratic Republic of the", "Congo (Kinshasa)", "Congo-Kinshasa", "Zaire", "République démocratique du Congo", "RDC"}},
	{"CF", "CAF", "Central African Republic", []string{"République centrafricaine", "CAR"}},
	{"CG", "COG", "Republic of the Congo", []string{"Congo", "Congo, Republic of the", "Congo (Brazzaville)", "Congo-Brazzaville", "Congo Republic"}},
	{"CH", "CHE", "Switzerland", []string{"Schweiz", "Suisse", "Svizzera", "Swiss Confederation"}},
	{"CI", "CIV", "Côte d'Ivoire", []string{"Ivory Coast", "Cote d'Ivoire", "Republic of Côte d'Ivoire"}},
	{"CK", "COK", "Cook Islands", nil},
	{"CL", "CHL", "Chile", []string{"Republic of Chile"}},
	{"CM", "CMR", "Cameroon", []string{"Cameroun", "Republic of Cameroon"}},
	{"CN", "CHN", "China", []string{"People's Republic of China", "PR China", "P.R. China", "PRC", "China, People's Republic of", "Mainland China", "中国"}},
	{"CO", "COL", "Colombia", []string{"Republic of Colombia"}},
	{"CR", "CRI", "Costa Rica", nil},
	{"CU", "CUB", "Cuba", nil},
	{"CV", "CPV", "Cabo Verde", []string{"Cape Verde"}},
	{"CW", "CUW", "Curaçao", []string{"Curacao"}},
	{"CX", "CXR", "Christmas Island", nil},
	{"CY", "CYP", "Cyprus", []string{"Republic of Cyprus", "Κύπρος"}},
	{"CZ", "CZE", "Czechia", []string{"Czech Republic", "Česko", "Česká republika", "Czech"}},
	{"DE", "DEU", "Germany", []string{"Deutschland", "Federal Republic of Germany", "Allemagne", "Alemania"}},
	{"DJ", "DJI", "Djibouti", nil},
	{"DK", "DNK", "Denmark", []string{"Danmark", "Kingdom of Denmark"}},
	{"DM", "DMA", "Dominica", nil},
	{"DO", "DOM", "Dominican Republic", []string{"República Dominicana"}},
	{"DZ", "DZA", "Algeria", []string{"Algérie", "People's Democratic Republic of Algeria"}},
	{"EC", "ECU", "Ecuador", []string{"Republic of Ecuador"}},
	{"EE", "EST", "Estonia", []string{"Eesti", "Republic of Estonia"}},
	{"EG", "EGY", "Egypt", []string{"Arab Republic of Egypt", "Egypt, Arab Rep."}},
	{"EH", "ESH", "Western Sahara", nil},
	{"ER", "ERI", "Eritrea", nil},
	{"ES", "ESP", "Spain", []string{"España", "Espana", "Kingdom of Spain", "Espanya"}},
	{"ET", "ETH", "Ethiopia", []string{"Federal Democratic Republic of Ethiopia"}},
	{"FI", "FIN", "Finland", []string{"Suomi", "Republic of Finland"}},
	{"FJ", "FJI", "Fiji", []string{"Republic of Fiji"}},
	{"FK", "FLK", "Falkland Islands", []string{"Falkland Islands (Malvinas)", "Malvinas"}},
	{"FM", "FSM", "Micronesia", []string{"Federated States of Micronesia", "Micronesia, Federated States of"}},
	{"FO", "FRO", "Faroe Islands", []string{"Faroes", "Føroyar"}},
	{"FR", "FRA", "France", []string{"French Republic", "République française"}},
	{"GA", "GAB", "Gabon", []string{"Gabonese Republic"}},
	{"GB", "GBR", "United Kingdom", []string{"UK", "U.K.", "United Kingdom of Great Britain and Northern Ireland", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland"}},
	{"GD", "GRD", "Grenada", nil},
	{"GE", "GEO", "Georgia", []string{"Sakartvelo"}},
	{"GF", "GUF", "French Guiana", []string{"Guyane"}},
	{"GG", "GGY", "Guernsey", nil},
	{"GH", "GHA", "Ghana", []string{"Republic of Ghana"}},
	{"GI", "GIB", "Gibraltar", nil},
	{"GL", "GRL", "Greenland", []string{"Kalaallit Nunaat"}},
	{"GM", "GMB", "Gambia", []string{"The Gambia", "Gambia, The"}},
	{"GN", "GIN", "Guinea", []string{"Guinée", "Republic of Guinea"}},
	{"GP", "GLP", "Guadeloupe", nil},
	{"GQ", "GNQ", "Equatorial Guinea", []string{"Guinea Ecuatorial"}},
	{"GR", "GRC", "Greece", []string{"Hellas", "Hellenic Republic", "Ελλάδα", "Ellada"}},
	{"GS", "SGS", "South Georgia and the South Sandwich Islands", nil},
	{"GT", "GTM", "Guatemala", nil},
	{"GU", "GUM", "Guam", nil},
	{"GW", "GNB", "Guinea-Bissau", []string{"Guiné-Bissau"}},
	{"GY", "GUY", "Guyana", nil},
	{"HK", "HKG", "Hong Kong", []string{"Hong Kong SAR", "Hong Kong, China", "Hong Kong SAR, China", "Hongkong"}},
	{"HM", "HMD", "Heard Island and McDonald Islands", nil},
	{"HN", "HND", "Honduras", nil},
	{"HR", "HRV", "Croatia", []string{"Hrvatska", "Republic of Croatia"}},
	{"HT", "HTI", "Haiti", []string{"Haïti"}},
	{"HU", "HUN", "Hungary", []string{"Magyarország", "Magyarorszag"}},
	{"ID", "IDN", "Indonesia", []string{"Republic of Indonesia"}},
	{"IE", "IRL", "Ireland", []string{"Republic of Ireland", "Éire", "Eire"}},
	{"IL", "ISR", "Israel", []string{"State of Israel"}},
	{"IM", "IMN", "Isle of Man", nil},
	{"IN", "IND", "India", []string{"Republic of India", "Bharat"}},
	{"IO", "IOT", "British Indian Ocean Territory", nil},
	{"IQ", "IRQ", "Iraq", []string{"Republic of Iraq"}},
	{"IR", "IRN", "Iran", []string{"Iran, Islamic Republic of", "Islamic Republic of Iran", "Iran (Islamic Republic of)", "Persia"}},
	{"IS", "ISL", "Iceland", []string{"Ísland"}},
	{"IT", "ITA", "Italy", []string{"Italia", "Italian Republic", "Italie"}},
	{"JE", "JEY", "Jersey", nil},
	{"JM", "JAM", "Jamaica", nil},
	{"JO", "JOR", "Jordan", []string{"Hashemite Kingdom of Jordan"}},
	{"JP", "JPN", "Japan", []string{"Nippon", "Nihon", "日本"}},
	{"KE", "KEN", "Kenya", []string{"Republic of Kenya"}},
	{"KG", "KGZ", "Kyrgyzstan", []string{"Kyrgyz Republic", "Kirghizia"}},
	{"KH", "KHM", "Cambodia", []string{"Kingdom of Cambodia", "Kampuchea"}},
	{"KI", "KIR", "Kiribati", nil},
	{"KM", "COM", "Comoros", []string{"Union of the Comoros"}},
	{"KN", "KNA", "Saint Kitts and Nevis", []string{"St. Kitts and Nevis", "St Kitts & Nevis"}},
	{"KP", "PRK", "North Korea", []string{"Korea, Democratic People's Republic of", "Democratic People's Republic of Korea", "DPRK", "Korea, North"}},
	{"KR", "KOR", "South Korea", []string{"Korea, Republic of", "Republic of Korea", "Korea", "Korea, South", "Korea (Republic of)", "Korea Rep.", "Korea, Rep."}},
	{"KW", "KWT", "Kuwait", []string{"State of Kuwait"}},
	{"KY", "CYM", "Cayman Islands", nil},
	{"KZ", "KAZ", "Kazakhstan", []string{"Republic of Kazakhstan", "Qazaqstan"}},
	{"LA", "LAO", "Laos", []string{"Lao People's Democratic Republic", "Lao PDR", "Lao"}},
	{"LB", "LBN", "Lebanon", []string{"Lebanese Republic", "Liban"}},
	{"LC", "LCA", "Saint Lucia", []string{"St. Lucia", "St Lucia"}},
	{"LI", "LIE", "Liechtenstein", nil},
	{"LK", "LKA", "Sri Lanka", []string{"Democratic Socialist Republic of Sri Lanka", "Ceylon"}},
	{"LR", "LBR", "Liberia", nil},
	{"LS", "LSO", "Lesotho", nil},
	{"LT", "LTU", "Lithuania", []string{"Lietuva", "Republic of Lithuania"}},
	{"LU", "LUX", "Luxembourg", []string{"Luxemburg", "Grand Duchy of Luxembourg"}},
	{"LV", "LVA", "Latvia", []string{"Latvija", "Republic of Latvia"}},
	{"LY", "LBY", "Libya", []string{"State of Libya", "Libyan Arab Jamahiriya"}},
	{"MA", "MAR", "Morocco", []string{"Maroc", "Kingdom of Morocco"}},
	{"MC", "MCO", "Monaco", nil},
	{"MD", "MDA", "Moldova", []string{"Moldova, Republic of", "Republic of Moldova"}},
	{"ME", "MNE", "Montenegro", []string{"Crna Gora"}},
	{"MF", "MAF", "Saint Martin", []string{"Saint Martin (French part)", "St. Martin"}},
	{"MG", "MDG", "Madagascar", nil},
	{"MH", "MHL", "Marshall Islands", nil},
	{"MK", "MKD", "North Macedonia", []string{"Macedonia", "Republic of North Macedonia", "Macedonia, The Former Yugoslav Republic of", "The former Yugoslav Republic of Macedonia", "FYROM", "Macedonia, FYR"}},
	{"ML", "MLI", "Mali", nil},
	{"MM", "MMR", "Myanmar", []string{"Burma", "Republic of the Union of Myanmar"}},
	{"MN", "MNG", "Mongolia", nil},
	{"MO", "MAC", "Macao", []string{"Macau", "Macao SAR", "Macao SAR, China", "Macau, China"}},
	{"MP", "MNP", "Northern Mariana Islands", nil},
	{"MQ", "MTQ", "Martinique", nil},
	{"MR", "MRT", "Mauritania", []string{"Mauritanie"}},
	{"MS", "MSR", "Montserrat", nil},
	{"MT", "MLT", "Malta", nil},
	{"MU", "MUS", "Mauritius", []string{"Maurice"}},
	{"MV", "MDV", "Maldives", nil},
	{"MW", "MWI", "Malawi", nil},
	{"MX", "MEX", "Mexico", []string{"México", "United Mexican States", "Estados Unidos Mexicanos"}},
	{"MY", "MYS", "Malaysia", nil},
	{"MZ", "MOZ", "Mozambique", []string{"Moçambique"}},
	{"NA", "NAM", "Namibia", nil},
	{"NC", "NCL", "New Caledonia", []string{"Nouvelle-Calédonie"}},
	{"NE", "NER", "Niger", nil},
	{"NF", "NFK", "Norfolk Island", nil},
	{"NG", "NGA", "Nigeria", []string{"Federal Republic of Nigeria"}},
	{"NI", "NIC", "Nicaragua", nil},
	{"NL", "NLD", "Netherlands", []string{"The Netherlands", "Netherlands, The", "Holland", "Nederland", "Kingdom of the Netherlands"}},
	{"NO", "NOR", "Norway", []string{"Norge", "Noreg", "Kingdom of Norway"}},
	{"NP", "NPL", "Nepal", nil},
	{"NR", "NRU", "Nauru", nil},
	{"NU", "NIU", "Niue", nil},
	{"NZ", "NZL", "New Zealand", []string{"Aotearoa", "Aotearoa New Zealand"}},
	{"OM", "OMN", "Oman", []string{"Sultanate of Oman"}},
	{"PA", "PAN", "Panama", []string{"Panamá"}},
	{"PE", "PER", "Peru", []string{"Perú", "Republic of Peru"}},
	{"PF", "PYF", "French Polynesia", []string{"Polynésie française"}},
	{"PG", "PNG", "Papua New Guinea", nil},
	{"PH", "PHL", "Philippines", []string{"The Philippines", "Republic of the Philippines", "Pilipinas"}},
	{"PK", "PAK", "Pakistan", []string{"Islamic Republic of Pakistan"}},
	{"PL", "POL", "Poland", []string{"Polska", "Republic of Poland"}},
	{"PM", "SPM", "Saint Pierre and Miquelon", nil},
	{"PN", "PCN", "Pitcairn", []string{"Pitcairn Islands"}},
	{"PR", "PRI", "Puerto Rico", nil},
	{"PS", "PSE", "Palestine", []string{"State of Palestine", "Palestine, State of", "Palestinian Territories", "Palestinian Territory", "Occupied Palestinian Territory", "West Bank and Gaza"}},
	{"PT", "PRT", "Portugal", []string{"Portuguese Republic"}},
	{"PW", "PLW", "Palau", nil},
	{"PY", "PRY", "Paraguay", nil},
	{"QA", "QAT", "Qatar", []string{"State of Qatar"}},
	{"RE", "REU", "Réunion", []string{"Reunion", "La Réunion"}},
	{"RO", "ROU", "Romania", []string{"România", "Roumania", "Rumania"}},
	{"RS", "SRB", "Serbia", []string{"Srbija", "Republic of Serbia"}},
	{"RU", "RUS", "Russia", []string{"Russian Federation", "Россия", "Rossiya"}},
	{"RW", "RWA", "Rwanda", nil},
	{"SA", "SAU", "Saudi Arabia", []string{"Kingdom of Saudi Arabia", "KSA"}},
	{"SB", "SLB", "Solomon Islands", nil},
	{"SC", "SYC", "Seychelles", nil},
	{"SD", "SDN", "Sudan", []string{"Republic of the Sudan", "The Sudan"}},
	{"SE", "SWE", "Sweden", []string{"Sverige", "Kingdom of Sweden"}},
	{"SG", "SGP", "Singapore", []string{"Republic of Singapore"}},
	{"SH", "SHN", "Saint Helena", []string{"Saint Helena, Ascension and Tristan da Cunha", "St. Helena"}},
	{"SI", "SVN", "Slovenia", []string{"Slovenija", "Republic of Slovenia"}},
	{"SJ", "SJM", "Svalbard and Jan Mayen", []string{"Svalbard"}},
	{"SK", "SVK", "Slovakia", []string{"Slovak Republic", "Slovensko"}},
	{"SL", "SLE", "Sierra Leone", nil},
	{"SM", "SMR", "San Marino", nil},
	{"SN", "SEN", "Senegal", []string{"Sénégal"}},
	{"SO", "SOM", "Somalia", nil},
	{"SR", "SUR", "Suriname", []string{"Surinam"}},
	{"SS", "SSD", "South Sudan", nil},
	{"ST", "STP", "São Tomé and Príncipe", []string{"Sao Tome and Principe"}},
	{"SV", "SLV", "El Salvador", nil},
	{"SX", "SXM", "Sint Maarten", []string{"Sint Maarten (Dutch part)"}},
	{"SY", "SYR", "Syria", []string{"Syrian Arab Republic"}},
	{"SZ", "SWZ", "Eswatini", []string{"Swaziland", "Kingdom of Eswatini"}},
	{"TC", "TCA", "Turks and Caicos Islands", nil},
	{"TD", "TCD", "Chad", []string{"Tchad"}},
	{"TF", "ATF", "French Southern Territories", nil},
	{"TG", "TGO", "Togo", nil},
	{"TH", "THA", "Thailand", []string{"Kingdom of Thailand", "Siam"}},
	{"TJ", "TJK", "Tajikistan", nil},
	{"TK", "TKL", "Tokelau", nil},
	{"TL", "TLS", "Timor-Leste", []string{"East Timor"}},
	{"TM", "TKM", "Turkmenistan", nil},
	{"TN", "TUN", "Tunisia", []string{"Tunisie"}},
	{"TO", "TON", "Tonga", nil},
	{"TR", "TUR", "Türkiye", []string{"Turkey", "Turkiye", "Republic of Türkiye", "Republic of Turkey"}},
	{"TT", "TTO", "Trinidad and Tobago", []string{"Trinidad & Tobago", "Trinidad"}},
	{"TV", "TUV", "Tuvalu", nil},
	{"TW", "TWN", "Taiwan", []string{"Taiwan, Province of China", "Chinese Taipei", "Republic of China", "Taiwan (ROC)"}},
	{"TZ", "TZA", "Tanzania", []string{"United Republic of Tanzania", "Tanzania, United Republic of"}},
	{"UA", "UKR", "Ukraine", []string{"Україна", "Ukraina"}},
	{"UG", "UGA", "Uganda", nil},
	{"UM", "UMI", "United States Minor Outlying Islands", nil},
	{"US", "USA", "United States", []string{"United States of America", "U.S.A.", "U.S.", "US", "America", "United States (USA)", "Estados Unidos"}},
	{"UY", "URY", "Uruguay", nil},
	{"UZ", "UZB", "Uzbekistan", nil},
	{"VA", "VAT", "Vatican City", []string{"Holy See", "Holy See (Vatican City State)", "Vatican"}},
	{"VC", "VCT", "Saint Vincent and the Grenadines", []string{"St. Vincent and the Grenadines"}},
	{"VE", "VEN", "Venezuela", []string{"Venezuela, Bolivarian Republic of", "Bolivarian Republic of Venezuela"}},
	{"VG", "VGB", "British Virgin Islands", []string{"Virgin Islands, British"}},
	{"VI", "VIR", "U.S. Virgin Islands", []string{"Virgin Islands, U.S.", "US Virgin Islands"}},
	{"VN", "VNM", "Vietnam", []string{"Viet Nam", "Socialist Republic of Vietnam"}},
	{"VU", "VUT", "Vanuatu", nil},
	{"WF", "WLF", "Wallis and Futuna", nil},
	{"WS", "WSM", "Samoa", nil},
	{"XK", "XKX", "Kosovo", []string{"Republic of Kosovo", "Kosova"}},
	{"YE", "YEM", "Yemen", []string{"Republic of Yemen"}},
	{"YT", "MYT", "Mayotte", nil},
	{"ZA", "ZAF", "South Africa", []string{"Republic of South Africa", "RSA", "Suid-Afrika"}},
	{"ZM", "ZMB", "Zambia", nil},
	{"ZW", "ZWE", "Zimbabwe", nil},
}

// countryIndex maps ISO codes and folded names to ISO2; it is built once
// and only read afterwards.
var countryIndex = sync.OnceValues(func() (map[string]string, map[string]*Country) {
	byKey := make(map[string]string, len(countries)*4)
	byISO2 := make(map[string]*Country, len(countries))
	for i := range countries {
		c := &countries[i]
		byISO2[c.ISO2] = c
		byKey[Key(c.Name)] = c.ISO2
		for _, a := range c.Aliases {
			byKey[Key(a)] = c.ISO2
		}
	}
	// Names drawn from several countries' long forms keep the most common
	// reading.
	byKey[Key("Congo")] = "CG"
	byKey[Key("Korea")] = "KR"
	return byKey, byISO2
})

// Countries returns the country table. The slice is shared: callers must
// not modify it.
func Countries() []Country { return countries }

// CountryName returns the English short name of an ISO2 code, or "".
func CountryName(iso2 string) string {
	_, byISO2 := countryIndex()
	if c, ok := byISO2[strings.ToUpper(iso2)]; ok {
		return c.Name
	}
	return ""
}

// LookupCountry resolves a published country — an ISO 3166-1 alpha-2 or
// alpha-3 code, an English name, or a known alias such as "USA", "Korea,
// Republic of", "Türkiye" or "Côte d'Ivoire" — to its ISO2 code.
func LookupCountry(s string) (iso2 string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	byKey, byISO2 := countryIndex()
	if len(s) == 2 || len(s) == 3 {
		u := strings.ToUpper(s)
		if _, ok := byISO2[u]; ok && len(u) == 2 {
			return u, true
		}
		if len(u) == 3 {
			for i := range countries {
				if countries[i].ISO3 == u {
					return countries[i].ISO2, true
				}
			}
		}
	}
	if cc, ok := byKey[Key(s)]; ok {
		return cc, true
	}
	// "Korea, Republic of" also appears as "Republic of Korea"; try the
	// comma-inverted reading.
	if a, b, ok := strings.Cut(s, ","); ok {
		if cc, ok := byKey[Key(strings.TrimSpace(b)+" "+strings.TrimSpace(a))]; ok {
			return cc, true
		}
	}
	return "", false
}
