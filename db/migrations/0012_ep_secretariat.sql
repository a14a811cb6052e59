ALTER TABLE `eps` ADD `mds_id` integer REFERENCES mds(id);--> statement-breakpoint
-- Custom part: an existing EP is kept by the first MDS of its territory (the only one, in most installations).
UPDATE `eps` SET `mds_id` = (SELECT min(`id`) FROM `mds` WHERE `mds`.`territory` = `eps`.`territory`);
