-- The team lifecycle: invitations and memberships.

-- One pending invitation per org and email (inviting again renews it).
CREATE UNIQUE INDEX "invitations_org_id_email_key" ON "invitations"("org_id", "email") WHERE status = 'PENDING';

-- Every invitation email sent (created, renewed or resent), for the per-inviter
-- rate limit: counted across organizations, and kept when an org is deleted.
CREATE TABLE "invitation_sends" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "inviter_id" UUID NOT NULL,
  "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "invitation_sends_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "invitation_sends_inviter_id_fkey" FOREIGN KEY ("inviter_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "invitation_sends_inviter_id_sent_at_idx" ON "invitation_sends"("inviter_id", "sent_at");
GRANT SELECT, INSERT ON "invitation_sends" TO orgraph_tenant;
ALTER TABLE "invitation_sends" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY own_sends ON "invitation_sends"
  USING (inviter_id = (SELECT app_user_id())) WITH CHECK (inviter_id = (SELECT app_user_id()));

-- The holder of an invitation's token may read that invitation (to accept it,
-- or to learn it is addressed to someone else), whichever org is active.
CREATE FUNCTION app_invitation_token() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS
  $$ SELECT NULLIF(current_setting('app.invitation_token', true), '') $$;
GRANT EXECUTE ON FUNCTION app_invitation_token() TO orgraph_tenant;
CREATE POLICY held_token ON "invitations" FOR SELECT
  USING (token_hash = (SELECT app_invitation_token()));

-- An invitee answering an invitation may only move it from PENDING to ACCEPTED
-- or DECLINED; everything else about it is the organization's to change.
CREATE FUNCTION guard_invitation_response() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_user = 'orgraph_tenant' AND NEW.org_id IS DISTINCT FROM app_org_id() THEN
    IF OLD.status <> 'PENDING' OR NEW.status NOT IN ('ACCEPTED', 'DECLINED')
       OR NEW.email <> OLD.email OR NEW.role <> OLD.role OR NEW.token_hash <> OLD.token_hash
       OR NEW.expires_at <> OLD.expires_at OR NEW.invited_by_id IS DISTINCT FROM OLD.invited_by_id THEN
      RAISE EXCEPTION 'an invitee may only accept or decline a pending invitation'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER invitation_response_guard BEFORE UPDATE ON "invitations"
  FOR EACH ROW EXECUTE FUNCTION guard_invitation_response();

-- The invitee sees the inviting org's id, slug and name through any invitation
-- addressed to them, answered ones included.
CREATE OR REPLACE FUNCTION app_sees_org(org uuid) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = org AND m.user_id = app_user_id())
      OR EXISTS (SELECT 1 FROM invitations i WHERE i.org_id = org AND i.email = app_user_email())
      OR EXISTS (SELECT 1 FROM api_keys k WHERE k.org_id = org AND k.public_id = app_api_key());
END $$;

-- An invitee answering an invitation acts with their own rights only, never the
-- org's: they may join with the role of the invitation they just accepted, and
-- record their answer in the org's audit trail.
CREATE POLICY join_by_invitation ON "memberships" FOR INSERT
  WITH CHECK (
    user_id = (SELECT app_user_id())
    AND EXISTS (
      SELECT 1 FROM invitations i
      WHERE i.org_id = memberships.org_id AND i.email = (SELECT app_user_email())
        AND i.status = 'ACCEPTED' AND i.role = memberships.role
        AND i.responded_at > now() - interval '10 minutes'
    )
  );
CREATE POLICY record_answer ON "audit_events" FOR INSERT
  WITH CHECK (
    actor_id = (SELECT app_user_id())
    AND action IN ('invitation.accepted', 'invitation.declined')
    AND target_type = 'Invitation'
    AND EXISTS (
      SELECT 1 FROM invitations i
      WHERE i.id::text = audit_events.target_id AND i.org_id = audit_events.org_id
        AND i.email = (SELECT app_user_email())
    )
  );
