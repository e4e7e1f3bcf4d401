-- The change journal (0034) also covers what an import writes beside the records themselves: the old
-- system's numbers (import_keys, 0031) and the data-fix tasks a customer master file opens (care_tasks).
-- Without them a run that opened tasks could not be undone (the tasks refer to its customers) and an undo
-- left its keys behind. Children of the customers they refer to: journal.ts lists them last.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['import_keys', 'care_tasks'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
      || 'FOR EACH STATEMENT EXECUTE FUNCTION app_import_journal()', t || '_import_journal_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows '
      || 'FOR EACH STATEMENT EXECUTE FUNCTION app_import_journal()', t || '_import_journal_update', t);
  END LOOP;
END $$;
