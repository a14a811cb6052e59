-- The audit journal is append-only (custom migration: drizzle-kit can't express triggers).
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN
	SELECT RAISE(ABORT, 'Le journal d’audit est en ajout seul');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN
	SELECT RAISE(ABORT, 'Le journal d’audit est en ajout seul');
END;
