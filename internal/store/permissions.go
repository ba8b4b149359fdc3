package store

import (
	"context"

	"regie"
	"regie/internal/policy"
)

// Permissions implements regie.PermissionService: the menu and the entries
// to new things, decided by the policy from the actor alone (no data is
// read, so nothing is audited).
func (s *Store) Permissions(ctx context.Context) *regie.Permissions {
	return policy.ActorPermissions(regie.ActorFromContext(ctx))
}
