package scrapers

// StartPages are the URLs the variant's sources read first: each start
// URL, and for a paged source the URL of its first page, which the engine
// asks for in place of the start URL. Reading a site as of a date from a
// web archive, these are the pages taken from their latest capture before
// the date; every other page is taken from the capture nearest theirs.
func (v Variant) StartPages() []string {
	var out []string
	for _, src := range v.Sources {
		for _, s := range src.Start {
			out = append(out, s)
			if src.Pages != nil {
				out = append(out, withParam(s, src.Pages.Param, src.Pages.From))
			}
		}
	}
	return out
}
