package enrich

// Government-form words: what networks put around a city's name to name
// its government ("City of Newark", "Kalyan Dombivali Municipal
// Corporation", "Ayuntamiento de Valencia"). They are stripped, one at a
// time, only after the full name found nothing, so real names that contain
// them ("Quezon City", "Kansas City", "The Hague") still match whole.
// Entries are written naturally and folded with Normalize when a Matcher
// is built; longer entries are tried first.

// govPrefixes come before the name.
var govPrefixes = []string{
	// English
	"City of", "The City of", "Town of", "The Town of", "Village of", "Borough of",
	"Municipality of", "The Municipality of", "Municipal Council of",
	"Municipal Corporation of", "Municipal Corporation of Greater",
	"City and County of", "City Council of", "Corporation of the City of",
	"Township of", "Charter Township of", "Metropolitan Municipality of",
	"Metropolitan City of", "City Government of", "Government of",
	"Local Government of", "City Administration of", "Regional Municipality of",
	"Capital City of", "Commune of", "Urban Municipality of", "Unified Government of",
	"Consolidated Government of", "Office of the Mayor of", "Mayor of",
	"Local Government Unit of", "LGU of", "LGU", "Council of", "Royal Borough of",
	"London Borough of", "Metropolitan Borough of", "Metropolitan District of",
	"District of", "Corporation of", "The Corporation of",
	"Region de", "Region of", "Villa de", "Aggregazione", "Greater", "Metro", "The",
	"District Council of", "Shire of", "Tourist Resort of", "People's Government of",
	"Mayoralty of",
	// Spanish
	"Ayuntamiento de", "Ayuntamiento del", "Excmo Ayuntamiento de", "H Ayuntamiento de",
	"Honorable Ayuntamiento de", "Municipio de", "Municipio del", "Municipio Autonomo de",
	"Municipalidad de", "Municipalidad del", "Municipalidad Provincial de",
	"Municipalidad Distrital de", "Municipalidad Metropolitana de",
	"Ilustre Municipalidad de", "I Municipalidad de", "Provincial de", "Distrital de",
	"Gobierno de", "Gobierno Municipal de", "Gobierno Autonomo Municipal de",
	"Gobierno Autonomo Descentralizado Municipal de", "Gobierno Autonomo Descentralizado de",
	"GAD Municipal de", "Alcaldia de", "Alcaldia Mayor de", "Alcaldia Municipal de",
	"Intendencia de", "Intendencia Municipal de", "Concello de", "Ciudad de",
	"Alcaldia Metropolitana de", "Alcaldia Metropolitana del", "Region Metropolitana de",
	"Area Metropolitana de", "Area Metropolitana del", "Distrito Metropolitano de",
	"Cabildo de", "Municipalidad", "Ayuntamiento", "Municipio",
	// Catalan, Valencian
	"Ajuntament de", "Ajuntament d'", "Ajuntament del",
	// Portuguese
	"Prefeitura de", "Prefeitura da", "Prefeitura do", "Prefeitura Municipal de",
	"Prefeitura Municipal da", "Prefeitura Municipal do", "Camara Municipal de",
	"Camara Municipal da", "Camara Municipal do", "Municipio da", "Municipio do",
	"Cidade de", "Cidade do", "Cidade da", "Prefeitura", "Prefeitura Municipal",
	// the title of Brazil's tourist municipalities ("Estância Turística de Itu")
	"Estancia Turistica de", "Estancia Turistica da", "Estancia Turistica do",
	"Estancia Hidromineral de", "Estancia Climatica de", "Estancia Balnearia de",
	// French
	"Ville de", "Ville d'", "Ville du", "Ville et Eurometropole de", "Commune de",
	"Commune d'", "Commune du", "Mairie de", "Mairie d'", "Mairie du", "Metropole du",
	"Metropole de", "Metropole d'", "Eurometropole de", "Communaute urbaine de",
	"Communaute d'agglomeration de", "Communaute de communes de", "Agglomeration de",
	"Administration communale de", "Administration communale d'", "Conseil municipal de",
	"Municipalite de", "Grand",
	// Italian
	"Comune di", "Comune de", "Comune", "Citta di", "Citta metropolitana di",
	"Citta metropolitana", "Municipio di", "Unione dei Comuni", "Comunita",
	// German, Dutch
	"Stadt", "Gemeinde", "Stadtgemeinde", "Marktgemeinde", "Landeshauptstadt",
	"Hansestadt", "Freie und Hansestadt", "Stadtverwaltung", "Bundesstadt",
	"Kreisstadt", "Grosse Kreisstadt", "Magistrat der Stadt", "Gemeente", "Stad",
	// Nordic, Baltic
	"Kommune", "Kommun",
	// Polish, Czech, Slovak, Slovenian, Croatian, Serbian, Bosnian
	"Miasto", "Gmina", "Gmina Miejska", "Urzad Miasta", "Urzad Miejski w", "Urzad Gminy",
	"Miasto Stoleczne", "Statutarni mesto", "Hlavni mesto", "Mesto", "Mestska cast",
	"Obec", "Mestna obcina", "Obcina", "Grad", "Opcina", "Opstina", "Gradska opcina",
	// Romanian, Greek, Turkish
	"Municipiul", "Primaria", "Primaria Municipiului", "Primaria Orasului",
	"Primaria Comunei", "Orasul", "Comuna", "Dimos", "Δήμος",
	// Indonesian, Malay
	"Kota", "Pemerintah Kota", "Pemkot", "Majlis Bandaraya", "Majlis Perbandaran",
	"Dewan Bandaraya", "Majlis Daerah",
	// truncated forms, where a list cut the government word off ("and of
	// Denver" from "City and County of Denver", "da Batalha" from
	// "Município da Batalha")
	"of", "de", "di", "du", "d'", "da", "do", "and of", "People's of",
}

