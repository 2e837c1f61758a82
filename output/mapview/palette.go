package mapview

// networkColor is the colour of the k-th network (in button order). The
// first eight are the Okabe–Ito palette, chosen because its colours stay
// apart for the common forms of colour blindness; they are ordered so the
// strongest contrasts against the pale land come first and yellow, the
// weakest, last but one. A snapshot rarely has more than eight networks,
// and a ninth colour would no longer be safe, so every network from the
// ninth on shares one neutral grey: the legend lists them under that grey,
// and hovering one still picks out its cities. The slice is built per
// call, so the package holds no mutable state.
func networkColor(k int) string {
	okabeIto := []string{
		"#0072B2", // blue
		"#D55E00", // vermillion
		"#009E73", // bluish green
		"#CC79A7", // reddish purple
		"#E69F00", // orange
		"#56B4E9", // sky blue
		"#F0E442", // yellow
		"#000000", // black
	}
	if k >= 0 && k < len(okabeIto) {
		return okabeIto[k]
	}
	return sharedColor
}

// sharedColor is the grey every network after the eighth is drawn in.
const sharedColor = "#8C8C8C"
