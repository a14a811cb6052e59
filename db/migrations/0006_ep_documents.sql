PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`person_id` integer,
	`source_entity` text NOT NULL,
	`source_id` integer NOT NULL,
	`source_version` integer NOT NULL,
	`input_hash` text NOT NULL,
	`title` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text DEFAULT 'application/pdf' NOT NULL,
	`copies` integer DEFAULT 1 NOT NULL,
	`page_count` integer NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`pdf` blob NOT NULL,
	`is_final` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by` integer,
	`created_by_name` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_documents`("id", "kind", "person_id", "source_entity", "source_id", "source_version", "input_hash", "title", "file_name", "mime", "copies", "page_count", "sha256", "size", "pdf", "is_final", "created_at", "created_by", "created_by_name") SELECT "id", "kind", "person_id", "source_entity", "source_id", "source_version", "input_hash", "title", "file_name", "mime", "copies", "page_count", "sha256", "size", "pdf", "is_final", "created_at", "created_by", "created_by_name" FROM `documents`;--> statement-breakpoint
DROP TABLE `documents`;--> statement-breakpoint
ALTER TABLE `__new_documents` RENAME TO `documents`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `documents_person_idx` ON `documents` (`person_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `documents_source_idx` ON `documents` (`source_entity`,`source_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `documents_final_input_uq` ON `documents` (`kind`,`source_entity`,`source_id`,`input_hash`) WHERE is_final = 1;