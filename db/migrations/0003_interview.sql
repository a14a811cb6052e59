CREATE TABLE `attachment_blobs` (
	`attachment_id` integer PRIMARY KEY NOT NULL,
	`data` blob NOT NULL,
	FOREIGN KEY (`attachment_id`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`owner_type` text NOT NULL,
	`owner_id` integer NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`document_date` text,
	`label` text,
	`created_by_id` integer,
	`created_by_login` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_owner_idx` ON `attachments` (`owner_type`,`owner_id`);--> statement-breakpoint
CREATE INDEX `attachments_person_id_idx` ON `attachments` (`person_id`);--> statement-breakpoint
CREATE TABLE `contract_pap_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pap_id` integer NOT NULL,
	`position` integer NOT NULL,
	`theme` text NOT NULL,
	`action_code` text NOT NULL,
	`services` text NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	`engagement_referent` text NOT NULL,
	`engagement_beneficiaire` text NOT NULL,
	`resultat` text,
	`bilan` text,
	`origin` text NOT NULL,
	`carried_over` integer DEFAULT false NOT NULL,
	`derogation_obtained` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`pap_id`) REFERENCES `contract_paps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contract_pap_actions_pap_position_uq` ON `contract_pap_actions` (`pap_id`,`position`);--> statement-breakpoint
CREATE INDEX `contract_pap_actions_code_idx` ON `contract_pap_actions` (`action_code`);--> statement-breakpoint
CREATE TABLE `contract_paps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_id` integer NOT NULL,
	`version` integer NOT NULL,
	`origin` text NOT NULL,
	`fiche_id` integer,
	`avenant_date` text,
	`avenant_motif` text,
	`actions_referential_version` integer NOT NULL,
	`created_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`fiche_id`) REFERENCES `fiches_liaison`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contract_paps_contract_version_uq` ON `contract_paps` (`contract_id`,`version`);--> statement-breakpoint
CREATE TABLE `contracts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`orientation_id` integer,
	`orientation_date` text NOT NULL,
	`orientation` text NOT NULL,
	`start` text NOT NULL,
	`duration_months` integer NOT NULL,
	`end` text NOT NULL,
	`renewal_of_id` integer,
	`pap_version` integer DEFAULT 1 NOT NULL,
	`content` text NOT NULL,
	`suivi_emploi` text NOT NULL,
	`etat_civil` text NOT NULL,
	`referent_identity` text NOT NULL,
	`referentials` text NOT NULL,
	`signature_referent_nom` text,
	`signature_referent_date` text,
	`signature_beneficiaire_nom` text,
	`signature_beneficiaire_date` text,
	`signed_on` text,
	`transmitted_on` text,
	`decided_on` text,
	`decided_by_id` integer,
	`rejection_motif` text,
	`started_on` text,
	`ended_on` text,
	`closure_motif` text,
	`bilan_general` text,
	`created_by_id` integer,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`renewal_of_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contracts_person_id_idx` ON `contracts` (`person_id`);--> statement-breakpoint
CREATE INDEX `contracts_status_idx` ON `contracts` (`status`);--> statement-breakpoint
CREATE INDEX `contracts_renewal_of_id_idx` ON `contracts` (`renewal_of_id`);--> statement-breakpoint
CREATE TABLE `ep_saisines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`origin` text NOT NULL,
	`theme` text NOT NULL,
	`date` text NOT NULL,
	`avis_deadline` text NOT NULL,
	`status` text DEFAULT 'en_attente' NOT NULL,
	`fiche_id` integer,
	`ede_id` integer,
	`contract_id` integer,
	`pap_id` integer,
	`attachment_ids` text NOT NULL,
	`cible` text,
	`suspension_motif` text,
	`created_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fiche_id`) REFERENCES `fiches_liaison`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pap_id`) REFERENCES `contract_paps`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ep_saisines_person_id_idx` ON `ep_saisines` (`person_id`);--> statement-breakpoint
CREATE INDEX `ep_saisines_status_idx` ON `ep_saisines` (`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `ep_saisines_fiche_id_uq` ON `ep_saisines` (`fiche_id`);--> statement-breakpoint
CREATE INDEX `ep_saisines_contract_id_idx` ON `ep_saisines` (`contract_id`);--> statement-breakpoint
CREATE TABLE `fiches_liaison` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`date` text NOT NULL,
	`contract_id` integer,
	`ede_id` integer,
	`content` text NOT NULL,
	`administratif` text NOT NULL,
	`referentials` text NOT NULL,
	`sent_on` text,
	`answer_decision` text,
	`answer_date` text,
	`answer_text` text,
	`answered_by_id` integer,
	`answered_by_name` text,
	`closed_on` text,
	`structure_feedback` text,
	`created_by_id` integer,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fiches_liaison_person_id_idx` ON `fiches_liaison` (`person_id`);--> statement-breakpoint
CREATE INDEX `fiches_liaison_status_sent_idx` ON `fiches_liaison` (`status`,`sent_on`);--> statement-breakpoint
CREATE INDEX `fiches_liaison_contract_id_idx` ON `fiches_liaison` (`contract_id`);--> statement-breakpoint
CREATE TABLE `dsp_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`number` integer NOT NULL,
	`content_json` text NOT NULL,
	`referential_version` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "dsp_revisions_number_check" CHECK("dsp_revisions"."number" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dsp_revisions_person_number_idx` ON `dsp_revisions` (`person_id`,`number`);--> statement-breakpoint
CREATE TABLE `ede_assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`date` text NOT NULL,
	`grid_version` integer NOT NULL,
	`answers_json` text NOT NULL,
	`total` integer NOT NULL,
	`proposal` text NOT NULL,
	`score_json` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ede_assessments_total_check" CHECK("ede_assessments"."total" >= 0)
);
--> statement-breakpoint
CREATE INDEX `ede_assessments_person_date_idx` ON `ede_assessments` (`person_id`,`date`);--> statement-breakpoint
CREATE TABLE `foyer_resources` (
	`foyer_id` integer PRIMARY KEY NOT NULL,
	`household_resources_cents` integer NOT NULL,
	`resources_date` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_by` integer NOT NULL,
	FOREIGN KEY (`foyer_id`) REFERENCES `foyers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "foyer_resources_amount_check" CHECK("foyer_resources"."household_resources_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE `organismes_referents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`address` text,
	`telephone` text,
	`email` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `orientation_referents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisme_id` integer NOT NULL,
	`name` text NOT NULL,
	`telephone` text,
	`email` text,
	`user_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organisme_id`) REFERENCES `organismes_referents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `orientation_referents_organisme_idx` ON `orientation_referents` (`organisme_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `orientation_referents_user_idx` ON `orientation_referents` (`user_id`);--> statement-breakpoint
CREATE TABLE `orientations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`decision_date` text NOT NULL,
	`orientation` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`organisme_id` integer NOT NULL,
	`organisme_name` text NOT NULL,
	`organisme_type` text NOT NULL,
	`referent_id` integer,
	`referent_name` text,
	`referent_user_id` integer,
	`correspondant_id` integer NOT NULL,
	`correspondant_name` text NOT NULL,
	`motif` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisme_id`) REFERENCES `organismes_referents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`referent_id`) REFERENCES `orientation_referents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`referent_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`correspondant_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "orientations_period_check" CHECK("orientations"."end_date" IS NULL OR "orientations"."end_date" >= "orientations"."start_date")
);
--> statement-breakpoint
CREATE INDEX `orientations_person_idx` ON `orientations` (`person_id`,`start_date`);--> statement-breakpoint
CREATE UNIQUE INDEX `orientations_one_open_per_person_idx` ON `orientations` (`person_id`) WHERE "orientations"."end_date" IS NULL;--> statement-breakpoint
CREATE TABLE `person_incomes` (
	`person_id` integer PRIMARY KEY NOT NULL,
	`has_professional_activity` integer NOT NULL,
	`monthly_income_cents` integer NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_by` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "person_incomes_amount_check" CHECK("person_incomes"."monthly_income_cents" >= 0)
);
