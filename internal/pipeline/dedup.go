package pipeline

import (
	"context"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers/fetch"
)

// payloads is the store's payload index as the fetch layer asks for it:
// fetch knows nothing of snapshots, output nothing of HTTP.
type payloads struct {
	idx *output.PayloadIndex
}

var _ fetch.PayloadIndex = payloads{}

// LookupPayload finds where a payload is stored.
func (p payloads) LookupPayload(d string) (fetch.StoredPayload, bool) {
	if p.idx == nil {
		return fetch.StoredPayload{}, false
	}
	r, ok := p.idx.Lookup(d)
	if !ok {
		return fetch.StoredPayload{}, false
	}
	date, _ := time.Parse(time.RFC3339Nano, r.Date)
	return fetch.StoredPayload{
		PayloadRef: fetch.PayloadRef{RecordID: r.RecordID, URI: r.URI, Date: date.UTC(), Digest: r.Digest},
		Path:       p.idx.Path(r), Offset: r.Offset,
	}, true
}

// lazyPayloads reads a store's payload index the first time a revisit
// needs it, so that replaying an archive without revisits never opens a
// store. A store that cannot be read resolves nothing: the replay then
// reports the revisit it could not serve.
type lazyPayloads struct {
	dir  string
	once sync.Once
	p    payloads
}

// LookupPayload finds where a payload is stored.
func (l *lazyPayloads) LookupPayload(d string) (fetch.StoredPayload, bool) {
	l.once.Do(func() {
		store, err := output.OpenStoreReadOnly(l.dir)
		if err != nil {
			return
		}
		// Reading a local index has no request to be cancelled with.
		l.p.idx, _ = store.Payloads(context.Background())
	})
	return l.p.LookupPayload(d)
}

// replayStore is the store an archive's revisits are resolved through:
// the store the archive lives in (<store>/snapshots/<id>/raw.warc.gz),
// else fallback (the run's --store).
func replayStore(archive, fallback string) string {
	snaps := filepath.Dir(filepath.Dir(archive))
	if filepath.Base(archive) == output.RawWARC && filepath.Base(snaps) == "snapshots" {
		return filepath.Dir(snaps)
	}
	return fallback
}

// history is what the run's archive deduplicates against: the parent's
// captures (for conditional requests) and the store's payloads. A parent
// archive that cannot be read costs the conditional requests, not the run.
func history(parent *snapshot, store *output.Store, idx *output.PayloadIndex, log *slog.Logger) *fetch.History {
	p := payloads{idx: idx}
	if parent == nil {
		return fetch.NewHistory(nil, p)
	}
	prior, err := fetch.OpenReplay(filepath.Join(store.Path(parent.id), output.RawWARC), fetch.WithPayloads(p))
	if err != nil {
		log.Warn("the parent's archive cannot be read: no conditional requests this run", "parent", parent.id, "error", err)
		return fetch.NewHistory(nil, p)
	}
	return fetch.NewHistory(prior, p)
}

// costs records what a network's requests cost in its manifest entry.
func costs(st *output.NetworkStatus, c fetch.Costs) {
	st.Requests = int(c.Requests)
	st.NotModified = int(c.NotModified)
	st.Revisits = int(c.Revisits)
	st.BytesDownloaded = c.Downloaded
	st.BytesStored = c.Stored
}
