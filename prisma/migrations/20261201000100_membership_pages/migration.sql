-- A member list is a page in creation order like every other org-owned list:
-- read from an index in that order, not sorted from all of the org's members.
CREATE INDEX "memberships_org_id_created_at_id_idx" ON "memberships"("org_id", "created_at" DESC, "id" DESC);
