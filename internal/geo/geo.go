// Package geo holds the one great-circle distance citynets uses, so that
// the matcher's tie-breaks and the map's "farthest apart" agree to the
// metre, and the one continent scheme, so that the map's reach line and
// the members and places tables' continent column agree. It is a leaf package (standard library only) that any layer may
// import.
package geo

import "math"

// EarthRadiusKm is the IUGG mean Earth radius (R1), the usual sphere for
// great-circle distances: a sphere is off by up to 0.5% against the
// ellipsoid, far below what a city's extent makes of any distance here.
const EarthRadiusKm = 6371.0088

// DistanceKm is the great-circle distance in kilometres between two
// positions given in degrees. It takes the atan2 of the central angle's
// sine and cosine, which stays accurate for near and antipodal points
// alike, where the arccosine and haversine forms lose digits.
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	sin1, cos1 := math.Sincos(lat1 * rad)
	sin2, cos2 := math.Sincos(lat2 * rad)
	sinDL, cosDL := math.Sincos((lon2 - lon1) * rad)
	y := math.Hypot(cos2*sinDL, cos1*sin2-sin1*cos2*cosDL)
	x := sin1*sin2 + cos1*cos2*cosDL
	return math.Atan2(y, x) * EarthRadiusKm
}
