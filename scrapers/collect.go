package scrapers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/citynets/citynets/scrapers/fetch"
)

// Job is one network to collect: what to read, how to fetch it, and what
// its guard compares the result against.
type Job struct {
	Network Network
	Spec    *Spec
	// AsOf picks the spec variants: the run's date, or a capture's date.
	AsOf time.Time
	// LastGood is the member count of the network's last good snapshot,
	// 0 when there is none (check and scrape have none).
	LastGood int

	// Fetcher reads the pages; nil means Collect builds one from Fetch,
	// Base and Archive. Tests and fixture cases pass their own.
	Fetcher fetch.Fetcher
	// Fetch is how politely and robustly to fetch; AllowedDomains are the
	// spec's, whatever is set here. Fetch.Offline must be set by whoever
	// made Base serve an archive.
	Fetch fetch.Config
	// Base carries the requests: nil for the network, or a fetch.Replay.
	Base http.RoundTripper
	// Archive receives every response; nil archives nothing.
	Archive *fetch.WARCWriter
	// Counters, when set, count the requests and bytes of the fetcher
	// Collect builds.
	Counters *fetch.Counters

	Logger *slog.Logger
	// OnPage, when set, is called after every page with the running totals
	// of the variant being read.
	OnPage func(pages, members int)

	// Repair, when no variant passes the guard, induces the list's
	// structure from the pages fetched and the Known members, and keeps the
	// induced spec's result if it passes the same guard and reads at least
	// MinKnownRecall of the known names (see Collection.Repaired).
	Repair bool
	// Suggest induces as Repair does but keeps the verdict: the induced
	// spec is only reported, in Collection.Repair (check --suggest).
	Suggest bool
	// Known are the members already known: the last good snapshot's rows,
	// else the network's known.txt.
	Known []KnownMember
}

// Attempt is one spec variant tried, in order.
type Attempt struct {
	Variant string
	// Result is what the variant yielded; nil when its scrape failed.
	Result *Result
	// Err is why the variant was not kept: its scrape's error, or the
	// guard's *GuardError. Nil for the variant kept.
	Err error
	// read is what the variant read before it stopped, even when its
	// scrape failed: the pages self-repair induces from.
	read *Result
}

// Collection is what Collect found for one network.
type Collection struct {
	// Result is the result kept: the first variant to pass the guard; when
	// none passed, the one the guard judged first (for check's report and
	// the run's counts); nil when no variant yielded a result at all. Its
	// Notes say why earlier variants were passed over.
	Result *Result
	// Attempts are the variants tried, in order; a variant after the one
	// kept is never tried.
	Attempts []Attempt
	// Repair is what self-repair found when every variant failed and the
	// Job asked to repair or suggest; nil otherwise.
	Repair *Repair
	// Repaired is true when Result is the induced spec's: every variant
	// failed, and the repair passed the guard.
	Repaired bool
}

