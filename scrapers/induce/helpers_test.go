package induce

import (
	"fmt"
	"strings"
)

// Every page in these tests is constructed by hand (or by the helpers
// below) to show one form of member list; none is a copy of a real site.

// cities are real place names with their countries, the members of the
// constructed lists.
var cities = [][2]string{
	{"Aarhus", "Denmark"}, {"Accra", "Ghana"}, {"Addis Ababa", "Ethiopia"}, {"Amman", "Jordan"},
	{"Amsterdam", "Netherlands"}, {"Athens", "Greece"}, {"Auckland", "New Zealand"}, {"Austin", "United States"},
	{"Bangkok", "Thailand"}, {"Barcelona", "Spain"}, {"Bengaluru", "India"}, {"Berlin", "Germany"},
	{"Bogotá", "Colombia"}, {"Boston", "United States"}, {"Buenos Aires", "Argentina"}, {"Cape Town", "South Africa"},
	{"Chennai", "India"}, {"Copenhagen", "Denmark"}, {"Curitiba", "Brazil"}, {"Dakar", "Senegal"},
	{"Dar es Salaam", "Tanzania"}, {"Delhi", "India"}, {"Dhaka", "Bangladesh"}, {"Dubai", "United Arab Emirates"},
	{"Durban", "South Africa"}, {"Freetown", "Sierra Leone"}, {"Guadalajara", "Mexico"}, {"Hanoi", "Vietnam"},
	{"Heidelberg", "Germany"}, {"Helsinki", "Finland"}, {"Ho Chi Minh City", "Vietnam"}, {"Hong Kong", "China"},
	{"Istanbul", "Turkey"}, {"Jakarta", "Indonesia"}, {"Johannesburg", "South Africa"}, {"Karachi", "Pakistan"},
	{"Kuala Lumpur", "Malaysia"}, {"Lagos", "Nigeria"}, {"Lima", "Peru"}, {"Lisbon", "Portugal"},
	{"London", "United Kingdom"}, {"Los Angeles", "United States"}, {"Madrid", "Spain"}, {"Medellín", "Colombia"},
	{"Melbourne", "Australia"}, {"Mexico City", "Mexico"}, {"Milan", "Italy"}, {"Montréal", "Canada"},
	{"Mumbai", "India"}, {"Nairobi", "Kenya"}, {"New Orleans", "United States"}, {"Oslo", "Norway"},
	{"Paris", "France"}, {"Phoenix", "United States"}, {"Quezon City", "Philippines"}, {"Quito", "Ecuador"},
	{"Rio de Janeiro", "Brazil"}, {"Rome", "Italy"}, {"Rotterdam", "Netherlands"}, {"Salvador", "Brazil"},
	{"San Francisco", "United States"}, {"Santiago", "Chile"}, {"São Paulo", "Brazil"}, {"Seattle", "United States"},
	{"Seoul", "South Korea"}, {"Shenzhen", "China"}, {"Singapore", "Singapore"}, {"Stockholm", "Sweden"},
	{"Sydney", "Australia"}, {"Tel Aviv-Yafo", "Israel"}, {"Tokyo", "Japan"}, {"Toronto", "Canada"},
	{"Tshwane", "South Africa"}, {"Vancouver", "Canada"}, {"Venice", "Italy"}, {"Vienna", "Austria"},
	{"Warsaw", "Poland"}, {"Washington", "United States"}, {"Wuhan", "China"}, {"Yokohama", "Japan"},
	{"Zürich", "Switzerland"}, {"Kraków", "Poland"}, {"Göteborg", "Sweden"}, {"Malmö", "Sweden"},
	{"Málaga", "Spain"}, {"Nice", "France"}, {"Lyon", "France"}, {"Nantes", "France"},
	{"Bonn", "Germany"}, {"Freiburg im Breisgau", "Germany"}, {"Gdańsk", "Poland"}, {"Ljubljana", "Slovenia"},
	{"Tallinn", "Estonia"}, {"Riga", "Latvia"}, {"Vilnius", "Lithuania"}, {"Porto", "Portugal"},
	{"Valencia", "Spain"},
}

// knownOf is the known set of a list of members, stale as the issue says
// it will be: every dropEvery-th member missing (0 = none).
func knownOf(ms [][2]string, dropEvery int) []Known {
	var out []Known
	for i, m := range ms {
		if dropEvery > 0 && i%dropEvery == dropEvery-1 {
			continue
		}
		out = append(out, Known{Name: m[0], Country: m[1]})
	}
	return out
}

// listPage wraps records in a page with a header menu and a footer, the
// furniture a real page has around its list.
func listPage(body string) []byte {
	return []byte(`<!doctype html><html><head><title>Members</title></head><body>
<header><nav><ul class="menu"><li><a href="/">Home</a></li><li><a href="/about">About</a></li>
<li><a href="/members">Members</a></li><li><a href="/contact">Contact</a></li></ul></nav></header>
<main id="content">` + body + `</main>
<footer><ul class="links"><li><a href="/privacy">Privacy</a></li><li><a href="/imprint">Imprint</a></li><li><a href="/login">Login</a></li></ul></footer>
</body></html>`)
}

// each renders every member with a format taking the name, the country
// and the index.
func each(ms [][2]string, format func(i int, name, country string) string) string {
	var b strings.Builder
	for i, m := range ms {
		b.WriteString(format(i, m[0], m[1]))
		b.WriteByte('\n')
	}
	return b.String()
}

func slug(s string) string {
	return strings.ReplaceAll(strings.ToLower(fold(s)), " ", "-")
}

var _ = fmt.Sprintf
