CREATE TABLE `identity_exclusions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_a_id` integer NOT NULL,
	`person_b_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`person_a_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_b_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `identity_exclusions_pair_uq` ON `identity_exclusions` (`person_a_id`,`person_b_id`);--> statement-breakpoint
CREATE INDEX `identity_exclusions_b_idx` ON `identity_exclusions` (`person_b_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `partner` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `charte_signed_on` text;--> statement-breakpoint
ALTER TABLE `users` ADD `access_request_ref` text;--> statement-breakpoint
-- A partner référent's account is never active without the signed charte's date and the access request's reference.
CREATE TRIGGER `users_partner_activation_insert` BEFORE INSERT ON `users`
WHEN NEW.`partner` = 1 AND NEW.`active` = 1 AND (NEW.`charte_signed_on` IS NULL OR NEW.`access_request_ref` IS NULL OR trim(NEW.`access_request_ref`) = '')
BEGIN SELECT RAISE(ABORT, 'partner account without charte or access request'); END;--> statement-breakpoint
CREATE TRIGGER `users_partner_activation_update` BEFORE UPDATE ON `users`
WHEN NEW.`partner` = 1 AND NEW.`active` = 1 AND (NEW.`charte_signed_on` IS NULL OR NEW.`access_request_ref` IS NULL OR trim(NEW.`access_request_ref`) = '')
BEGIN SELECT RAISE(ABORT, 'partner account without charte or access request'); END;
