CREATE INDEX `import_rows_candidate_idx` ON `import_rows` (`candidate_person_id`);--> statement-breakpoint
CREATE INDEX `import_rows_foyer_idx` ON `import_rows` (`foyer_id`);--> statement-breakpoint
-- Custom part: a fiche de liaison ends the « radiation France Travail » item (a réorientation asked since): its
-- writes mark the person dirty like the other inputs of the échéancier (migration 0010).
CREATE TRIGGER `fiches_liaison_due_ai` AFTER INSERT ON `fiches_liaison` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
END;--> statement-breakpoint
CREATE TRIGGER `fiches_liaison_due_au` AFTER UPDATE OF `person_id`, `type`, `status`, `date` ON `fiches_liaison` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (NEW.`person_id`);
END;--> statement-breakpoint
CREATE TRIGGER `fiches_liaison_due_ad` AFTER DELETE ON `fiches_liaison` BEGIN
	INSERT OR IGNORE INTO `due_dirty` (`person_id`) VALUES (OLD.`person_id`);
END;