// govSuffixes come after the name.
var govSuffixes = []string{
	// English
	"City", "City Council", "City Hall", "City Government", "City Administration",
	"City Corporation", "City Municipality", "City Region", "Council", "Municipal Council",
	"Borough Council", "District Council", "Town Council", "Metropolitan Council",
	"Regional Council", "Shire Council", "Metropolitan Borough Council", "Local Council",
	"Metropolitan Government", "Metropolitan City", "Metropolitan Administration",
	"Metropolitan Municipality", "Metropolitan Region", "Metropolitan Area",
	"Metropolitan Assembly", "Municipal Assembly", "District Assembly", "Assembly",
	"Combined Authority", "Authority", "Regional Municipality", "Municipality", "Municipal",
	"Municipal Government", "Municipal Corporation", "Corporation", "Town Municipality",
	"Rural Municipality", "Local Municipality", "District Municipality", "Local Government",
	"Capital District", "Capital City", "Capital", "Metro", "Special City", "Area",
	"Special Administrative Region", "Distrito Capital",
	"Administration", "Metropolitan District", "Local", "Borough", "County Borough",
	"County Borough Council", "Shire", "Cedex",
	"Autonomous City", "District", "Subdistrict", "Town", "Village", "Township",
	"Government", "Prefecture", "Region", "Province",
	"People's Government", "Municipal People's Government", "People's",
	// Italian, Spanish, Portuguese
	"Capitale", "Municipio", "Ciudad", "Metropole", "Eurometropole",
	// Nordic, Finnish, Baltic
	"Kommune", "Kommun", "Stad", "Kaupunki", "Savivaldybe", "Miesto Savivaldybe",
	"Novads", "Pilseta",
	// Polish
	"Gmina",
	// Hungarian, Turkish
	"Onkormanyzat", "Onkormanyzata", "Varos", "Megyei Jogu Varos",
	"Belediyesi", "Buyuksehir Belediyesi",
	// Ukrainian and other transliterations
	"Hromada", "Territorial Community", "Amalgamated Territorial Community",
	"Village Council", "Settlement Council", "OTG", "Amalgamated", "Amalgamated Community",
	"Amalgamated Hromada", "United Community", "United Territorial Community", "TC",
	"ATC", "AC",
	// Indian
	"Nagar Nigam", "Nagar Palika", "Nagar Palika Parishad", "Mahanagar Palika",
	"Municipal Corporation of Greater",
	// Japanese, Korean romanisations
	"Shi", "Machi", "Cho", "Mura", "Si",
}

