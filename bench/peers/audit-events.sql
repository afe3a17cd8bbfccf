-- 200 audit events per organization for the audit shape, after the harness's
-- seed.sql: project creations by its members in turn, one a minute.
INSERT INTO audit_events (org_id, action, actor_id, target_type, target_id, created_at)
SELECT m.org_id, 'project.created', m.user_id, 'Project', gen_random_uuid()::text,
       now() - make_interval(mins => n)
  FROM generate_series(1, 200) AS n
  JOIN LATERAL (SELECT org_id, user_id, row_number() OVER (PARTITION BY org_id ORDER BY user_id) AS k FROM memberships) m
    ON m.k = 1 + n % 50;
