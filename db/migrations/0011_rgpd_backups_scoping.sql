CREATE TABLE `backups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`folder` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`counts_json` text NOT NULL,
	`verified_at` text NOT NULL,
	`user_id` integer,
	`removed_at` text
);
--> statement-breakpoint
CREATE INDEX `backups_at_idx` ON `backups` (`at`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `anonymised_at` text;--> statement-breakpoint
ALTER TABLE `foyers` ADD `purged_at` text;--> statement-breakpoint
ALTER TABLE `persons` ADD `purged_at` text;--> statement-breakpoint
ALTER TABLE `organismes_referents` ADD `mds_id` integer REFERENCES mds(id);--> statement-breakpoint
-- Custom part. The journal stays append-only, with one exception for the RGPD purge: a line's before/after values may
-- be anonymised once (anonymised_at set in the same UPDATE); every other column stays as written.
DROP TRIGGER `audit_log_no_update`;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
WHEN NOT (
	NEW.`id` IS OLD.`id` AND NEW.`at` IS OLD.`at` AND NEW.`user_id` IS OLD.`user_id` AND NEW.`user_login` IS OLD.`user_login`
	AND NEW.`entity` IS OLD.`entity` AND NEW.`entity_id` IS OLD.`entity_id` AND NEW.`action` IS OLD.`action`
	AND OLD.`anonymised_at` IS NULL AND NEW.`anonymised_at` IS NOT NULL
)
BEGIN
	SELECT RAISE(ABORT, 'Le journal d’audit est en ajout seul');
END;--> statement-breakpoint
-- Organismes référents belong to an MDS: on a database with one MDS, the existing ones are its own.
UPDATE `organismes_referents` SET `mds_id` = (SELECT `id` FROM `mds`) WHERE (SELECT count(*) FROM `mds`) = 1;
