package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// single runs a query that returns exactly one record.
func single(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) (*neo4j.Record, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Single(ctx)
}

// collect runs a query and returns all its records.
func collect(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// execute runs a query for its effect.
func execute(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) error {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// value returns the non-null value of key in rec.
func value[T neo4j.RecordValue](rec *neo4j.Record, key string) (T, error) {
	v, isNil, err := neo4j.GetRecordValue[T](rec, key)
	if err == nil && isNil {
		err = fmt.Errorf("%s is null", key)
	}
	return v, err
}

// intValue returns the integer value of key in rec: Neo4j integers arrive as int64.
func intValue(rec *neo4j.Record, key string) (int, error) {
	v, err := value[int64](rec, key)
	return int(v), err
}

// decodeList decodes the list of property maps held in key (as
// collect(properties(n)) returns them), in order; never nil.
func decodeList[T any](rec *neo4j.Record, key string, decode func(map[string]any) (T, error)) ([]T, error) {
	list, err := value[[]any](rec, key)
	if err != nil {
		return nil, err
	}
	return decodeMaps(list, key, decode)
}

// decodeMaps decodes a list of property maps.
func decodeMaps[T any](list []any, what string, decode func(map[string]any) (T, error)) ([]T, error) {
	out := make([]T, len(list))
	for i, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s[%d] is a %T, not a property map", what, i, item)
		}
		var err error
		if out[i], err = decode(m); err != nil {
			return nil, fmt.Errorf("decode %s[%d]: %w", what, i, err)
		}
	}
	return out, nil
}

// pointers returns pointers to the elements of xs.
func pointers[T any](xs []T) []*T {
	out := make([]*T, len(xs))
	for i := range xs {
		out[i] = &xs[i]
	}
	return out
}
