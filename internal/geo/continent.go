package geo

// continentCodes packs GeoNames' continent assignment (countryInfo.txt) for
// every ISO 3166-1 alpha-2 code, plus XK (Kosovo), as "CCxx" groups: the
// country code then the continent code. GeoNames puts Russia and Cyprus in
// Europe, Turkey and the Caucasus in Asia, Central America and the
// Caribbean in North America. A string, not a map, so the package keeps no
// mutable state; Continent scans it (250 entries). It lives here, not in
// the map's package, because the members and places tables name the same
// continents as the map does.
const continentCodes = "" +
	"ADEU AEAS AFAS AGNA AINA ALEU AMAS AOAF AQAN ARSA ASOC ATEU AUOC AWNA AXEU AZAS " +
	"BAEU BBNA BDAS BEEU BFAF BGEU BHAS BIAF BJAF BLNA BMNA BNAS BOSA BQNA BRSA BSNA " +
	"BTAS BVAN BWAF BYEU BZNA CANA CCAS CDAF CFAF CGAF CHEU CIAF CKOC CLSA CMAF CNAS " +
	"COSA CRNA CUNA CVAF CWNA CXOC CYEU CZEU DEEU DJAF DKEU DMNA DONA DZAF ECSA EEEU " +
	"EGAF EHAF ERAF ESEU ETAF FIEU FJOC FKSA FMOC FOEU FREU GAAF GBEU GDNA GEAS GFSA " +
	"GGEU GHAF GIEU GLNA GMAF GNAF GPNA GQAF GREU GSAN GTNA GUOC GWAF GYSA HKAS HMAN " +
	"HNNA HREU HTNA HUEU IDAS IEEU ILAS IMEU INAS IOAS IQAS IRAS ISEU ITEU JEEU JMNA " +
	"JOAS JPAS KEAF KGAS KHAS KIOC KMAF KNNA KPAS KRAS KWAS KYNA KZAS LAAS LBAS LCNA " +
	"LIEU LKAS LRAF LSAF LTEU LUEU LVEU LYAF MAAF MCEU MDEU MEEU MFNA MGAF MHOC MKEU " +
	"MLAF MMAS MNAS MOAS MPOC MQNA MRAF MSNA MTEU MUAF MVAS MWAF MXNA MYAS MZAF NAAF " +
	"NCOC NEAF NFOC NGAF NINA NLEU NOEU NPAS NROC NUOC NZOC OMAS PANA PESA PFOC PGOC " +
	"PHAS PKAS PLEU PMNA PNOC PRNA PSAS PTEU PWOC PYSA QAAS REAF ROEU RSEU RUEU RWAF " +
	"SAAS SBOC SCAF SDAF SEEU SGAS SHAF SIEU SJEU SKEU SLAF SMEU SNAF SOAF SRSA SSAF " +
	"STAF SVNA SXNA SYAS SZAF TCNA TDAF TFAN TGAF THAS TJAS TKOC TLOC TMAS TNAF TOOC " +
	"TRAS TTNA TVOC TWAS TZAF UAEU UGAF UMOC USNA UYSA UZAS VAEU VCNA VESA VGNA VINA " +
	"VNAS VUOC WFOC WSOC XKEU YEAS YTAF ZAAF ZMAF ZWAF"

// continentName spells out GeoNames' continent codes.
func continentName(code string) string {
	switch code {
	case "AF":
		return "Africa"
	case "AS":
		return "Asia"
	case "EU":
		return "Europe"
	case "NA":
		return "North America"
	case "SA":
		return "South America"
	case "OC":
		return "Oceania"
	case "AN":
		return "Antarctica"
	}
	return ""
}

// Continent returns the continent of an ISO 3166-1 alpha-2 country code
// (either case), spelt out ("North America"), or "" for an unknown or
// empty code. The scheme is GeoNames' (countryInfo.txt).
func Continent(countryCode string) string {
	if len(countryCode) != 2 {
		return ""
	}
	cc := [2]byte{upper(countryCode[0]), upper(countryCode[1])}
	for i := 0; i+4 <= len(continentCodes); i += 5 {
		if continentCodes[i] == cc[0] && continentCodes[i+1] == cc[1] {
			return continentName(continentCodes[i+2 : i+4])
		}
	}
	return ""
}

func upper(b byte) byte {
	if 'a' <= b && b <= 'z' {
		return b - 'a' + 'A'
	}
	return b
}

// ContinentRank is the order continents are listed in (Africa first,
// Antarctica last, anything else after).
func ContinentRank(name string) int {
	switch name {
	case "Africa":
		return 0
	case "Asia":
		return 1
	case "Europe":
		return 2
	case "North America":
		return 3
	case "South America":
		return 4
	case "Oceania":
		return 5
	case "Antarctica":
		return 6
	}
	return 7
}
