package pipeline

import (
	"context"
	"fmt"

	"github.com/citynets/citynets/enrich"
	"github.com/citynets/citynets/enrich/gazetteer"
	"github.com/citynets/citynets/output"
)

// loadMatcher loads the gazetteer (the embedded one unless a file is given)
// and the overrides, committed plus the user's own.
func loadMatcher(ctx context.Context, o Options) (*enrich.Matcher, output.GazetteerInfo, error) {
	g, err := loadGazetteer(o.GazetteerFile)
	if err != nil {
		return nil, output.GazetteerInfo{}, fmt.Errorf("%w: gazetteer: %w", ErrInput, err)
	}
	overrides, err := enrich.DefaultOverrides()
	if err != nil {
		return nil, output.GazetteerInfo{}, fmt.Errorf("committed overrides: %w", err)
	}
	if o.OverridesFile != "" {
		mine, err := enrich.LoadOverrides(o.OverridesFile)
		if err != nil {
			return nil, output.GazetteerInfo{}, fmt.Errorf("%w: overrides: %w", ErrInput, err)
		}
		overrides = append(overrides, mine...)
	}
	name, sum := g.Info()
	return enrich.NewMatcher(g, overrides), output.GazetteerInfo{Name: name, SHA256: sum}, ctx.Err()
}

func loadGazetteer(file string) (*gazetteer.Gazetteer, error) {
	if file == "" {
		return gazetteer.Default()
	}
	return gazetteer.LoadFile(file)
}