// countySuffixes are stripped everywhere but where counties are separate
// governments with seats that can lie far from their centre (the United
// States): "Pyeongchang County" is the town, "King County" is not a town.
var countySuffixes = []string{"County", "County Government", "County Council", "Gun"}

// countyKeepCountries are the countries where countySuffixes stay.
var countyKeepCountries = map[string]bool{"US": true, "GB": true, "IE": true, "CA": true}

// genitiveSuffixes are government words written after the name in the
// genitive, most of them Nordic ("Linköpings kommun", "Stockholms stad",
// "Vantaan kaupunki"), each with the ending: after stripping the word,
// the name without that ending is tried too.
var genitiveSuffixes = map[string]string{"kommun": "s", "stad": "s", "kommune": "s", "kaupunki": "n", "kunta": "n", "novads": "s", "pilseta": "s",
	// Hungarian names the government with the adjective of the place
	// ("Józsefvárosi Önkormányzat", the self-government of Józsefváros).
	"onkormanyzat": "i"}

// genitivePrefixes are government words written before a name in the
// genitive, each with its genitive endings and the nominative ones they
// stand for: Greek "Δήμος Πάργας" (the municipality of Párga), also
// romanised ("Dimos Spatas"). Keys are folded, so final sigma is σ.
var genitivePrefixes = map[string][][2]string{
	"δημοσ": {{"ασ", "α"}, {"ησ", "η"}, {"ου", "οσ"}, {"ου", "ο"}, {"ων", "αι"}},
	"dimos": {{"as", "a"}, {"is", "i"}, {"ou", "os"}, {"ou", "o"}},
}

// genitiveCountries are the countries whose municipalities are named in
// the genitive even when the government word is left out ("Trelleborgs"
// for Trelleborgs kommun): a one-word name ending in s that names nothing
// is tried without it.
var genitiveCountries = map[string]bool{"SE": true, "NO": true, "DK": true}

// articles are the leading articles that lists move to the end of a name
// ("Piles, Les", "Arboç, L'", "FRAGO, EL").
var articles = map[string]bool{
	"el": true, "la": true, "las": true, "los": true, "les": true, "els": true,
	"l": true, "lo": true, "le": true, "il": true, "o": true, "a": true, "os": true,
	"as": true, "de": true, "den": true, "het": true, "die": true, "der": true,
	"das": true, "the": true, "sa": true, "es": true, "ses": true, "s": true, "na": true,
}

// abbreviations expand short forms at the start of a name or word; each
// expansion is tried as a further form ("St. Paul" → "Saint Paul",
// "S.Angelo" → "Sant Angelo").
var abbreviations = map[string][]string{
	"st":   {"saint", "sankt", "san", "santa"},
	"ste":  {"sainte"},
	"sta":  {"santa"},
	"sto":  {"santo"},
	"s":    {"san", "sant", "santa", "santo", "sao"},
	"mt":   {"mount"},
	"ft":   {"fort"},
	"pt":   {"port", "point"},
	"pto":  {"puerto"},
	"gral": {"general"},
	"cd":   {"ciudad"},
	"n":    {"nuestra"},
}

// adminWords are the words that mark a hint as a division rather than a
// name ("Ishikawa Prefecture", "State of São Paulo"); such a hint is never
// tried as the place's name.
var adminWords = []string{
	"State", "Province", "Provincia", "Provincie", "Prefecture", "Region", "Regione",
	"Oblast", "Department", "Departamento", "Departement", "Estado", "Voivodeship",
	"Canton", "Governorate", "County", "District", "Territory", "Autonomous Community",
	"Comunidad Autonoma", "State of", "Province of", "Estado de", "Estado do",
	"Provincia de", "Provincia di", "Region of", "Land", "Bundesland", "Metropolis",
	"Capital Region", "Capital Territory", "Kraj", "Krai", "Republic of", "Wilaya",
}
