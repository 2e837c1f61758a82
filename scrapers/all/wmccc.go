package all

import _ "github.com/citynets/citynets/scrapers/wmccc" // World Mayors Council on Climate Change
