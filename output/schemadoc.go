package output

// columnDoc is what the data dictionary says of one column: what it means
// and a value it may hold. Docs are keyed "<table>.<column>", or
// "*.<column>" for a column that means the same in every table that has
// it; a table's own entry wins.
type columnDoc struct {
	key, description, example string
}

// tableDescriptions say what one row of each table is.
func tableDescriptions() map[string]string {
	return map[string]string{
		"members": "One row per membership as the network publishes it, with the place it resolved to.",
		"places":  "One row per distinct place (the deduplicated cities that memberships resolve to).",
		"changes": "The diff against the parent snapshot: who joined, left, was renamed or modified.",
		"history": "One row per spell of membership up to this snapshot: a continuous period in the network (a leave and a rejoin are two spells of one member_id).",
		"runs":    "One row per network: what this snapshot's run did for it (from the manifest).",
	}
}

// columnDocs is the data dictionary's text; TestSchemaDocsComplete fails
// when a column has none, so a new column cannot go undocumented.
func columnDocs() []columnDoc {
	return []columnDoc{
		{"*.snapshot_id", "The snapshot the row belongs to (UTC time of the date it describes plus a random suffix; a rebuild adds .r<suffix>).", "20261127T020000Z-k3f"},
		{"*.snapshot_date", "The date the snapshot describes, UTC: the run's start, a backfill's step, a rebuild's source date.", "2026-11-27 02:00:00"},
		{"*.network", "Network id (c40, wmccc, metropolis, uclg, iclei).", "c40"},
		{"*.member_id", "The member's id, stable across renames and key changes within its network: <network>:<member_key at first sight>, carried through renames. Derived the same way when reading files written before it existed.", "uclg:surabaya"},
		{"*.member_key", "The membership's key within its network: the site's own id or slug, else a frozen function of the raw published name and country.", "new-york-city"},
		{"*.place_id", "The GeoNames place the member resolved to, as geonames:<id>; null when unmatched.", "geonames:5128581"},
		{"*.country_code", "ISO 3166-1 alpha-2 country of the matched place; null when unmatched.", "US"},
		{"*.admin1_code", "GeoNames first-order division code of the place.", "NY"},
		{"*.admin1_name", "Name of the first-order division.", "New York"},
		{"*.latitude", "Latitude of the place, WGS84 degrees.", "40.71427"},
		{"*.longitude", "Longitude of the place, WGS84 degrees.", "-74.00597"},
		{"*.population", "Population of the place according to GeoNames.", "8804190"},
		{"*.carried_from", "The snapshot stale rows were carried forward from; null for a fresh scrape.", "20261126T020000Z-a1b"},

		{"members.name", "The member's name exactly as published.", "New York City"},
		{"members.country_published", "The country as the network publishes it; null when it gives none.", "United States"},
		{"members.member_type", "city, region, association or other.", "city"},
		{"members.member_since", "The date the network says the member joined; null when not published.", "2006-08-01"},
		{"members.network_region", "The network's own regional grouping; null when it has none.", "North America"},
		{"members.attributes", "Everything else the page says about the member (population as published, mayor, tier, status), as a map.", `{"mayor":"Eric Adams"}`},
		{"members.source_url", "The page the row came from.", "https://www.c40.org/cities/"},
		{"members.source_sha256", "SHA-256 of that page's body, as archived in raw.warc.gz.", "3b7c…e91f"},
		{"members.fetched_at", "When that page was fetched, UTC.", "2026-11-27 02:03:11.204"},
		{"members.place_name", "The GeoNames name of the matched place.", "New York City"},
		{"members.country_code_published", "ISO 3166-1 alpha-2 code of the published country (or of a country the published name states, as in Leon, Spain), set even when no place matched.", "US"},
		{"members.country_name", "English name of the member's country: the matched place's, else the published one.", "United States"},
		{"members.continent", "Continent of the member's country (GeoNames' assignment, spelt out): the matched place's, else the published one's.", "North America"},
		{"members.match_method", "How the place was found: exact (its own name), alias (an alternate name, or the name of the county or district it is the seat of), fuzzy, override or none.", "exact"},
		{"members.match_score", "Confidence of the match, 0..1 (0 when none).", "1"},
		{"members.stale", "True when the row was carried forward because this run's scrape or guard of the network failed.", "false"},

		{"places.name", "The GeoNames name of the place.", "São Paulo"},
		{"places.ascii_name", "The GeoNames ASCII name.", "Sao Paulo"},
		{"places.country_name", "English name of the place's country.", "Brazil"},
		{"places.continent", "Continent of the place's country (GeoNames' assignment, spelt out).", "South America"},
		{"places.feature_code", "GeoNames feature code (PPLC capital, PPLA seat of a first-order division, …).", "PPLA"},
		{"places.networks", "The networks with a member at this place, sorted.", `["c40","metropolis"]`},
		{"places.network_count", "How many networks have a member at this place.", "2"},
		{"places.member_keys", "The memberships at this place, as <network>/<member_key>, sorted.", `["c40/sao-paulo"]`},

		{"changes.from_snapshot", "The parent snapshot; null in a store's first snapshot.", "20261126T020000Z-a1b"},
		{"changes.to_snapshot", "The snapshot the change leads to (this one).", "20261127T020000Z-k3f"},
		{"changes.member_key", "The member's key in to_snapshot (in from_snapshot for a left member).", "kota-surabaya"},
		{"changes.old_member_key", "The member's key in from_snapshot; null for joined (and for renames recorded before schema version 2, which did not keep it).", "surabaya"},
		{"changes.new_member_key", "The member's key in to_snapshot; null for left. A renamed row carries both keys.", "kota-surabaya"},
		{"changes.change", "joined, left, renamed or modified.", "joined"},
		{"changes.cause", "source when what the site published changed; processing when only our derivation changed.", "source"},
		{"changes.changed_fields", "The columns that changed (a map column names each key as column.key).", `["member_since"]`},
		{"changes.old_name", "The name before the change; null for joined.", "Austin, TX"},
		{"changes.new_name", "The name after the change; null for left.", "Austin"},

		{"history.name", "The latest published name of the membership.", "Kolkata"},
		{"history.member_key", "The member's latest key within its network.", "kota-surabaya"},
		{"history.from_date", "The UTC date of from_snapshot: when the spell was first observed.", "2019-06-01"},
		{"history.to_date", "The UTC date of to_snapshot: when the spell was last observed (the member left after it when present is false).", "2023-11-01"},
		{"history.from_snapshot", "The first snapshot that observed the spell (first_seen in files before schema version 2).", "20190601T020000Z-c40"},
		{"history.to_snapshot", "The last snapshot that observed the spell; while its network fails the spell goes on without moving it (last_seen before schema version 2).", "20231101T020000Z-c40"},
		{"history.present", "Whether the spell is ongoing: the member is in this snapshot's members table. False once it was absent from a snapshot in which its network passed.", "true"},
		{"history.seen_count", "How many snapshots observed the spell (carried-forward copies do not count).", "12"},

		{"runs.status", "ok, repaired, degraded, failed or skipped.", "failed"},
		{"runs.reason", "Why the network failed or degraded; null when ok.", "guard: 12 members, floor is 80"},
		{"runs.members", "Member rows of the network in this snapshot (carried-forward ones included).", "97"},
		{"runs.pages", "Pages the scrape parsed.", "3"},
		{"runs.requests", "HTTP requests the scrape sent; null when the run did not count them.", "5"},
		{"runs.bytes", "Bytes of the pages fetched.", "482113"},
		{"runs.duration_ms", "How long the network's scrape took, milliseconds.", "8123"},
		{"runs.claimed", "The member count the site itself states; null when it states none.", "96"},
		{"runs.spec_variant", "The spec variant the pages were read with (induced for a repaired run); null when unknown.", "2024"},
		{"runs.invalid_utf8", "Fields whose invalid bytes were replaced with U+FFFD.", "0"},
		{"runs.truncated", "Fields cut to the 1,000-character cap.", "0"},
	}
}

// docFor returns the doc of a table's column: its own, else the shared one.
func docFor(docs []columnDoc, table, column string) (columnDoc, bool) {
	var shared columnDoc
	found := false
	for _, d := range docs {
		switch d.key {
		case table + "." + column:
			return d, true
		case "*." + column:
			shared, found = d, true
		}
	}
	return shared, found
}
