package scrapers

import (
	"bytes"
	"errors"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// sourceConstants are the keys of a written source that say what its
// members are rather than where they are on the page: an induced source
// keeps them, since a redesign does not change what the network's members
// are.
var sourceConstants = []string{"member_type", "network_region", "type_map", "strip_words", "dedupe"}

// spliceVariant returns a copy of the spec file raw whose variants are the
// induced variant (named name) followed by every variant already there.
// The induced variant is variant base with each source in induced (a
// rendered induce.Result.YAML) in place of the source of that name, and
// without base's dates, so it is valid whenever the spec is used. The
// rest of the file, comments included, is kept as written.
func spliceVariant(raw []byte, base, name string, induced map[string][]byte) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, errors.New("empty spec")
	}
	variants := mapValue(doc.Content[0], "variants")
	if variants == nil || variants.Kind != yaml.SequenceNode {
		return nil, errors.New("no variants list")
	}
	var from *yaml.Node
	for _, v := range variants.Content {
		if n := mapValue(v, "name"); n != nil && n.Value == base {
			from = v
			break
		}
	}
	if from == nil {
		return nil, fmt.Errorf("no variant %q", base)
	}
	v, err := inducedVariant(from, name, induced)
	if err != nil {
		return nil, err
	}
	variants.Content = append([]*yaml.Node{v}, variants.Content...)
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// inducedVariant builds the new variant node from the written one.
func inducedVariant(from *yaml.Node, name string, induced map[string][]byte) (*yaml.Node, error) {
	v := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	var comments []string
	for i := 0; i+1 < len(from.Content); i += 2 {
		k, val := from.Content[i], from.Content[i+1]
		switch k.Value {
		case "valid_from", "valid_to":
			continue
		case "name":
			val = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name}
		case "sources":
			srcs := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
			for _, s := range val.Content {
				n := mapValue(s, "name")
				y, ok := induced[scalar(n)]
				if !ok {
					srcs.Content = append(srcs.Content, s)
					continue
				}
				src, comment, err := inducedSource(y)
				if err != nil {
					return nil, fmt.Errorf("source %s: %w", scalar(n), err)
				}
				if nn := mapValue(src, "name"); nn != nil {
					nn.Value = scalar(n)
				}
				for _, c := range sourceConstants {
					if cv := mapValue(s, c); cv != nil && mapValue(src, c) == nil {
						src.Content = append(src.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: c}, cv)
					}
				}
				comments = append(comments, "source "+scalar(n)+": "+comment)
				srcs.Content = append(srcs.Content, src)
			}
			val = srcs
		}
		v.Content = append(v.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k.Value}, val)
	}
	head := fmt.Sprintf("Induced by citynets from the pages of variant %q and the members already known.", scalar(mapValue(from, "name")))
	for _, c := range comments {
		head += "\n" + c
	}
	v.HeadComment = head
	return v, nil
}

// inducedSource reads the one source of a rendered induce.Result.YAML and
// its evidence comment.
func inducedSource(y []byte) (*yaml.Node, string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(y, &doc); err != nil {
		return nil, "", err
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.SequenceNode || len(doc.Content[0].Content) == 0 {
		return nil, "", errors.New("rendered variant is not a list")
	}
	sources := mapValue(doc.Content[0].Content[0], "sources")
	if sources == nil || len(sources.Content) == 0 {
		return nil, "", errors.New("rendered variant has no source")
	}
	comment := doc.HeadComment
	for _, n := range []*yaml.Node{doc.Content[0], doc.Content[0].Content[0]} {
		if comment == "" {
			comment = n.HeadComment
		}
	}
	return sources.Content[0], trimComment(comment), nil
}

// trimComment joins a YAML comment's lines without their "#".
func trimComment(c string) string {
	var out []byte
	for _, l := range bytes.Split([]byte(c), []byte("\n")) {
		l = bytes.TrimSpace(bytes.TrimPrefix(bytes.TrimSpace(l), []byte("#")))
		if len(l) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, ' ')
		}
		out = append(out, l...)
	}
	return string(out)
}

// mapValue is the value of key in a mapping node, or nil.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func scalar(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	return n.Value
}
