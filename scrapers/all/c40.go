package all

import _ "github.com/citynets/citynets/scrapers/c40" // C40 Cities
