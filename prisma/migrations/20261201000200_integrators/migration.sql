-- Integrators (README, "For integrators"): API keys rotated with an overlap
-- and limited one by one, retries made safe with Idempotency-Key, and the
-- invitation limits moved to the rate limiter (src/limits.ts).

-- Rotation: a key has its current secret and at most one previous one, which
-- works until previous_secret_expires_at (set with it: rotateApiKey) and is
-- then refused as rotated. Each
-- secret's last use is kept (last_used_at stays the key's last use with any).
ALTER TABLE "api_keys"
  ADD COLUMN "secret_last_used_at" TIMESTAMPTZ(3),
  ADD COLUMN "previous_secret_hash" TEXT,
  ADD COLUMN "previous_secret_expires_at" TIMESTAMPTZ(3),
  ADD COLUMN "previous_secret_last_used_at" TIMESTAMPTZ(3),
  ADD COLUMN "rotated_at" TIMESTAMPTZ(3),
  -- A key's own request limit, below the operator's ceiling (createApiKey
  -- checks it); null: the ceiling. (No CHECK constraints: Prisma's schema
  -- engine can't read them through the pg adapter, test/schema-agreement.test.ts.)
  ADD COLUMN "rate_limit_per_second" INTEGER,
  ADD COLUMN "rate_limit_burst" INTEGER;
UPDATE "api_keys" SET "secret_last_used_at" = "last_used_at";

-- The first answer to a mutation sent with an Idempotency-Key, per caller
-- ('user:<id>' or 'key:<public id>') and active organization (none for a user
-- acting outside one), for 24 hours. Only a keyed hash of the header is kept.
-- `sealed` holds an answer with a secret (a new API key's) encrypted under the
-- header and the server's secret, only until that answer has been delivered.
CREATE TABLE "idempotent_requests" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  "org_id" UUID,
  "caller" TEXT NOT NULL,
  "key_hash" TEXT NOT NULL,
  "request_hash" TEXT NOT NULL,
  "response" JSONB,
  "sealed" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "idempotent_requests_key" UNIQUE NULLS NOT DISTINCT ("org_id", "caller", "key_hash"),
  CONSTRAINT "idempotent_requests_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "idempotent_requests_created_at_idx" ON "idempotent_requests"("created_at");

CREATE FUNCTION app_caller() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT COALESCE('key:' || app_api_key(), 'user:' || app_user_id()::text) $$;
GRANT EXECUTE ON FUNCTION app_caller() TO orgraph_tenant;

GRANT SELECT, INSERT, UPDATE, DELETE ON "idempotent_requests" TO orgraph_tenant;
ALTER TABLE "idempotent_requests" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY own_requests ON "idempotent_requests"
  USING (org_id IS NOT DISTINCT FROM (SELECT app_org_id()) AND caller = (SELECT app_caller()))
  WITH CHECK (org_id IS NOT DISTINCT FROM (SELECT app_org_id()) AND caller = (SELECT app_caller()));

-- Answers older than 24 hours go, whoever's they are (a caller may never come
-- back): a few at a time, from every claim of a new key (src/idempotency.ts),
-- through a function that runs as the owner; FORCE makes the owner obey the
-- policies too, so it gets one of its own, for expired rows only.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_forgets_expired ON "idempotent_requests" TO %I
    USING (created_at < now() - interval ''24 hours'')', current_user);
END $$;
CREATE FUNCTION app_forget_expired_requests() RETURNS void LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path FROM CURRENT AS $$
  DELETE FROM idempotent_requests WHERE id IN (
    SELECT id FROM idempotent_requests WHERE created_at < now() - interval '24 hours'
    ORDER BY created_at LIMIT 100 FOR UPDATE SKIP LOCKED)
$$;
REVOKE EXECUTE ON FUNCTION app_forget_expired_requests() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_forget_expired_requests() TO orgraph_tenant;

-- Invitation limits are counted by the rate limiter now.
DROP TABLE "invitation_sends";

-- app_open_request, as in 20261201000000, now also telling why a key is
-- refused when the presented secret is one of its own (revoked, expired,
-- rotated), accepting the previous secret during its grace period, recording
-- each secret's last use (at most once a minute), and returning the key's limit.
DROP FUNCTION app_open_request(text, text, text, boolean, text, text, text, text);
CREATE FUNCTION app_open_request(
  p_issuer text, p_subject text, p_email text, p_email_verified boolean, p_name text,
  p_key_public_id text, p_key_secret_hash text, p_slug text
) RETURNS TABLE (
  user_id uuid, user_email text, user_email_verified boolean, user_name text,
  api_key_id uuid, api_key_scopes text[], api_key_refused text,
  api_key_rate_per_second integer, api_key_rate_burst integer,
  org_id uuid, org_slug text, org_name text, org_created_at timestamptz(3), org_updated_at timestamptz(3),
  membership_id uuid, membership_role text
) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  k api_keys%ROWTYPE;
  u users%ROWTYPE;
  o organizations%ROWTYPE;
  m memberships%ROWTYPE;
  current_secret boolean;
BEGIN
  IF p_key_public_id IS NOT NULL THEN
    PERFORM set_config('app.api_key', p_key_public_id, true);
    SELECT * INTO k FROM api_keys WHERE public_id = p_key_public_id;
    current_secret := FOUND AND p_key_secret_hash IS NOT NULL AND k.secret_hash = p_key_secret_hash;
    IF NOT current_secret
        AND (NOT FOUND OR p_key_secret_hash IS NULL OR k.previous_secret_hash IS DISTINCT FROM p_key_secret_hash) THEN
      RETURN; -- not a secret of this key
    END IF;
    IF k.revoked_at IS NOT NULL OR k.expires_at <= now()
        OR (NOT current_secret AND k.previous_secret_expires_at <= now()) THEN
      RETURN QUERY SELECT NULL::uuid, NULL::text, NULL::boolean, NULL::text, NULL::uuid, NULL::text[],
        CASE WHEN k.revoked_at IS NOT NULL THEN 'revoked' WHEN k.expires_at <= now() THEN 'expired' ELSE 'rotated' END,
        NULL::integer, NULL::integer, NULL::uuid, NULL::text, NULL::text, NULL::timestamptz(3), NULL::timestamptz(3),
        NULL::uuid, NULL::text;
      RETURN;
    END IF;
    PERFORM set_config('app.org_id', k.org_id::text, true);
    IF current_secret AND (k.secret_last_used_at IS NULL OR k.secret_last_used_at < now() - interval '1 minute') THEN
      UPDATE api_keys SET last_used_at = now(), secret_last_used_at = now() WHERE id = k.id;
    ELSIF NOT current_secret
        AND (k.previous_secret_last_used_at IS NULL OR k.previous_secret_last_used_at < now() - interval '1 minute') THEN
      UPDATE api_keys SET last_used_at = now(), previous_secret_last_used_at = now() WHERE id = k.id;
    END IF;
    SELECT * INTO o FROM organizations WHERE id = k.org_id;
    RETURN QUERY SELECT NULL::uuid, NULL::text, NULL::boolean, NULL::text, k.id, k.scopes::text[], NULL::text,
      k.rate_limit_per_second, k.rate_limit_burst,
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
  RETURN QUERY SELECT u.id, u.email, u.email_verified, u.name, NULL::uuid, NULL::text[], NULL::text,
    NULL::integer, NULL::integer,
    o.id, o.slug, o.name, o.created_at, o.updated_at, m.id, m.role::text;
END $$;
GRANT EXECUTE ON FUNCTION app_open_request(text, text, text, boolean, text, text, text, text) TO orgraph_tenant;
