ALTER TABLE `ep_decisions` ADD `signatory_name` text;--> statement-breakpoint
ALTER TABLE `ep_decisions` ADD `signatory_function` text;--> statement-breakpoint
ALTER TABLE `ep_decisions` ADD `signatory_delegation` text;