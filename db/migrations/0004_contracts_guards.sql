-- Contracts and fiches de liaison, guarded in the database too (custom migration: drizzle-kit can't express triggers).
-- A signed contract changes only through its life cycle and avenants: its content, dates and PAP rows are frozen
-- (the résultat / bilan columns stay open); an avenant adds a PAP version, the earlier versions are never changed
-- or removed. A sent fiche keeps its request. An attachment's bytes never change.
CREATE TRIGGER `contracts_signed_frozen` BEFORE UPDATE OF `person_id`, `type`, `orientation_date`, `orientation_id`, `orientation`, `start`, `duration_months`, `end`, `content`, `etat_civil`, `referent_identity`, `renewal_of_id` ON `contracts`
WHEN OLD.`status` <> 'brouillon'
BEGIN
	SELECT RAISE(ABORT, 'Contrat signé : il ne se modifie que par un avenant (fiche de liaison)');
END;
--> statement-breakpoint
CREATE TRIGGER `contract_paps_no_update` BEFORE UPDATE ON `contract_paps` BEGIN
	SELECT RAISE(ABORT, 'Une version du plan d’accompagnement ne se modifie pas');
END;
--> statement-breakpoint
CREATE TRIGGER `contract_paps_signed_no_delete` BEFORE DELETE ON `contract_paps`
WHEN (SELECT `status` FROM `contracts` WHERE `id` = OLD.`contract_id`) <> 'brouillon'
BEGIN
	SELECT RAISE(ABORT, 'Une version du plan d’accompagnement d’un contrat signé ne se supprime pas');
END;
--> statement-breakpoint
CREATE TRIGGER `contract_pap_actions_signed_no_update` BEFORE UPDATE OF `pap_id`, `position`, `theme`, `action_code`, `services`, `start`, `end`, `engagement_referent`, `engagement_beneficiaire`, `origin`, `carried_over`, `derogation_obtained` ON `contract_pap_actions`
WHEN (SELECT c.`status` FROM `contract_paps` p JOIN `contracts` c ON c.`id` = p.`contract_id` WHERE p.`id` = OLD.`pap_id`) <> 'brouillon'
BEGIN
	SELECT RAISE(ABORT, 'Contrat signé : son plan d’accompagnement ne se modifie que par un avenant');
END;
--> statement-breakpoint
CREATE TRIGGER `contract_pap_actions_signed_no_delete` BEFORE DELETE ON `contract_pap_actions`
WHEN (SELECT c.`status` FROM `contract_paps` p JOIN `contracts` c ON c.`id` = p.`contract_id` WHERE p.`id` = OLD.`pap_id`) <> 'brouillon'
BEGIN
	SELECT RAISE(ABORT, 'Contrat signé : son plan d’accompagnement ne se modifie que par un avenant');
END;
--> statement-breakpoint
CREATE TRIGGER `contract_pap_actions_signed_no_insert` BEFORE INSERT ON `contract_pap_actions`
WHEN (SELECT c.`status` FROM `contract_paps` p JOIN `contracts` c ON c.`id` = p.`contract_id` WHERE p.`id` = NEW.`pap_id`) <> 'brouillon'
	AND (SELECT p.`version` FROM `contract_paps` p WHERE p.`id` = NEW.`pap_id`)
		<= (SELECT c.`pap_version` FROM `contract_paps` p JOIN `contracts` c ON c.`id` = p.`contract_id` WHERE p.`id` = NEW.`pap_id`)
BEGIN
	SELECT RAISE(ABORT, 'Contrat signé : son plan d’accompagnement ne se modifie que par un avenant');
END;
--> statement-breakpoint
CREATE TRIGGER `fiches_liaison_sent_frozen` BEFORE UPDATE OF `person_id`, `type`, `date`, `contract_id`, `ede_id`, `content` ON `fiches_liaison`
WHEN OLD.`status` <> 'brouillon'
BEGIN
	SELECT RAISE(ABORT, 'Fiche de liaison envoyée : sa demande ne se modifie plus');
END;
--> statement-breakpoint
CREATE TRIGGER `attachment_blobs_no_update` BEFORE UPDATE ON `attachment_blobs` BEGIN
	SELECT RAISE(ABORT, 'Le contenu d’une pièce jointe ne se modifie pas');
END;
