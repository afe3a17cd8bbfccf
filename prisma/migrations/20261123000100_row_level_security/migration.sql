-- The database wall (design.md, tenancy layer 2). Tenant queries run as
-- orgraph_tenant (set per transaction, whatever role the server connects as):
-- not owner, not superuser, no BYPASSRLS. Policies compare with per-transaction
-- settings wrapped in scalar sub-selects, so they are evaluated once per
-- statement and stay index-friendly.
--   app.org_id      the request's active organization
--   app.user_id     the signed-in user
--   app.user_email  the user's email, set only when verified
--   app.api_key     the public id of the API key being authenticated

DO $$
BEGIN
  CREATE ROLE orgraph_tenant NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
EXCEPTION
  -- roles are cluster-wide: another database (or a parallel test) made it first
  WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

DO $$
BEGIN
  -- lets a non-superuser owner switch to the tenant role with SET ROLE
  EXECUTE format('GRANT orgraph_tenant TO %I', current_user);
EXCEPTION
  WHEN insufficient_privilege OR invalid_grant_operation OR unique_violation THEN NULL;
END $$;

DO $$
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO orgraph_tenant', current_schema());
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON
  "users", "organizations", "memberships", "invitations",
  "projects", "tasks", "api_keys", "audit_events"
TO orgraph_tenant;

CREATE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT NULLIF(current_setting('app.org_id', true), '')::uuid $$;
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;
CREATE FUNCTION app_user_email() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT NULLIF(current_setting('app.user_email', true), '') $$;
CREATE FUNCTION app_api_key() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT NULLIF(current_setting('app.api_key', true), '') $$;
GRANT EXECUTE ON FUNCTION app_org_id(), app_user_id(), app_user_email(), app_api_key() TO orgraph_tenant;

-- Org-owned data: the active organization only.
ALTER TABLE "projects" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON "projects"
  USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));

ALTER TABLE "tasks" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON "tasks"
  USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));

ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON "audit_events"
  USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));

-- API keys: the active org's, plus the one key being authenticated by its public id.
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON "api_keys"
  USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));
CREATE POLICY authenticate_key ON "api_keys" FOR SELECT
  USING (public_id = (SELECT app_api_key()));
CREATE POLICY record_key_use ON "api_keys" FOR UPDATE
  USING (public_id = (SELECT app_api_key())) WITH CHECK (public_id = (SELECT app_api_key()));

-- Memberships: the active org's, plus the user's own across organizations.
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON "memberships"
  USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));
CREATE POLICY own_memberships ON "memberships" FOR SELECT
  USING (user_id = (SELECT app_user_id()));

-- Invitations: the active org's, plus those addressed to the user's verified email.
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON "invitations"
  USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));
CREATE POLICY addressed_to_me ON "invitations" FOR SELECT
  USING (email = (SELECT app_user_email()));
CREATE POLICY respond_to_mine ON "invitations" FOR UPDATE
  USING (email = (SELECT app_user_email())) WITH CHECK (email = (SELECT app_user_email()));

-- Organizations (the registry): the active one, those the user belongs to, and
-- the one of the API key being authenticated. Any signed-in user may create one.
-- The check beyond the active org is a plpgsql function: opaque to the planner,
-- so it costs nothing to plan and runs only for rows that are not the active org.
CREATE FUNCTION app_sees_org(org uuid) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = org AND m.user_id = app_user_id())
      OR EXISTS (SELECT 1 FROM api_keys k WHERE k.org_id = org AND k.public_id = app_api_key());
END $$;
GRANT EXECUTE ON FUNCTION app_sees_org(uuid) TO orgraph_tenant;

ALTER TABLE "organizations" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY visible_orgs ON "organizations" FOR SELECT
  USING (id = (SELECT app_org_id()) OR app_sees_org(id));
CREATE POLICY create_org ON "organizations" FOR INSERT
  WITH CHECK ((SELECT app_user_id()) IS NOT NULL);
CREATE POLICY manage_active_org ON "organizations" FOR UPDATE
  USING (id = (SELECT app_org_id())) WITH CHECK (id = (SELECT app_org_id()));
CREATE POLICY delete_active_org ON "organizations" FOR DELETE
  USING (id = (SELECT app_org_id()));

-- org_id never changes after creation.
CREATE FUNCTION forbid_org_id_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.org_id IS DISTINCT FROM OLD.org_id THEN
    RAISE EXCEPTION 'org_id is immutable on %', TG_TABLE_NAME USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER org_id_immutable BEFORE UPDATE OF org_id ON "memberships" FOR EACH ROW EXECUTE FUNCTION forbid_org_id_change();
CREATE TRIGGER org_id_immutable BEFORE UPDATE OF org_id ON "invitations" FOR EACH ROW EXECUTE FUNCTION forbid_org_id_change();
CREATE TRIGGER org_id_immutable BEFORE UPDATE OF org_id ON "projects" FOR EACH ROW EXECUTE FUNCTION forbid_org_id_change();
CREATE TRIGGER org_id_immutable BEFORE UPDATE OF org_id ON "tasks" FOR EACH ROW EXECUTE FUNCTION forbid_org_id_change();
CREATE TRIGGER org_id_immutable BEFORE UPDATE OF org_id ON "api_keys" FOR EACH ROW EXECUTE FUNCTION forbid_org_id_change();
CREATE TRIGGER org_id_immutable BEFORE UPDATE OF org_id ON "audit_events" FOR EACH ROW EXECUTE FUNCTION forbid_org_id_change();
