package mutate

// place is a real city, its country and, for the United States, Canada and
// Australia, the state or province code ICLEI appends ("City of Newark, CA").
type place struct {
	Name, Country, Admin string
}

// region names the continent-sized groups used for Metropolis's region field
// and the UCLG sections; places are listed under them so that a place's
// region needs no second table.
type region struct {
	Name   string
	Places []place
}

// worldPlaces returns about two hundred well-known real cities with their
// countries, written for this package from general knowledge (not copied
// from any data set). They fill a generated list up to its size once the
// fixtures' real member names run out; a function, not a variable, so no
// caller can change them.
func worldPlaces() []region {
	return []region{
		{"Africa", []place{
			{"Algiers", "Algeria", ""}, {"Luanda", "Angola", ""}, {"Cotonou", "Benin", ""},
			{"Gaborone", "Botswana", ""}, {"Ouagadougou", "Burkina Faso", ""}, {"Douala", "Cameroon", ""},
			{"Yaoundé", "Cameroon", ""}, {"Kinshasa", "Democratic Republic of the Congo", ""}, {"Cairo", "Egypt", ""},
			{"Alexandria", "Egypt", ""}, {"Kumasi", "Ghana", ""}, {"Mombasa", "Kenya", ""},
			{"Kisumu", "Kenya", ""}, {"Monrovia", "Liberia", ""}, {"Antananarivo", "Madagascar", ""},
			{"Lilongwe", "Malawi", ""}, {"Bamako", "Mali", ""}, {"Nouakchott", "Mauritania", ""},
			{"Rabat", "Morocco", ""}, {"Marrakesh", "Morocco", ""}, {"Maputo", "Mozambique", ""},
			{"Windhoek", "Namibia", ""}, {"Niamey", "Niger", ""}, {"Abuja", "Nigeria", ""},
			{"Kano", "Nigeria", ""}, {"Ibadan", "Nigeria", ""}, {"Kigali", "Rwanda", ""},
			{"Saint-Louis", "Senegal", ""}, {"Mogadishu", "Somalia", ""}, {"Pretoria", "South Africa", ""},
			{"Port Elizabeth", "South Africa", ""}, {"Khartoum", "Sudan", ""}, {"Arusha", "Tanzania", ""},
			{"Lomé", "Togo", ""}, {"Tunis", "Tunisia", ""}, {"Kampala", "Uganda", ""},
			{"Entebbe", "Uganda", ""}, {"Lusaka", "Zambia", ""}, {"Harare", "Zimbabwe", ""},
			{"Bulawayo", "Zimbabwe", ""},
		}},
		{"Asia-Pacific", []place{
			{"Adelaide", "Australia", "SA"}, {"Brisbane", "Australia", "QLD"}, {"Perth", "Australia", "WA"},
			{"Hobart", "Australia", "TAS"}, {"Canberra", "Australia", "ACT"}, {"Darwin", "Australia", "NT"},
			{"Chittagong", "Bangladesh", ""}, {"Phnom Penh", "Cambodia", ""}, {"Xi'an", "China", ""},
			{"Tianjin", "China", ""}, {"Chongqing", "China", ""}, {"Suzhou", "China", ""},
			{"Kunming", "China", ""}, {"Harbin", "China", ""}, {"Suva", "Fiji", ""},
			{"Pune", "India", ""}, {"Kolkata", "India", ""}, {"Hyderabad", "India", ""},
			{"Jaipur", "India", ""}, {"Kochi", "India", ""}, {"Surat", "India", ""},
			{"Bandung", "Indonesia", ""}, {"Semarang", "Indonesia", ""}, {"Medan", "Indonesia", ""},
			{"Denpasar", "Indonesia", ""}, {"Osaka", "Japan", ""}, {"Nagoya", "Japan", ""},
			{"Sapporo", "Japan", ""}, {"Fukuoka", "Japan", ""}, {"Hiroshima", "Japan", ""},
			{"Kitakyushu", "Japan", ""}, {"Almaty", "Kazakhstan", ""}, {"Vientiane", "Laos", ""},
			{"Penang", "Malaysia", ""}, {"Ulaanbaatar", "Mongolia", ""}, {"Yangon", "Myanmar", ""},
			{"Pokhara", "Nepal", ""}, {"Wellington", "New Zealand", ""}, {"Christchurch", "New Zealand", ""},
			{"Lahore", "Pakistan", ""}, {"Islamabad", "Pakistan", ""}, {"Port Moresby", "Papua New Guinea", ""},
			{"Manila", "Philippines", ""}, {"Cebu City", "Philippines", ""}, {"Davao City", "Philippines", ""},
			{"Busan", "Republic of Korea", ""}, {"Incheon", "Republic of Korea", ""}, {"Daegu", "Republic of Korea", ""},
			{"Gwangju", "Republic of Korea", ""}, {"Suwon", "Republic of Korea", ""}, {"Colombo", "Sri Lanka", ""},
			{"Taipei", "Taiwan", ""}, {"Kaohsiung", "Taiwan", ""}, {"Chiang Mai", "Thailand", ""},
			{"Da Nang", "Viet Nam", ""}, {"Hai Phong", "Viet Nam", ""}, {"Hue", "Viet Nam", ""},
			{"Tashkent", "Uzbekistan", ""}, {"Thimphu", "Bhutan", ""}, {"Malé", "Maldives", ""},
		}},
		{"Europe", []place{
			{"Vienna", "Austria", ""}, {"Graz", "Austria", ""}, {"Brussels", "Belgium", ""},
			{"Ghent", "Belgium", ""}, {"Antwerp", "Belgium", ""}, {"Sofia", "Bulgaria", ""},
			{"Zagreb", "Croatia", ""}, {"Prague", "Czechia", ""}, {"Brno", "Czechia", ""},
			{"Aarhus", "Denmark", ""}, {"Tallinn", "Estonia", ""}, {"Helsinki", "Finland", ""},
			{"Turku", "Finland", ""}, {"Lyon", "France", ""}, {"Marseille", "France", ""},
			{"Bordeaux", "France", ""}, {"Grenoble", "France", ""}, {"Strasbourg", "France", ""},
			{"Munich", "Germany", ""}, {"Hamburg", "Germany", ""}, {"Frankfurt am Main", "Germany", ""},
			{"Leipzig", "Germany", ""}, {"Dresden", "Germany", ""}, {"Thessaloniki", "Greece", ""},
			{"Budapest", "Hungary", ""}, {"Reykjavík", "Iceland", ""}, {"Dublin", "Ireland", ""},
			{"Cork", "Ireland", ""}, {"Turin", "Italy", ""}, {"Bologna", "Italy", ""},
			{"Florence", "Italy", ""}, {"Naples", "Italy", ""}, {"Riga", "Latvia", ""},
			{"Vilnius", "Lithuania", ""}, {"Luxembourg", "Luxembourg", ""}, {"Utrecht", "Netherlands", ""},
			{"The Hague", "Netherlands", ""}, {"Eindhoven", "Netherlands", ""}, {"Bergen", "Norway", ""},
			{"Trondheim", "Norway", ""}, {"Kraków", "Poland", ""}, {"Gdańsk", "Poland", ""},
			{"Wrocław", "Poland", ""}, {"Porto", "Portugal", ""}, {"Bucharest", "Romania", ""},
			{"Cluj-Napoca", "Romania", ""}, {"Belgrade", "Serbia", ""}, {"Bratislava", "Slovakia", ""},
			{"Ljubljana", "Slovenia", ""}, {"Valencia", "Spain", ""}, {"Seville", "Spain", ""},
			{"Bilbao", "Spain", ""}, {"Gothenburg", "Sweden", ""}, {"Uppsala", "Sweden", ""},
			{"Zurich", "Switzerland", ""}, {"Geneva", "Switzerland", ""}, {"Basel", "Switzerland", ""},
			{"Izmir", "Türkiye", ""}, {"Kyiv", "Ukraine", ""}, {"Lviv", "Ukraine", ""},
			{"Manchester", "United Kingdom", ""}, {"Glasgow", "United Kingdom", ""}, {"Bristol", "United Kingdom", ""},
			{"Edinburgh", "United Kingdom", ""}, {"Cardiff", "United Kingdom", ""}, {"Belfast", "United Kingdom", ""},
		}},
		{"Latin America", []place{
			{"Córdoba", "Argentina", ""}, {"Rosario", "Argentina", ""}, {"Mendoza", "Argentina", ""},
			{"La Paz", "Bolivia", ""}, {"Belo Horizonte", "Brazil", ""}, {"Recife", "Brazil", ""},
			{"Porto Alegre", "Brazil", ""}, {"Brasília", "Brazil", ""}, {"Manaus", "Brazil", ""},
			{"Belém", "Brazil", ""}, {"Valparaíso", "Chile", ""}, {"Cali", "Colombia", ""},
			{"Barranquilla", "Colombia", ""}, {"San José", "Costa Rica", ""}, {"Havana", "Cuba", ""},
			{"Santo Domingo", "Dominican Republic", ""}, {"Guayaquil", "Ecuador", ""}, {"Cuenca", "Ecuador", ""},
			{"San Salvador", "El Salvador", ""}, {"Guatemala City", "Guatemala", ""}, {"Tegucigalpa", "Honduras", ""},
			{"Kingston", "Jamaica", ""}, {"Monterrey", "Mexico", ""}, {"Puebla", "Mexico", ""},
			{"Mérida", "Mexico", ""}, {"Managua", "Nicaragua", ""}, {"Panama City", "Panama", ""},
			{"Asunción", "Paraguay", ""}, {"Arequipa", "Peru", ""}, {"Cusco", "Peru", ""},
			{"Caracas", "Venezuela", ""}, {"Salto", "Uruguay", ""},
		}},
		{"North America", []place{
			{"Calgary", "Canada", "AB"}, {"Ottawa", "Canada", "ON"}, {"Halifax", "Canada", "NS"},
			{"Winnipeg", "Canada", "MB"}, {"Victoria", "Canada", "BC"}, {"Saskatoon", "Canada", "SK"},
			{"Quebec City", "Canada", "QC"}, {"Hamilton", "Canada", "ON"}, {"Atlanta", "United States", "GA"},
			{"Baltimore", "United States", "MD"}, {"Denver", "United States", "CO"}, {"Boulder", "United States", "CO"},
			{"Minneapolis", "United States", "MN"}, {"Saint Paul", "United States", "MN"}, {"San Diego", "United States", "CA"},
			{"Sacramento", "United States", "CA"}, {"Berkeley", "United States", "CA"}, {"Oakland", "United States", "CA"},
			{"Salt Lake City", "United States", "UT"}, {"Albany", "United States", "NY"}, {"Buffalo", "United States", "NY"},
			{"Cleveland", "United States", "OH"}, {"Columbus", "United States", "OH"}, {"Detroit", "United States", "MI"},
			{"Ann Arbor", "United States", "MI"}, {"Dallas", "United States", "TX"}, {"San Antonio", "United States", "TX"},
			{"Tucson", "United States", "AZ"}, {"Nashville", "United States", "TN"}, {"Charlotte", "United States", "NC"},
			{"Raleigh", "United States", "NC"}, {"Burlington", "United States", "VT"}, {"Honolulu", "United States", "HI"},
			{"Anchorage", "United States", "AK"}, {"Santa Fe", "United States", "NM"}, {"Providence", "United States", "RI"},
		}},
		{"Middle East and West Asia", []place{
			{"Manama", "Bahrain", ""}, {"Tehran", "Iran", ""}, {"Isfahan", "Iran", ""},
			{"Baghdad", "Iraq", ""}, {"Erbil", "Iraq", ""}, {"Haifa", "Israel", ""},
			{"Irbid", "Jordan", ""}, {"Kuwait City", "Kuwait", ""}, {"Beirut", "Lebanon", ""},
			{"Muscat", "Oman", ""}, {"Doha", "Qatar", ""}, {"Riyadh", "Saudi Arabia", ""},
			{"Jeddah", "Saudi Arabia", ""}, {"Abu Dhabi", "United Arab Emirates", ""}, {"Sharjah", "United Arab Emirates", ""},
			{"Tbilisi", "Georgia", ""}, {"Yerevan", "Armenia", ""}, {"Baku", "Azerbaijan", ""},
		}},
	}
}

