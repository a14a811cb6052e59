CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`user_id` integer,
	`user_login` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`action` text NOT NULL,
	`before_json` text,
	`after_json` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `children` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`foyer_id` integer NOT NULL,
	`prenom` text NOT NULL,
	`date_naissance` text NOT NULL,
	FOREIGN KEY (`foyer_id`) REFERENCES `foyers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `children_foyer_id_idx` ON `children` (`foyer_id`);--> statement-breakpoint
CREATE TABLE `drafts` (
	`user_id` integer NOT NULL,
	`key` text NOT NULL,
	`data_json` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`user_id`, `key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `foyers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`caf_number` text NOT NULL,
	`rsa_depuis` text,
	`situation_familiale` text NOT NULL,
	`address_line1` text NOT NULL,
	`address_line2` text,
	`postal_code` text NOT NULL,
	`city` text NOT NULL,
	`mds_id` integer NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`mds_id`) REFERENCES `mds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `foyers_caf_number_unique` ON `foyers` (`caf_number`);--> statement-breakpoint
CREATE INDEX `foyers_mds_id_idx` ON `foyers` (`mds_id`);--> statement-breakpoint
CREATE TABLE `mds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`territory` text NOT NULL,
	`address` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `persons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`foyer_id` integer NOT NULL,
	`role_in_foyer` text NOT NULL,
	`nom_patronymique` text NOT NULL,
	`nom_usage` text,
	`prenoms` text NOT NULL,
	`sexe` text NOT NULL,
	`date_naissance` text NOT NULL,
	`telephone` text,
	`portable` text,
	`email` text,
	`pe_number` text,
	`niveau_formation` text,
	`referent_id` integer,
	`correspondant_id` integer,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`foyer_id`) REFERENCES `foyers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`referent_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`correspondant_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `persons_foyer_id_idx` ON `persons` (`foyer_id`);--> statement-breakpoint
CREATE INDEX `persons_pe_number_idx` ON `persons` (`pe_number`);--> statement-breakpoint
CREATE INDEX `persons_referent_id_idx` ON `persons` (`referent_id`);--> statement-breakpoint
CREATE INDEX `persons_correspondant_id_idx` ON `persons` (`correspondant_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`login` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`structure` text NOT NULL,
	`mds_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`mds_id`) REFERENCES `mds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_login_unique` ON `users` (`login`);--> statement-breakpoint
CREATE INDEX `users_mds_id_idx` ON `users` (`mds_id`);