package store

import (
	"context"
	"fmt"
)

// MentionBrands lists the distinct brand names of the stored mentions,
// sorted: brands since removed from the config included.
func (s *Store) MentionBrands(ctx context.Context) ([]string, error) {
	return s.distinctMentionValues(ctx, "brand")
}

// MentionSources lists the distinct source names of the stored mentions,
// sorted: sources since removed from the config included.
func (s *Store) MentionSources(ctx context.Context) ([]string, error) {
	return s.distinctMentionValues(ctx, "source")
}

// distinctMentionValues lists a column's distinct non-empty values; col is
// one of this file's fixed column names, never user input.
func (s *Store) distinctMentionValues(ctx context.Context, col string) ([]string, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT DISTINCT `+col+` FROM mentions WHERE `+col+` != '' ORDER BY `+col)
	if err != nil {
		return nil, fmt.Errorf("store: mention %ss: %w", col, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("store: mention %ss: %w", col, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: mention %ss: %w", col, err)
	}
	return out, nil
}

// MentionTags returns the tags stored mentions carry.
func (s *Store) MentionTags(ctx context.Context) ([]string, error) {
	rows, err := s.rdb.QueryContext(ctx, s.d.allTags())
	if err != nil {
		return nil, fmt.Errorf("store: mention tags: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("store: mention tags: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// MentionAssignees returns the people mentions are assigned to.
func (s *Store) MentionAssignees(ctx context.Context) ([]string, error) {
	return s.distinctMentionValues(ctx, "assignee")
}
