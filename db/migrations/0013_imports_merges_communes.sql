CREATE TABLE `ft_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`event` text NOT NULL,
	`date` text NOT NULL,
	`code` text,
	`motif` text,
	`batch_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ft_events_person_idx` ON `ft_events` (`person_id`,`date`);--> statement-breakpoint
CREATE INDEX `ft_events_event_idx` ON `ft_events` (`event`,`date`);--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`status` text NOT NULL,
	`counts_json` text NOT NULL,
	`mds_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`applied_at` text,
	`undone_at` text,
	`undone_by_id` integer,
	FOREIGN KEY (`mds_id`) REFERENCES `mds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`undone_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_batches_sha_idx` ON `import_batches` (`kind`,`file_sha256`);--> statement-breakpoint
CREATE INDEX `import_batches_created_idx` ON `import_batches` (`created_at`);--> statement-breakpoint
CREATE TABLE `import_mappings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`mapping_json` text NOT NULL,
	`mds_id` integer NOT NULL,
	`updated_by_id` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`mds_id`) REFERENCES `mds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_mappings_kind_source_idx` ON `import_mappings` (`mds_id`,`kind`,`source`);--> statement-breakpoint
CREATE TABLE `import_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`line` integer NOT NULL,
	`verdict` text NOT NULL,
	`reason` text,
	`data_json` text NOT NULL,
	`person_id` integer,
	`foyer_id` integer,
	`candidate_person_id` integer,
	`resolution` text,
	`before_json` text,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`foyer_id`) REFERENCES `foyers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_rows_batch_idx` ON `import_rows` (`batch_id`,`line`);--> statement-breakpoint
CREATE INDEX `import_rows_person_idx` ON `import_rows` (`person_id`);--> statement-breakpoint
CREATE TABLE `mds_communes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mds_id` integer NOT NULL,
	`insee_code` text NOT NULL,
	`postal_code` text NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`mds_id`) REFERENCES `mds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mds_communes_insee_idx` ON `mds_communes` (`insee_code`);--> statement-breakpoint
CREATE INDEX `mds_communes_postal_idx` ON `mds_communes` (`postal_code`);--> statement-breakpoint
CREATE INDEX `mds_communes_mds_idx` ON `mds_communes` (`mds_id`);--> statement-breakpoint
CREATE TABLE `person_merges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kept_person_id` integer NOT NULL,
	`merged_person_id` integer NOT NULL,
	`moved_json` text NOT NULL,
	`user_id` integer NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`kept_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `person_merges_merged_person_id_unique` ON `person_merges` (`merged_person_id`);--> statement-breakpoint
CREATE INDEX `person_merges_kept_idx` ON `person_merges` (`kept_person_id`);--> statement-breakpoint
ALTER TABLE `persons` ADD `ft_status` text;--> statement-breakpoint
ALTER TABLE `persons` ADD `ft_status_date` text;--> statement-breakpoint
ALTER TABLE `persons` ADD `merged_into_id` integer;