-- Workbooks (issue 12): an import covers every sheet of its file. The sheets, their kinds, mappings and
-- progress are held with the import (jsonb, read and written whole with it); an error names its sheet,
-- since row numbers are per sheet. Older imports read as one sheet (sheets = '[]', errors of sheet 0).
ALTER TABLE "import_jobs" ADD COLUMN "sheets" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "import_errors" ADD COLUMN "sheet" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
DROP INDEX IF EXISTS "import_errors_import_idx";--> statement-breakpoint
CREATE INDEX "import_errors_import_idx" ON "import_errors" USING btree ("tenant_id","import_id","sheet","row_no");
