package all

import _ "github.com/citynets/citynets/scrapers/uclg" // United Cities and Local Governments
