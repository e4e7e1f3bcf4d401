-- A line's work kind is an invariant of the row, not a side effect: the triggers that fill it (0025) fire
-- in every session, including one with session_replication_role = replica (bulk loads such as the bench's
-- generator, which turn foreign-key triggers off), where an ordinary trigger would be skipped and the
-- NOT NULL column refuse the row.
ALTER TABLE "repair_order_lines" ENABLE ALWAYS TRIGGER "repair_order_lines_work";--> statement-breakpoint
ALTER TABLE "estimate_lines" ENABLE ALWAYS TRIGGER "estimate_lines_work";
