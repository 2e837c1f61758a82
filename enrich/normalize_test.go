package enrich

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"São Paulo", "sao paulo"},
		{"MÉXICO, D.F.", "mexico d f"},
		{"Tel Aviv – Yafo", "tel aviv yafo"},
		{"Düsseldorf", "dusseldorf"},
		{"Kraków", "krakow"},
		{"Ærøskøbing", "aeroskobing"},
		{"Dhaka (North & South)", "dhaka north south"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRepair(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ã–stersund", "Östersund"},
		{"GradiÅ¡ka", "Gradiška"},
		{"VAUX-SUR-SÃ›RE", "VAUX-SUR-SÛRE"},
		{"KalinkaviÄ\u008dy", "Kalinkavičy"},
		{"IÅ\u00adje", "Iŭje"},
		{"L'ALCÃšDIA DE CRESPINS", "L'ALCÚDIA DE CRESPINS"},
		{"Ãƒâ€“stersund", "Östersund"}, // encoded twice
		{"Cosqu<c3><ad>n", "Cosquín"},
		{"<c3><81>vila", "Ávila"},
		{"<U+0391>glantzia", "Αglantzia"},
		{`M\u00e1laga`, "Málaga"},
		{`\U000000C1vila`, "Ávila"},
		{"S&atilde;o Paulo", "São Paulo"},
		{"Bogot&#225;", "Bogotá"},
		{"<e9>vora", "évora"},           // a lone Latin-1 byte
		{`Gij\303\263n`, "Gijón"},       // octal escapes of UTF-8 bytes
		{`\351vora`, "évora"},           // an octal escape of a Latin-1 byte
		{"DzierÅ¼oniów", "Dzierżoniów"}, // only part of the name damaged
		{"Ã–nkormányzata", "Önkormányzata"},
		{"Ãlesund Ã©", "Ãlesund é"}, // a lone lead character stays
		// Undamaged text stays as it is.
		{"Östersund", "Östersund"},
		{"Münster", "Münster"},
		{"Ãlesund <b>", "Ãlesund <b>"},
		{"Tom & Jerry", "Tom & Jerry"},
		{`back\slash`, `back\slash`},
		{"  padded  ", "padded"},
	}
	for _, tt := range tests {
		if got := Repair(tt.in); got != tt.want {
			t.Errorf("Repair(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in     string
		main   string
		hints  []string
		parens []string
		alts   []string
	}{
		{"City of Newark, CA", "City of Newark", []string{"CA"}, nil, nil},
		{"Newark, NJ, United States", "Newark", []string{"NJ", "United States"}, nil, nil},
		{"Kanazawa City (Ishikawa Prefecture)", "Kanazawa City", nil, []string{"Ishikawa Prefecture"}, nil},
		{"Piles, Les", "Les Piles", nil, nil, nil},
		{"Arboç, L'", "L'Arboç", nil, nil, nil},
		{"FRAGO, EL", "EL FRAGO", nil, nil, nil},
		{"Normal, IL", "Normal", []string{"IL"}, nil, nil},
		{"Lafayette, LA", "Lafayette", []string{"LA"}, nil, nil},
		{"Bolzano/Bozen", "Bolzano/Bozen", nil, nil, []string{"Bolzano", "Bozen"}},
		{"Tel Aviv – Yafo", "Tel Aviv – Yafo", nil, nil, []string{"Tel Aviv", "Yafo"}},
		{"Heusden-Zolder", "Heusden-Zolder", nil, nil, []string{"Heusden", "Zolder"}},
		{"Aix-en-Provence", "Aix-en-Provence", nil, nil, []string{"Provence"}},
		{"Dhaka (North & South)", "Dhaka", nil, []string{"North & South"}, nil},
		{"JICOSUR (Junta Intermunicipal", "JICOSUR", nil, []string{"Junta Intermunicipal"}, nil},
		{"", "", nil, nil, nil},
	}
	eq := func(a, b []string) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	for _, tt := range tests {
		p := parse(tt.in)
		if p.main != tt.main || !eq(p.hints, tt.hints) || !eq(p.parens, tt.parens) || !eq(p.alts, tt.alts) {
			t.Errorf("parse(%q) = %+v", tt.in, p)
		}
	}
}

func TestForms(t *testing.T) {
	m := testMatcher(t)
	tests := []struct {
		in, cc string
		want   []string // the first keys, in order
	}{
		{"City of Iowa City", "US", []string{"city of iowa city", "iowa city", "iowa"}},
		{"Kalyan Dombivali Municipal Corporation", "IN", []string{"kalyan dombivali municipal corporation", "kalyan dombivali"}},
		{"Linköpings kommun", "SE", []string{"linkopings kommun", "linkopings", "linkoping"}},
		{"Sant'Agata 2030", "IT", []string{"sant agata 2030", "sant agata", "santagata 2030", "santagata"}},
		{"St. Paul", "US", []string{"st paul", "saint paul", "sankt paul", "san paul", "santa paul"}},
		{"Sectorul 6 al Municipiului Bucuresti", "RO", []string{"sectorul 6 al municipiului bucuresti", "bucuresti"}},
		{"King County", "US", []string{"king county"}},
		{"Pyeongchang County", "KR", []string{"pyeongchang county", "pyeongchang"}},
	}
	for _, tt := range tests {
		fs := m.forms(parse(tt.in), tt.cc)
		var got []string
		for _, f := range fs {
			got = append(got, f.key)
		}
		ok := len(got) >= len(tt.want)
		for i := 0; ok && i < len(tt.want); i++ {
			ok = got[i] == tt.want[i]
		}
		if !ok {
			t.Errorf("forms(%q) = %q, want to start with %q", tt.in, got, tt.want)
		}
	}
}
