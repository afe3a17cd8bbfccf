-- idempotent_requests.org_id never changes either (found by npm run check:tenancy):
-- its policy pins a tenant's rows to the active org, but the table's owner
-- could still move one. Every other org-owned table has had this since 20261123000100.
CREATE TRIGGER org_id_immutable BEFORE UPDATE OF org_id ON "idempotent_requests" FOR EACH ROW EXECUTE FUNCTION forbid_org_id_change();
