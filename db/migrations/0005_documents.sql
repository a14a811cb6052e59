CREATE TABLE `ep_attendance` (
	`session_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`status` text NOT NULL,
	`replaced_by` text,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`session_id`, `member_id`),
	FOREIGN KEY (`session_id`) REFERENCES `ep_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `ep_members`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ep_attendance_replaced_check" CHECK("ep_attendance"."status" <> 'remplace' OR "ep_attendance"."replaced_by" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE `ep_avis` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`saisine_id` integer NOT NULL,
	`date` text NOT NULL,
	`sens` text NOT NULL,
	`motivation` text NOT NULL,
	`proposed_sanction` text,
	`late` integer NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `ep_session_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`saisine_id`) REFERENCES `ep_saisines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ep_avis_item_id_unique` ON `ep_avis` (`item_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ep_avis_saisine_id_unique` ON `ep_avis` (`saisine_id`);--> statement-breakpoint
CREATE TABLE `ep_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`saisine_id` integer NOT NULL,
	`date` text NOT NULL,
	`sens` text NOT NULL,
	`commentaire` text,
	`effect` text NOT NULL,
	`orientation` text,
	`organisme_name` text,
	`correspondant_name` text,
	`orientation_id` integer,
	`recorded_by` integer NOT NULL,
	`recorded_by_name` text NOT NULL,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `ep_session_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`saisine_id`) REFERENCES `ep_saisines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ep_decisions_item_id_unique` ON `ep_decisions` (`item_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ep_decisions_saisine_id_unique` ON `ep_decisions` (`saisine_id`);--> statement-breakpoint
CREATE TABLE `ep_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ep_id` integer NOT NULL,
	`name` text NOT NULL,
	`function` text NOT NULL,
	`organisation` text NOT NULL,
	`is_president` integer DEFAULT false NOT NULL,
	`substitute_name` text,
	`substitute_function` text,
	`address` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`ep_id`) REFERENCES `eps`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ep_members_ep_idx` ON `ep_members` (`ep_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ep_members_one_president_idx` ON `ep_members` (`ep_id`) WHERE "ep_members"."is_president" = 1 AND "ep_members"."active" = 1;--> statement-breakpoint
CREATE TABLE `ep_sanctions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`decision_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`kind` text NOT NULL,
	`start` text NOT NULL,
	`couple` integer NOT NULL,
	`dependants` integer NOT NULL,
	`resources_cents` integer,
	`schedule_json` text NOT NULL,
	`rsa_amounts_version` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`decision_id`) REFERENCES `ep_decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ep_sanctions_dependants_check" CHECK("ep_sanctions"."dependants" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ep_sanctions_decision_id_unique` ON `ep_sanctions` (`decision_id`);--> statement-breakpoint
CREATE INDEX `ep_sanctions_person_idx` ON `ep_sanctions` (`person_id`);--> statement-breakpoint
CREATE TABLE `ep_session_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`saisine_id` integer NOT NULL,
	`position` integer NOT NULL,
	`slot_start` text,
	`status` text DEFAULT 'inscrit' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`removal_reason` text,
	`removed_at` text,
	`removed_by` integer,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `ep_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`saisine_id`) REFERENCES `ep_saisines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`removed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ep_session_items_active_check" CHECK(("ep_session_items"."active" = 1) = ("ep_session_items"."status" = 'inscrit'))
);
--> statement-breakpoint
CREATE INDEX `ep_session_items_session_idx` ON `ep_session_items` (`session_id`);--> statement-breakpoint
CREATE INDEX `ep_session_items_saisine_idx` ON `ep_session_items` (`saisine_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ep_session_items_one_active_idx` ON `ep_session_items` (`saisine_id`) WHERE "ep_session_items"."active" = 1;--> statement-breakpoint
CREATE TABLE `ep_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ep_id` integer NOT NULL,
	`date` text NOT NULL,
	`place` text NOT NULL,
	`start_time` text NOT NULL,
	`cases_per_slot` integer NOT NULL,
	`slot_minutes` integer NOT NULL,
	`lunch_start` text,
	`lunch_end` text,
	`status` text DEFAULT 'creee' NOT NULL,
	`convocations_sent_on` text,
	`held_on` text,
	`closed_on` text,
	`created_by` integer NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`ep_id`) REFERENCES `eps`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ep_sessions_slots_check" CHECK("ep_sessions"."cases_per_slot" >= 1 AND "ep_sessions"."slot_minutes" >= 5)
);
--> statement-breakpoint
CREATE INDEX `ep_sessions_ep_date_idx` ON `ep_sessions` (`ep_id`,`date`);--> statement-breakpoint
CREATE TABLE `eps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`territory` text NOT NULL,
	`name` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `eps_territory_unique` ON `eps` (`territory`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`person_id` integer NOT NULL,
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
CREATE INDEX `documents_person_idx` ON `documents` (`person_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `documents_source_idx` ON `documents` (`source_entity`,`source_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `documents_final_input_uq` ON `documents` (`kind`,`source_entity`,`source_id`,`input_hash`) WHERE is_final = 1;