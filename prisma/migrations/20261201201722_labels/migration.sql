-- Labels: an organization's own (written by npm run new:model; docs/adding-a-model.md).
-- All the database wall needs: keys to org-owned rows composite with org_id
-- (a row can only point inside its organization), indexes led by org_id,
-- row-level security enabled and forced with the isolation policy, the tenant
-- role's grants, and org_id immutable.
CREATE TABLE "labels" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "org_id" UUID NOT NULL,
  "name" TEXT NOT NULL,
  "color" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "labels_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "labels_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "labels_org_id_id_key" ON "labels"("org_id", "id");
CREATE INDEX "labels_org_id_created_at_id_idx" ON "labels"("org_id", "created_at" DESC, "id" DESC);

ALTER TABLE "labels" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON "labels"
  USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));
GRANT SELECT, INSERT, UPDATE, DELETE ON "labels" TO orgraph_tenant;
CREATE TRIGGER org_id_immutable BEFORE UPDATE OF org_id ON "labels" FOR EACH ROW EXECUTE FUNCTION forbid_org_id_change();

-- Tasks and labels, many-to-many: a link is org-owned too, keyed to both ends with org_id.
CREATE TABLE "task_labels" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "org_id" UUID NOT NULL,
  "task_id" UUID NOT NULL,
  "label_id" UUID NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "task_labels_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "task_labels_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "task_labels_org_id_task_id_fkey" FOREIGN KEY ("org_id", "task_id") REFERENCES "tasks"("org_id", "id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "task_labels_org_id_label_id_fkey" FOREIGN KEY ("org_id", "label_id") REFERENCES "labels"("org_id", "id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "task_labels_org_id_task_id_label_id_key" ON "task_labels"("org_id", "task_id", "label_id");
CREATE INDEX "task_labels_org_id_task_id_created_at_id_idx" ON "task_labels"("org_id", "task_id", "created_at" DESC, "id" DESC);
CREATE INDEX "task_labels_org_id_label_id_created_at_id_idx" ON "task_labels"("org_id", "label_id", "created_at" DESC, "id" DESC);

ALTER TABLE "task_labels" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON "task_labels"
  USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));
GRANT SELECT, INSERT, UPDATE, DELETE ON "task_labels" TO orgraph_tenant;
CREATE TRIGGER org_id_immutable BEFORE UPDATE OF org_id ON "task_labels" FOR EACH ROW EXECUTE FUNCTION forbid_org_id_change();
