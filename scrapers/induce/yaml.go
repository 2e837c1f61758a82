package induce

import (
	"bytes"
	"fmt"
	"time"

	"go.yaml.in/yaml/v3"
)

// variant is a spec variant holding the induced source.
type variant struct {
	Name    string   `yaml:"name"`
	Sources []Source `yaml:"sources"`
}

// YAML renders the source as a spec variant ready to drop under a spec
// file's variants: a one-item list, headed by a comment with the evidence.
// An empty variantName becomes "induced-<today>".
func (r *Result) YAML(variantName string) ([]byte, error) {
	if variantName == "" {
		variantName = "induced-" + time.Now().UTC().Format(time.DateOnly)
	}
	var doc yaml.Node
	if err := doc.Encode([]variant{{Name: variantName, Sources: []Source{r.Source}}}); err != nil {
		return nil, fmt.Errorf("induce: render %s: %w", variantName, err)
	}
	ev := r.Evidence
	doc.HeadComment = fmt.Sprintf("Induced from known members: %d of %d found (recall %.2f); %d records on %d pages, %.0f %% look like member names.",
		ev.KnownFound, ev.KnownTotal, ev.Recall, ev.Records, ev.Pages, 100*ev.NameLike)
	if ev.Claimed >= 0 {
		doc.HeadComment += fmt.Sprintf("\nThe page claims %d.", ev.Claimed)
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("induce: render %s: %w", variantName, err)
	}
	return b.Bytes(), nil
}