// Collect scrapes one network and applies its guard: the one place where
// run, check and scrape decide what a network yielded. The variants valid
// at j.AsOf are tried in order, each is guarded in turn, and the first
// that passes is kept, so a later variant is tried after an earlier one
// returns a short list, not only after one that fails outright.
//
// The error is the verdict: nil when c.Result passed the guard; otherwise
// each failed variant's reason, prefixed "variant <name>: " and joined
// (the fetch layer's sentinels, *fetch.HTTPError and *GuardError stay
// reachable with errors.Is and errors.As; Reason words it for a manifest).
// A cancelled ctx returns ctx.Err() and the attempts so far. The
// Collection is never nil.
func Collect(ctx context.Context, j Job) (*Collection, error) {
	c := &Collection{}
	f := j.Fetcher
	if f == nil {
		cfg := j.Fetch
		cfg.AllowedDomains = j.Spec.AllowedDomains
		var err error
		t := fetch.NewTransport(j.Base, cfg, j.Archive, j.Logger)
		t.Counters = j.Counters
		if f, err = fetch.NewFetcher(cfg, t); err != nil {
			return c, fmt.Errorf("%s: %w", j.Network.ID, err)
		}
	}
	s := &Scraper{Network: j.Network, Spec: j.Spec, Fetcher: f, Logger: j.Logger, AsOf: j.AsOf, OnPage: j.OnPage}
	if j.Repair || j.Suggest {
		s.KeepPages = keptPages
	}
	guard := func(r *Result) error { return j.Spec.GuardAt(r.Variant, j.AsOf).Check(r, j.LastGood) }
	var err error
	c.Result, c.Attempts, err = s.variants(ctx, guard)
	if err == nil || ctx.Err() != nil || !j.Repair && !j.Suggest {
		return c, err
	}
	c.Repair = s.repair(ctx, j, c.Attempts, guard)
	if cerr := ctx.Err(); cerr != nil {
		return c, cerr
	}
	if c.Repair.Err != nil {
		return c, errors.Join(err, fmt.Errorf("repair refused: %w", c.Repair.Err))
	}
	if !j.Repair {
		return c, err
	}
	r := c.Repair.Result
	for _, a := range c.Attempts {
		r.Notes = append(r.Notes, "an earlier variant failed: "+a.Err.Error())
	}
	r.Notes = append(r.Notes, fmt.Sprintf("repaired: an induced structure read %d of %d known names and passed the guard", c.Repair.KnownFound, c.Repair.KnownTotal))
	c.Result, c.Repaired = r, true
	return c, nil
}

// errNoMembers is why Run passes over a variant that yielded no members.
var errNoMembers = errors.New("no members")

// Run reads the network without judging it by its guard (use Collect for
// that): the variants valid at AsOf are tried in order and the first to
// yield members without error is returned. A result with zero members is
// returned without error: the guard decides whether it is acceptable.
func (s *Scraper) Run(ctx context.Context) (*Result, error) {
	r, _, err := s.variants(ctx, func(r *Result) error {
		if len(r.Members) == 0 {
			return errNoMembers
		}
		return nil
	})
	if err != nil && r != nil && ctx.Err() == nil {
		return r, nil // every variant was empty or failed; an empty one is a result
	}
	return r, err
}

// variants reads the variants valid at s.AsOf in order, judging each result
// with accept, and stops at the first accepted. When none is, it returns
// the first result that has members (else the first result at all) with
// the joined reasons of every variant. It is the one loop over variants,
// whatever the judge.
func (s *Scraper) variants(ctx context.Context, accept func(*Result) error) (*Result, []Attempt, error) {
	vs := s.Spec.VariantsAt(s.AsOf)
	if len(vs) == 0 {
		return nil, nil, fmt.Errorf("%s: no spec variant valid on %s", s.Network.ID, s.AsOf.Format(time.DateOnly))
	}
	var attempts []Attempt
	var errs []error
	var fallback *Result
	for _, v := range vs {
		r, err := s.runVariant(ctx, v)
		if cerr := ctx.Err(); cerr != nil {
			return nil, attempts, cerr
		}
		read := r
		if err != nil {
			r = nil // a failed scrape yields no result, only its pages
		}
		if err == nil {
			err = accept(r)
			if fallback == nil || len(fallback.Members) == 0 && len(r.Members) > 0 {
				fallback = r
			}
		}
		if err == nil {
			for _, e := range errs {
				r.Notes = append(r.Notes, "an earlier variant failed: "+e.Error())
			}
			return r, append(attempts, Attempt{Variant: v.Name, Result: r, read: read}), nil
		}
		err = fmt.Errorf("variant %s: %w", v.Name, err)
		errs = append(errs, err)
		attempts = append(attempts, Attempt{Variant: v.Name, Result: r, Err: err, read: read})
	}
	return fallback, attempts, errors.Join(errs...)
}
