-- The request session (src/tenancy/session.ts): users under row-level
-- security like every other table the tenant role reaches, and the one
-- statement that opens a request.
--   app.user_issuer, app.user_subject   the identity in the caller's token
-- (with app.user_id, app.user_email, app.api_key and app.org_id as before).

CREATE FUNCTION app_user_issuer() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT NULLIF(current_setting('app.user_issuer', true), '') $$;
CREATE FUNCTION app_user_subject() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT NULLIF(current_setting('app.user_subject', true), '') $$;
GRANT EXECUTE ON FUNCTION app_user_issuer(), app_user_subject() TO orgraph_tenant;

-- A user row is visible to the user themselves and, inside an organization,
-- to the callers of that organization (its members and its API keys); only
-- the user writes it, and nobody deletes it through the tenant role.
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
REVOKE DELETE ON "users" FROM orgraph_tenant;
CREATE POLICY see_self ON "users" FOR SELECT
  USING (id = (SELECT app_user_id())
    OR (issuer = (SELECT app_user_issuer()) AND subject = (SELECT app_user_subject())));
CREATE POLICY see_members_of_active_org ON "users" FOR SELECT
  USING (EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.org_id = (SELECT app_org_id())));
CREATE POLICY register_self ON "users" FOR INSERT
  WITH CHECK (issuer = (SELECT app_user_issuer()) AND subject = (SELECT app_user_subject()));
CREATE POLICY update_self ON "users" FOR UPDATE
  USING (id = (SELECT app_user_id())) WITH CHECK (id = (SELECT app_user_id()));

-- Opens a request: who the caller is and which organization it acts on, in one
-- statement at the start of the request's transaction, under the tenant role.
--  - An API key (public id and the SHA-256 of the presented secret): no row
--    unless the key exists, matches, is neither revoked nor expired. Its
--    organization is the active one; its last use is recorded at most once a minute.
--  - A user (token issuer and subject, and the token's claims): the row is made
--    on first sight and updated only when the claims changed. The active
--    organization is the one `p_slug` names if the user is a member of it;
--    without a slug, the stored active one, else their first.
-- Sets app.user_id, app.user_email (verified emails only), app.api_key and,
-- when an organization is active, app.org_id: the same org the caller's rows
-- are bound to in the application (src/tenancy/session.ts binds both at once).
CREATE FUNCTION app_open_request(
  p_issuer text, p_subject text, p_email text, p_email_verified boolean, p_name text,
  p_key_public_id text, p_key_secret_hash text, p_slug text
) RETURNS TABLE (
  user_id uuid, user_email text, user_email_verified boolean, user_name text,
  api_key_id uuid, api_key_scopes text[],
  org_id uuid, org_slug text, org_name text, org_created_at timestamptz(3), org_updated_at timestamptz(3),
  membership_id uuid, membership_role text
) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  k api_keys%ROWTYPE;
  u users%ROWTYPE;
  o organizations%ROWTYPE;
  m memberships%ROWTYPE;
BEGIN
  IF p_key_public_id IS NOT NULL THEN
    PERFORM set_config('app.api_key', p_key_public_id, true);
    SELECT * INTO k FROM api_keys WHERE public_id = p_key_public_id;
    IF NOT FOUND OR k.secret_hash <> p_key_secret_hash OR k.revoked_at IS NOT NULL OR k.expires_at <= now() THEN
      RETURN;
    END IF;
    PERFORM set_config('app.org_id', k.org_id::text, true);
    IF k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute' THEN
      UPDATE api_keys SET last_used_at = now() WHERE id = k.id;
    END IF;
    SELECT * INTO o FROM organizations WHERE id = k.org_id;
    RETURN QUERY SELECT NULL::uuid, NULL::text, NULL::boolean, NULL::text, k.id, k.scopes::text[],
      o.id, o.slug, o.name, o.created_at, o.updated_at, NULL::uuid, NULL::text;
    RETURN;
  END IF;

  PERFORM set_config('app.user_issuer', p_issuer, true), set_config('app.user_subject', p_subject, true);
  SELECT * INTO u FROM users WHERE issuer = p_issuer AND subject = p_subject;
  IF NOT FOUND THEN
    INSERT INTO users (issuer, subject, email, email_verified, name)
      VALUES (p_issuer, p_subject, p_email, p_email_verified, p_name)
      ON CONFLICT (issuer, subject) DO NOTHING RETURNING * INTO u;
    IF NOT FOUND THEN -- a concurrent first request made it
      SELECT * INTO u FROM users WHERE issuer = p_issuer AND subject = p_subject;
    END IF;
  END IF;
  PERFORM set_config('app.user_id', u.id::text, true);
  IF (u.email, u.email_verified, u.name) IS DISTINCT FROM (p_email, p_email_verified, p_name) THEN
    UPDATE users SET email = p_email, email_verified = p_email_verified, name = p_name, updated_at = now()
      WHERE id = u.id RETURNING * INTO u;
  END IF;
  IF u.email_verified THEN
    PERFORM set_config('app.user_email', u.email, true);
  END IF;

  IF p_slug IS NOT NULL THEN
    SELECT org.* INTO o FROM organizations org
      WHERE org.slug = p_slug AND EXISTS (SELECT 1 FROM memberships mm WHERE mm.org_id = org.id AND mm.user_id = u.id);
  ELSE
    SELECT org.* INTO o FROM memberships mm JOIN organizations org ON org.id = mm.org_id
      WHERE mm.user_id = u.id
      ORDER BY (org.id = u.active_org_id) DESC, mm.created_at, mm.id LIMIT 1;
  END IF;
  IF o.id IS NOT NULL THEN
    PERFORM set_config('app.org_id', o.id::text, true);
    SELECT * INTO m FROM memberships WHERE memberships.org_id = o.id AND memberships.user_id = u.id;
  END IF;
  RETURN QUERY SELECT u.id, u.email, u.email_verified, u.name, NULL::uuid, NULL::text[],
    o.id, o.slug, o.name, o.created_at, o.updated_at, m.id, m.role::text;
END $$;
GRANT EXECUTE ON FUNCTION app_open_request(text, text, text, boolean, text, text, text, text) TO orgraph_tenant;
