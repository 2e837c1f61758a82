package pipeline

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/citynets/citynets/enrich"
	"github.com/citynets/citynets/enrich/gazetteer"
	"github.com/citynets/citynets/output"
)

// NewMatcher loads the gazetteer (the embedded one unless a file is given)
// and the overrides, committed plus the user's own, into a matcher that
// logs to log (nil discards).
func NewMatcher(ctx context.Context, gazetteerFile, overridesFile string, log *slog.Logger) (*enrich.Matcher, error) {
	m, _, err := loadMatcher(ctx, gazetteerFile, overridesFile, log)
	return m, err
}

func loadMatcher(ctx context.Context, gazetteerFile, overridesFile string, log *slog.Logger) (*enrich.Matcher, output.GazetteerInfo, error) {
	g, err := loadGazetteer(gazetteerFile)
	if err != nil {
		return nil, output.GazetteerInfo{}, fmt.Errorf("%w: gazetteer: %w", ErrInput, err)
	}
	overrides, err := enrich.DefaultOverrides()
	if err != nil {
		return nil, output.GazetteerInfo{}, fmt.Errorf("committed overrides: %w", err)
	}
	if overridesFile != "" {
		mine, err := enrich.LoadOverrides(overridesFile)
		if err != nil {
			return nil, output.GazetteerInfo{}, fmt.Errorf("%w: overrides: %w", ErrInput, err)
		}
		overrides = append(overrides, mine...)
	}
	name, sum := g.Info()
	return enrich.NewMatcher(g, overrides, enrich.WithLogger(log)), output.GazetteerInfo{Name: name, SHA256: sum}, ctx.Err()
}

func loadGazetteer(file string) (*gazetteer.Gazetteer, error) {
	if file == "" {
		return gazetteer.Default()
	}
	return gazetteer.LoadFile(file)
}
