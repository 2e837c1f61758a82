package all

import _ "github.com/citynets/citynets/scrapers/iclei" // ICLEI – Local Governments for Sustainability
