package httpapi

import "kgraph/graph"

// Limits bound what one GraphQL request may ask for. Everything but the
// complexity is checked on the document before gqlgen validates it, so a
// huge or deeply nested document is refused in time proportional to its
// size, never in the quadratic time some validation rules take. Zero
// values take the defaults of DefaultLimits.
type Limits struct {
	// MaxBodyBytes bounds a request body (413 past it).
	MaxBodyBytes int
	// MaxQueryBytes bounds the query text, checked before it is parsed.
	MaxQueryBytes int
	// MaxTokens bounds the lexical tokens the parser reads; it stops there.
	MaxTokens int
	// MaxDepth bounds how deeply selections nest, fragments expanded.
	MaxDepth int
	// MaxAliases bounds the aliased fields of an operation, fragments expanded.
	MaxAliases int
	// MaxRootFields bounds the top-level fields of an operation, fragments expanded.
	MaxRootFields int
	// MaxFields bounds the fields of an operation, fragments expanded.
	MaxFields int
	// MaxDirectivesPerLocation bounds the directives on one field, fragment or operation.
	MaxDirectivesPerLocation int
	// MaxDirectives bounds the directives of the whole document.
	MaxDirectives int
	// MaxComplexity bounds the estimated work of an operation (see
	// graph.NewComplexity).
	MaxComplexity int
	// Batching lets a POST body be a JSON array of requests; off by default.
	Batching bool
	// MaxBatch bounds the requests of a batch when batching is on.
	MaxBatch int
	// DisableIntrospection refuses __schema and __type queries; field
	// suggestions ("did you mean") are then left out of errors too.
	DisableIntrospection bool
}

// DefaultLimits are generous for every query the explorer, the playground
// and the README send, and refuse the shapes that tie a server up: deep
// nesting, thousands of aliases, fields or directives, huge documents.
func DefaultLimits() Limits {
	return Limits{
		MaxBodyBytes:             1 << 20,
		MaxQueryBytes:            32 << 10,
		MaxTokens:                5000,
		MaxDepth:                 10,
		MaxAliases:               30,
		MaxRootFields:            30,
		MaxFields:                500,
		MaxDirectivesPerLocation: 4,
		MaxDirectives:            50,
		MaxComplexity:            graph.DefaultMaxComplexity,
		MaxBatch:                 10,
	}
}

// withDefaults fills zero values from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	fill := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	fill(&l.MaxBodyBytes, d.MaxBodyBytes)
	fill(&l.MaxQueryBytes, d.MaxQueryBytes)
	fill(&l.MaxTokens, d.MaxTokens)
	fill(&l.MaxDepth, d.MaxDepth)
	fill(&l.MaxAliases, d.MaxAliases)
	fill(&l.MaxRootFields, d.MaxRootFields)
	fill(&l.MaxFields, d.MaxFields)
	fill(&l.MaxDirectivesPerLocation, d.MaxDirectivesPerLocation)
	fill(&l.MaxDirectives, d.MaxDirectives)
	fill(&l.MaxComplexity, d.MaxComplexity)
	fill(&l.MaxBatch, d.MaxBatch)
	return l
}
