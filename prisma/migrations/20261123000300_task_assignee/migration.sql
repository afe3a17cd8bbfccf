-- Tasks reach their assignee's user row directly (one query for a page of
-- tasks); tasks_org_id_assignee_id_fkey still requires them to be a member.
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_id_fkey"
  FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
