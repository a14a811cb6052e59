CREATE TABLE `appointments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`referent_user_id` integer,
	`date` text NOT NULL,
	`time` text NOT NULL,
	`place` text NOT NULL,
	`object` text NOT NULL,
	`with_convocation` integer NOT NULL,
	`convocation_document_id` integer,
	`outcome` text,
	`outcome_note` text,
	`outcome_recorded_at` text,
	`outcome_recorded_by_id` integer,
	`cancelled_at` text,
	`cancel_reason` text,
	`suspension_fiche_id` integer,
	`version` integer DEFAULT 0 NOT NULL,
	`created_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`referent_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`convocation_document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outcome_recorded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`suspension_fiche_id`) REFERENCES `fiches_liaison`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointments_person_date_idx` ON `appointments` (`person_id`,`date`);--> statement-breakpoint
CREATE INDEX `appointments_referent_date_idx` ON `appointments` (`referent_user_id`,`date`);--> statement-breakpoint
CREATE TABLE `desk_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `desk_visits` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`last_visit_at` text NOT NULL,
	`previous_visit_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `due_dirty` (
	`person_id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `due_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`mds_id` integer NOT NULL,
	`referent_user_id` integer,
	`correspondant_user_id` integer,
	`person_name` text NOT NULL,
	`person_sort` text NOT NULL,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`date` text NOT NULL,
	`title` text NOT NULL,
	`rule` text NOT NULL,
	`source_type` text,
	`source_id` integer,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `due_items_person_idx` ON `due_items` (`person_id`);--> statement-breakpoint
CREATE INDEX `due_items_mds_date_idx` ON `due_items` (`mds_id`,`date`);--> statement-breakpoint
CREATE INDEX `due_items_mds_severity_idx` ON `due_items` (`mds_id`,`severity`,`date`);--> statement-breakpoint
CREATE INDEX `due_items_referent_date_idx` ON `due_items` (`referent_user_id`,`date`);--> statement-breakpoint
CREATE INDEX `due_items_referent_severity_idx` ON `due_items` (`referent_user_id`,`severity`,`date`);--> statement-breakpoint
CREATE INDEX `due_items_mds_kind_idx` ON `due_items` (`mds_id`,`kind`,`date`);

-- Custom part: every change to what the échéancier of a dossier depends on marks the person dirty; the dispatcher
-- recomputes the dirty dossiers' due items before the write transaction commits (main/services/desk/due.ts).
--> statement-breakpoint
CREATE TRIGGER `persons_due_ai` AFTER INSERT ON `persons` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `persons_due_au` AFTER UPDATE OF `foyer_id`, `nom_patronymique`, `nom_usage`, `prenoms`, `referent_id`, `correspondant_id` ON `persons` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `foyers_due_au` AFTER UPDATE OF `mds_id`, `rsa_depuis` ON `foyers` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) SELECT `id` FROM `persons` WHERE `foyer_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `orientations_due_ai` AFTER INSERT ON `orientations` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `orientations_due_au` AFTER UPDATE ON `orientations` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `orientations_due_ad` AFTER DELETE ON `orientations` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `orientation_preconisations_due_ai` AFTER INSERT ON `orientation_preconisations` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `orientation_preconisations_due_au` AFTER UPDATE ON `orientation_preconisations` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `orientation_preconisations_due_ad` AFTER DELETE ON `orientation_preconisations` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `contracts_due_ai` AFTER INSERT ON `contracts` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `contracts_due_au` AFTER UPDATE ON `contracts` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `contracts_due_ad` AFTER DELETE ON `contracts` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ep_saisines_due_ai` AFTER INSERT ON `ep_saisines` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ep_saisines_due_au` AFTER UPDATE ON `ep_saisines` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ep_saisines_due_ad` AFTER DELETE ON `ep_saisines` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ep_sanctions_due_ai` AFTER INSERT ON `ep_sanctions` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ep_sanctions_due_au` AFTER UPDATE ON `ep_sanctions` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ep_sanctions_due_ad` AFTER DELETE ON `ep_sanctions` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `appointments_due_ai` AFTER INSERT ON `appointments` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `appointments_due_au` AFTER UPDATE ON `appointments` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `appointments_due_ad` AFTER DELETE ON `appointments` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ede_assessments_due_ai` AFTER INSERT ON `ede_assessments` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ede_assessments_due_au` AFTER UPDATE ON `ede_assessments` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ede_assessments_due_ad` AFTER DELETE ON `ede_assessments` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `dsp_revisions_due_ai` AFTER INSERT ON `dsp_revisions` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `dsp_revisions_due_au` AFTER UPDATE ON `dsp_revisions` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `dsp_revisions_due_ad` AFTER DELETE ON `dsp_revisions` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ep_avis_due_ai` AFTER INSERT ON `ep_avis` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) SELECT `person_id` FROM `ep_saisines` WHERE `id` = NEW.`saisine_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `ep_avis_due_au` AFTER UPDATE ON `ep_avis` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) SELECT `person_id` FROM `ep_saisines` WHERE `id` = NEW.`saisine_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `ep_avis_due_ad` AFTER DELETE ON `ep_avis` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) SELECT `person_id` FROM `ep_saisines` WHERE `id` = OLD.`saisine_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `ep_decisions_due_ai` AFTER INSERT ON `ep_decisions` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) SELECT `person_id` FROM `ep_saisines` WHERE `id` = NEW.`saisine_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `ep_decisions_due_au` AFTER UPDATE ON `ep_decisions` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) SELECT `person_id` FROM `ep_saisines` WHERE `id` = NEW.`saisine_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `ep_decisions_due_ad` AFTER DELETE ON `ep_decisions` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) SELECT `person_id` FROM `ep_saisines` WHERE `id` = OLD.`saisine_id`;
END;
