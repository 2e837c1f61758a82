package all

import _ "github.com/citynets/citynets/scrapers/metropolis" // Metropolis
