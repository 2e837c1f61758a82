package gazetteer

// adminAbbrevs maps the postal abbreviations networks write after a city
// name ("Edmonton, AB", "Curitiba, PR") to GeoNames admin1 codes, for the
// countries whose GeoNames codes are not those abbreviations already. (US
// admin1 codes in GeoNames are the USPS abbreviations, "CA", "NY".)
var adminAbbrevs = map[string]map[string]string{
	"CA": {
		"AB": "01", "BC": "02", "MB": "03", "NB": "04", "NL": "05", "NF": "05",
		"NS": "07", "ON": "08", "PE": "09", "PEI": "09", "QC": "10", "PQ": "10",
		"SK": "11", "YT": "12", "NT": "13", "NWT": "13", "NU": "14",
	},
	"AU": {
		"ACT": "01", "NSW": "02", "NT": "03", "QLD": "04", "SA": "05",
		"TAS": "06", "VIC": "07", "WA": "08",
	},
	"BR": {
		"AC": "01", "AL": "02", "AP": "03", "AM": "04", "BA": "05", "CE": "06",
		"DF": "07", "ES": "08", "GO": "29", "MA": "13", "MT": "14", "MS": "11",
		"MG": "15", "PA": "16", "PB": "17", "PR": "18", "PE": "30", "PI": "20",
		"RJ": "21", "RN": "22", "RS": "23", "RO": "24", "RR": "25", "SC": "26",
		"SP": "27", "SE": "28", "TO": "31",
	},
	"MX": {
		"AGS": "01", "BC": "02", "BCS": "03", "CAMP": "04", "CHIS": "05",
		"CHIH": "06", "COAH": "07", "COL": "08", "CDMX": "09", "DF": "09",
		"DGO": "10", "GTO": "11", "GRO": "12", "HGO": "13", "JAL": "14",
		"MEX": "15", "EDOMEX": "15", "MICH": "16", "MOR": "17", "NAY": "18",
		"NL": "19", "OAX": "20", "PUE": "21", "QRO": "22", "QROO": "23",
		"SLP": "24", "SIN": "25", "SON": "26", "TAB": "27", "TAMPS": "28",
		"TLAX": "29", "VER": "30", "YUC": "31", "ZAC": "32",
	},
}

// Admin1Abbrev returns the GeoNames admin1 code for a postal abbreviation
// of a state or province in a country, or "" if it is not one. For a
// country whose GeoNames codes are the abbreviations (the United States,
// the United Kingdom's ENG/SCT/WLS/NIR), the caller checks the code itself.
func Admin1Abbrev(cc, abbrev string) string { return adminAbbrevs[cc][abbrev] }