// knownCountries gives the country of fixture names whose fixtures do not
// publish one: C40's ticker shows names only, and a few ICLEI fixtures leave
// the country out. Written from general knowledge.
func knownCountries() map[string]string {
	return map[string]string{
		"Bengaluru": "India", "Vancouver": "Canada", "Dalian": "China", "Zhenjiang": "China",
		"Karachi": "Pakistan", "Salvador": "Brazil", "Melbourne": "Australia", "Seoul": "Republic of Korea",
		"São Paulo": "Brazil", "Phoenix": "United States", "Nanjing": "China", "Wuhan": "China",
		"Cape Town": "South Africa", "Houston": "United States", "Amsterdam": "Netherlands", "Freetown": "Sierra Leone",
		"Quezon City": "Philippines", "Casablanca": "Morocco", "New Orleans": "United States", "Lima": "Peru",
		"Istanbul": "Türkiye", "Philadelphia": "United States", "Kuala Lumpur": "Malaysia", "Tshwane": "South Africa",
		"Portland": "United States", "Buenos Aires": "Argentina", "Guadalajara": "Mexico", "Dhaka (North & South)": "Bangladesh",
		"Sydney": "Australia", "Hong Kong": "China", "San Francisco": "United States", "Accra": "Ghana",
		"Delhi NCT": "India", "Guangzhou": "China", "Addis Ababa": "Ethiopia", "Dubai": "United Arab Emirates",
		"Milan": "Italy", "Bogotá": "Colombia", "London": "United Kingdom", "Fortaleza": "Brazil",
		"Chengdu": "China", "Stockholm": "Sweden", "Rio de Janeiro": "Brazil", "Seattle": "United States",
		"Oslo": "Norway", "Barcelona": "Spain", "Mexico City": "Mexico", "Ho Chi Minh City": "Viet Nam",
		"Hangzhou": "China", "Medellín": "Colombia", "Chicago": "United States", "Heidelberg": "Germany",
		"Athens": "Greece", "Los Angeles": "United States", "Lagos": "Nigeria", "Miami": "United States",
		"Johannesburg": "South Africa", "Quito": "Ecuador", "Madrid": "Spain", "Auckland": "New Zealand",
		"Mumbai": "India", "Tel Aviv – Yafo": "Israel", "Montréal": "Canada", "Curitiba": "Brazil",
		"Shenzhen": "China", "Copenhagen": "Denmark", "Amman": "Jordan", "Berlin": "Germany",
		"Hanoi": "Viet Nam", "Austin": "United States", "Jakarta": "Indonesia", "Paris": "France",
		"Toronto": "Canada", "Bangkok": "Thailand", "Dakar": "Senegal", "Santiago": "Chile",
		"Durban (eThekwini)": "South Africa", "Nairobi": "Kenya", "Lisbon": "Portugal", "Washington, DC": "United States",
		"Yokohama": "Japan", "Shanghai": "China", "New York City": "United States", "Abidjan": "Côte d'Ivoire",
		"Tokyo": "Japan", "Ahmedabad": "India", "Rotterdam": "Netherlands", "Ekurhuleni": "South Africa",
		"Warsaw": "Poland", "Boston": "United States", "Singapore": "Singapore", "Beijing": "China",
		"Qingdao": "China", "Rome": "Italy", "Fuzhou": "China", "Dar es Salaam": "Tanzania",
		"Chennai": "India", "Caracas": "Venezuela", "Moscow": "Russia", "Venice": "Italy",
		"Freetown City Council": "Sierra Leone", "Nansana Municipality": "Uganda",
		"Tswelopele Local Municipality": "South Africa", "Walvis Bay": "Namibia",
	}
}

// givenNames and familyNames build the person column of the WMCCC table
// (its rows name a mayor, then the city). The combinations are constructed,
// not real people; only the cities are members.
func givenNames() []string {
	return []string{"Anna", "Carlos", "Amina", "Kenji", "Maria", "Olusegun", "Ingrid", "Rahul",
		"Fatima", "Pieter", "Lucía", "Tomasz", "Mei", "Jean", "Aisha", "Lars", "Sofia", "Diego",
		"Hye-jin", "Marek", "Nadia", "Emeka", "Clara", "Hiroshi"}
}

func familyNames() []string {
	return []string{"Okafor", "Santos", "Lindqvist", "Tanaka", "Moreau", "Kowalski", "Haddad", "Mensah",
		"García", "Nakamura", "Schmidt", "Rossi", "Novak", "Costa", "Mwangi", "Jansen", "Park",
		"Fernandes", "Dubois", "Hansen", "Ivanova", "Alvarez", "Chen", "Osei"}
}
