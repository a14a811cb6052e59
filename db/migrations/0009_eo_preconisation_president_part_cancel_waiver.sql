CREATE TABLE `orientation_preconisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`date` text NOT NULL,
	`team` text NOT NULL,
	`preconisation` text NOT NULL,
	`comment` text,
	`ede_id` integer,
	`batch_id` text,
	`recorded_by` integer NOT NULL,
	`recorded_by_name` text NOT NULL,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ede_id`) REFERENCES `ede_assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `orientation_preconisations_person_idx` ON `orientation_preconisations` (`person_id`,`date`);--> statement-breakpoint
ALTER TABLE `contracts` ADD `ede_waiver_reason` text;--> statement-breakpoint
ALTER TABLE `contracts` ADD `ede_waiver_by_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `contracts` ADD `ede_waiver_by_name` text;--> statement-breakpoint
ALTER TABLE `fiches_liaison` ADD `president_decision` text;--> statement-breakpoint
ALTER TABLE `fiches_liaison` ADD `president_reason` text;--> statement-breakpoint
ALTER TABLE `fiches_liaison` ADD `president_structure` text;--> statement-breakpoint
ALTER TABLE `fiches_liaison` ADD `president_date` text;--> statement-breakpoint
ALTER TABLE `fiches_liaison` ADD `president_signatory_name` text;--> statement-breakpoint
ALTER TABLE `fiches_liaison` ADD `president_signatory_function` text;--> statement-breakpoint
ALTER TABLE `fiches_liaison` ADD `president_signatory_delegation` text;--> statement-breakpoint
ALTER TABLE `fiches_liaison` ADD `president_recorded_by_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `fiches_liaison` ADD `president_recorded_at` text;--> statement-breakpoint
ALTER TABLE `orientations` ADD `preconisation_id` integer REFERENCES orientation_preconisations(id);--> statement-breakpoint
ALTER TABLE `orientations` ADD `divergence_reason` text;--> statement-breakpoint
ALTER TABLE `ep_sanctions` ADD `contract_signed_on` text;--> statement-breakpoint
ALTER TABLE `ep_sanctions` ADD `recomputed_at` text;--> statement-breakpoint
ALTER TABLE `ep_sanctions` ADD `previous_schedule_json` text;--> statement-breakpoint
ALTER TABLE `ep_sessions` ADD `cancelled_on` text;--> statement-breakpoint
ALTER TABLE `ep_sessions` ADD `cancel_reason` text;