import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import EditIcon from '@mui/icons-material/Edit';
import {
  CONTRACT_TYPE_LABELS,
  INSCRIPTION_LABELS,
  TYPES_CONTRAT_TRAVAIL,
  type ContractView,
} from '../../../../shared/api/contracts';
import { DIPLOMA_LEVELS } from '../../../../shared/domain/referentials/diplomas';
import { ORIENTATION_LABELS } from '../../../../shared/domain/rules/orientation';
import { RESULTAT_LABELS } from '../../../../shared/domain/rules/pap';
import type { ContractStatus } from '../../../../shared/domain/rules/contracts';
import { useApi, useApiQuery } from '../../api/ApiContext';
import { useNotify } from '../../kit/notifications';
import { paths, fichePaths, contractPaths } from '../../kit/paths';
import { Page } from '../../kit/Page';
import { BilanForm } from './BilanForm';
import { DeleteDraftDialog, RecordChips, RecordLinks, recordPage, RecordSection, TermList, type ChipColor, type RecordProps } from '../../kit/RecordPage';
import { EtatCivilList } from '../../kit/EtatCivil';
import { LIFECYCLE_LABELS, LifecycleDialog, type LifecycleKind } from './LifecycleDialogs';
import { Term } from '../../kit/Term';
import { ScrollRegion } from '../../kit/ScrollRegion';
import { PapTable } from '../../kit/pap/PapTable';
import { formatDate, formatDateTime, personName } from '../../../../shared/domain/format';

export const STATUS_COLORS: Record<ContractStatus, ChipColor> = {
  brouillon: 'default',
  signe: 'info',
  transmis_slai: 'info',
  valide: 'primary',
  rejete: 'error',
  en_cours: 'success',
  echu: 'default',
  clos: 'default',
};

/** Route `/contrats/:contractId`: the contract, its état and the actions its état allows. */
export const ContractPage = recordPage(
  { param: 'contractId', method: 'contracts.get', input: (contractId) => ({ contractId }), title: 'Contrat', what: 'du contrat' },
  { title: 'Contrat introuvable', message: 'Ce contrat n’existe pas.' },
  ContractDetails,
);

function ContractDetails({ record: contract, onChange: setContract }: RecordProps<ContractView>) {
  const client = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const [dialog, setDialog] = useState<LifecycleKind | null>(null);
  const [editingBilan, setEditingBilan] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const c = contract;
  const can = (a: ContractView['allowedActions'][number]) => c.allowedActions.includes(a);
  const atTerm = c.status === 'en_cours' || c.status === 'echu';
  const outcomes = useApiQuery('contracts.outcomes', { contractId: c.id }, { enabled: atTerm });
  const seizesEp = outcomes.data?.outcomes.some((o) => o.kind === 'saisine_ep') ?? false;
  const name = personName(c.etatCivil);
  const title = `${c.type} de ${name}`;

  const lifecycleButtons: LifecycleKind[] = (['signer', 'transmettre', 'valider', 'rejeter', 'demarrer', 'echoir', 'clore', 'renouveler'] as const).filter((k) =>
    can(k),
  );

  const onDone = (view: ContractView, kind: LifecycleKind, notes: string[] = []) => {
    setDialog(null);
    if (kind === 'renouveler') {
      notify('Le renouvellement est créé en brouillon : ajoutez-y les nouvelles actions.');
      void navigate(contractPaths.edit(view.id));
      return;
    }
    setContract(view);
    outcomes.reload();
    notify([`${LIFECYCLE_LABELS[kind]} : c’est enregistré. État du contrat : ${view.statusLabel}.`, ...notes].join(' '));
  };

  return (
    <Page
      title={title}
      subtitle={
        <RecordChips
          label="État du contrat"
          status={{ text: `État : ${c.statusLabel}`, color: STATUS_COLORS[c.status] }}
          facts={[`Du ${formatDate(c.start)} au ${formatDate(c.end)} (${c.durationMonths} mois)`, !!c.renewalOfId && 'Renouvellement']}
        />
      }
      actions={
        <>
          {can('modifier') ? (
            <Button variant="contained" startIcon={<EditIcon />} component={RouterLink} to={contractPaths.edit(c.id)}>
              Modifier le brouillon
            </Button>
          ) : null}
          {lifecycleButtons.map((k) => (
            <Button key={k} variant={k === 'rejeter' ? 'outlined' : 'contained'} color={k === 'rejeter' ? 'error' : 'primary'} onClick={() => setDialog(k)}>
              {k === 'echoir' && seizesEp ? 'Clore et saisir l’EP' : LIFECYCLE_LABELS[k]}
            </Button>
          ))}
          {can('bilan') && !editingBilan ? (
            <Button variant="outlined" onClick={() => setEditingBilan(true)}>
              Saisir le bilan
            </Button>
          ) : null}
          {can('avenant') ? (
            <Button variant="outlined" component={RouterLink} to={fichePaths.newFiche(c.personId, { type: 'avenant', contractId: c.id })}>
              Avenant (fiche de liaison)
            </Button>
          ) : null}
          {can('supprimer') ? (
            <Button color="error" onClick={() => setConfirmDelete(true)}>
              Supprimer le brouillon
            </Button>
          ) : null}
        </>
      }
    >
      <RecordLinks
        links={[
          { to: paths.dossier(c.personId), text: `Dossier de ${name}` },
          !!c.renewalOfId && { to: contractPaths.contract(c.renewalOfId), text: 'Contrat précédent' },
          !!c.renewedById && { to: contractPaths.contract(c.renewedById), text: 'Contrat de renouvellement' },
        ]}
      />
      {c.readOnly ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          {c.status === 'rejete'
            ? 'Ce contrat a été rejeté : il ne se modifie plus. Établissez un nouveau contrat.'
            : 'Contrat signé : il ne se modifie plus que par un avenant (fiche de liaison). Le résultat et le bilan des actions restent à saisir.'}
        </Alert>
      ) : null}
      {c.edeBeforeSignature && can('signer') ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {`Avant la signature : ${c.edeBeforeSignature}`}
        </Alert>
      ) : null}
      {c.decision?.sens === 'rejete' ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          {`Rejeté par décision du Président le ${formatDate(c.decision.date)}${c.decision.motif ? ` : ${c.decision.motif}` : ''}.`}
        </Alert>
      ) : null}
      {c.epSaisineId ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          Le suivi solidarité a atteint douze mois : l’équipe pluridisciplinaire est saisie pour statuer sur la suite du parcours.
        </Alert>
      ) : null}
      {atTerm && outcomes.data ? <Outcomes data={outcomes.data} /> : null}
      {editingBilan ? (
        <BilanForm
          contract={c}
          onCancel={() => setEditingBilan(false)}
          onSaved={(view) => {
            setContract(view);
            setEditingBilan(false);
            outcomes.reload();
            notify('Le bilan est enregistré.');
          }}
        />
      ) : null}

      <RecordSection title="État civil">
        <EtatCivilList etatCivil={c.etatCivil} personId={c.personId} />
      </RecordSection>
      <RecordSection title="Plan d’action du contrat">
        <TermList>
          <Term term="Type" value={CONTRACT_TYPE_LABELS[c.type]} />
          <Term term="Orientation" value={`${ORIENTATION_LABELS[c.orientation.orientation]}, décision du ${formatDate(c.orientation.date)}`} />
          <Term term="Objectif(s)" value={c.objectifs} />
          <Term term="Résultats escomptés" value={c.resultatsAttendus} />
          {c.emploisRecherches ? <Term term="Emploi(s) recherché(s)" value={c.emploisRecherches} /> : null}
        </TermList>
      </RecordSection>
      {c.cerp ? <CerpSection cerp={c.cerp} /> : null}
      <PapSection contract={c} />
      {c.type === 'CERP' ? <SuiviEmploiSection lines={c.suiviEmploi} /> : null}
      <RecordSection title="Partie réservée au référent">
        <TermList>
          <Term term="Référent" value={c.referentIdentity.displayName} />
          <Term term="Structure" value={c.referentIdentity.structure || 'Non renseignée'} />
          <Term term="Lieu du suivi" value={c.referent.lieuSuivi} />
          <Term term="Prochains rendez-vous" value={c.referent.prochainsRendezVous.map((d: string) => formatDate(d)).join(', ') || 'Aucun'} />
        </TermList>
      </RecordSection>
      <RecordSection title="Remarques du bénéficiaire">
        <Typography sx={{ whiteSpace: 'pre-wrap' }}>{c.remarquesBeneficiaire || 'Aucune remarque.'}</Typography>
      </RecordSection>
      <RecordSection title="Signatures et décision du Président">
        <TermList>
          <Term term="Signature du référent" value={c.signatures.referent ? `${c.signatures.referent.nom}, le ${formatDate(c.signatures.referent.date)}` : 'Non signé'} />
          <Term
            term="Signature du bénéficiaire"
            value={c.signatures.beneficiaire ? `${c.signatures.beneficiaire.nom}, le ${formatDate(c.signatures.beneficiaire.date)}` : 'Non signé'}
          />
          {c.edeWaiver ? (
            <Term term="Signé sans échelle de distance à l’emploi" value={`Dérogation accordée par ${c.edeWaiver.byName} (administrateur) : ${c.edeWaiver.reason}`} />
          ) : null}
          <Term term="Transmis au SLAI" value={c.transmittedOn ? `le ${formatDate(c.transmittedOn)}` : 'Non'} />
          <Term
            term="Décision du Président"
            value={
              c.decision
                ? `${c.decision.sens === 'valide' ? 'Validé' : 'Rejeté'} le ${formatDate(c.decision.date)}${c.decision.par ? ` (enregistré par ${c.decision.par})` : ''}${c.decision.motif ? ` — motif : ${c.decision.motif}` : ''}`
                : 'En attente'
            }
          />
          {c.startedOn ? <Term term="En cours depuis le" value={formatDate(c.startedOn)} /> : null}
          {c.endedOn ? <Term term="Fin constatée le" value={formatDate(c.endedOn)} /> : null}
          {c.closureMotif ? <Term term="Motif de clôture" value={c.closureMotif} /> : null}
          {c.bilanGeneral ? <Term term="Bilan général" value={c.bilanGeneral} /> : null}
        </TermList>
      </RecordSection>
      <Typography variant="body2" color="text.secondary">
        {`Créé le ${formatDateTime(c.createdAt)}, modifié le ${formatDateTime(c.updatedAt)}. Référentiel des actions : version ${c.referentials.actions}.`}
      </Typography>

      <LifecycleDialog kind={dialog} contract={c} seizesEp={seizesEp} onClose={() => setDialog(null)} onDone={onDone} />
      <DeleteDraftDialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        onDelete={() => client.call('contracts.deleteDraft', { contractId: c.id, version: c.version })}
        deleted="Le brouillon du contrat est supprimé."
        personId={c.personId}
      >
        Le brouillon du contrat et son plan d’accompagnement seront supprimés. Cette action ne peut pas être annulée.
      </DeleteDraftDialog>
    </Page>
  );
}

function Outcomes({ data }: { data: { end: string; solidarityMonths: number; outcomes: { kind: string; label: string; requirements: string[]; blockers: { message: string }[] }[] } }) {
  return (
    <RecordSection title="À l’échéance du contrat">
      <Typography sx={{ mb: 1.5 }}>
        {`Le contrat prend fin le ${formatDate(data.end)}.${data.solidarityMonths > 0 ? ` Suivi solidarité : ${data.solidarityMonths} mois.` : ''}`}
      </Typography>
      <Stack spacing={1.5}>
        {data.outcomes.map((o) => (
          <Box key={o.kind}>
            <Typography sx={{ fontWeight: 700 }}>{o.label}</Typography>
            <Typography variant="body2">{`À fournir : ${o.requirements.join(' ; ')}.`}</Typography>
            {o.blockers.length > 0 ? (
              <Alert severity="warning" sx={{ mt: 1 }}>
                <Typography variant="body2" sx={{ fontWeight: 700 }}>
                  Reste à compléter :
                </Typography>
                <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
                  {[...new Set(o.blockers.map((b) => b.message))].map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              </Alert>
            ) : (
              <Typography variant="body2" color="success.main">
                Tous les bilans sont saisis.
              </Typography>
            )}
          </Box>
        ))}
      </Stack>
    </RecordSection>
  );
}

/** The PAP of the contract; the versions replaced by avenants stay readable. */
function PapSection({ contract }: { contract: ContractView }) {
  const [version, setVersion] = useState(contract.pap.version);
  const old = useApiQuery('contracts.papVersion', { contractId: contract.id, papVersion: version }, { enabled: version !== contract.pap.version });
  const pap = version === contract.pap.version ? contract.pap : old.data;
  const versionLabel = (v: ContractView['papVersions'][number]) =>
    v.origin === 'initial'
      ? `Version ${v.version} : plan initial`
      : `Version ${v.version} : avenant${v.date ? ` du ${formatDate(v.date)}` : ''}${v.motif ? ` (${v.motif})` : ''}`;
  return (
    <RecordSection
      title="Plan d’accompagnement – parcours personnalisé (PAP)"
      actions={
        contract.papVersions.length > 1 ? (
          <TextField
            select
            size="small"
            label="Version du PAP"
            value={String(version)}
            onChange={(e) => setVersion(Number(e.target.value))}
            sx={{ minWidth: 280 }}
          >
            {contract.papVersions.map((v) => (
              <MenuItem key={v.version} value={String(v.version)}>
                {`${versionLabel(v)}${v.version === contract.pap.version ? ' — en vigueur' : ''}`}
              </MenuItem>
            ))}
          </TextField>
        ) : null
      }
    >
      {version !== contract.pap.version ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          Version remplacée par un avenant : consultation seulement.
        </Alert>
      ) : null}
      {old.error && version !== contract.pap.version ? (
        <Alert severity="error" role="alert">
          {old.error.message}
        </Alert>
      ) : null}
      {pap ? (
        <>
          {pap.flags.map((flag) => (
            <Alert key={flag.path + flag.kind} severity="warning" sx={{ mb: 1 }}>
              {flag.message}
            </Alert>
          ))}
          <PapTable rows={pap.actions} />
        </>
      ) : (
        <Typography role="status">Chargement de la version…</Typography>
      )}
    </RecordSection>
  );
}

function CerpSection({ cerp }: { cerp: NonNullable<ContractView['cerp']> }) {
  const sp = cerp.situationProfessionnelle;
  const inscriptions = Object.entries(cerp.situationEmploi.inscriptions)
    .filter(([, v]) => v)
    .map(([k]) => INSCRIPTION_LABELS[k as keyof typeof INSCRIPTION_LABELS]);
  return (
    <RecordSection title="Situation professionnelle et métiers recherchés">
      <TermList>
        <Term term="Reconnu(e) travailleur handicapé" value={sp.rqth ? 'Oui' : 'Non'} />
        <Term term="Niveau de formation" value={DIPLOMA_LEVELS.find((l) => l.code === sp.niveauFormation)?.label ?? 'Non renseigné'} />
        <Term term="Permis de conduire" value={[sp.permisConduire ? 'Permis B' : 'Pas de permis B', sp.autresPermis].filter(Boolean).join(' ; ')} />
        <Term term="Zone géographique privilégiée" value={sp.zoneGeographique ?? 'Non renseignée'} />
        <Term term="Inscriptions" value={inscriptions.join(', ') || 'Aucune'} />
        <Term
          term="Profil professionnel"
          value={
            cerp.situationEmploi.experiences
              .map((e) =>
                [e.emploi, e.entreprise, e.typeContrat ? TYPES_CONTRAT_TRAVAIL[e.typeContrat as keyof typeof TYPES_CONTRAT_TRAVAIL] : undefined, e.duree, e.competences]
                  .filter(Boolean)
                  .join(' — '),
              )
              .join('\n') || 'Non décrit'
          }
        />
        {cerp.metiers.map((m, i) => (
          <Term
            key={m.romeCode}
            term={`Métier recherché ${i + 1}`}
            value={[
              `${m.romeCode} — ${m.romeLabel} (domaine ${m.domaine.letter} — ${m.domaine.label})`,
              m.caracteristiques ? `Caractéristiques : ${m.caracteristiques}` : '',
              m.salaireAttendu ? `Salaire attendu : ${m.salaireAttendu}` : '',
              m.marcheLocal ? `Marché du travail local : ${m.marcheLocal}` : '',
              m.avisReferent ? `Avis du référent : ${m.avisReferent}` : '',
            ]
              .filter(Boolean)
              .join('\n')}
          />
        ))}
        <Term term="Conclusion de l’entretien" value={cerp.conclusion ?? 'Non renseignée'} />
      </TermList>
    </RecordSection>
  );
}

function SuiviEmploiSection({ lines }: { lines: ContractView['suiviEmploi'] }) {
  return (
    <RecordSection title="Fiche de suivi emploi">
      {lines.length === 0 ? (
        <Typography>Aucune offre d’emploi n’est inscrite.</Typography>
      ) : (
        <ScrollRegion aria-label="Offres d’emploi proposées">
          <Table size="small" aria-label="Offres d’emploi proposées">
            <TableHead>
              <TableRow>
                <TableCell scope="col">Offre</TableCell>
                <TableCell scope="col">Raisonnable</TableCell>
                <TableCell scope="col">Domaine</TableCell>
                <TableCell scope="col">Moyens mobilisés</TableCell>
                <TableCell scope="col">Résultat</TableCell>
                <TableCell scope="col">Motif</TableCell>
                <TableCell scope="col">Bilan-commentaires</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {lines.map((l, i) => (
                <TableRow key={i}>
                  <TableCell>{`${l.date ? `${formatDate(l.date)} — ` : ''}${l.offre}`}</TableCell>
                  <TableCell>{l.raisonnable ? 'Oui' : 'Non'}</TableCell>
                  <TableCell>{l.romeCode ? `${l.domaine} (${l.romeCode})` : l.domaine}</TableCell>
                  <TableCell>{l.moyens}</TableCell>
                  <TableCell>{RESULTAT_LABELS[l.resultat]}</TableCell>
                  <TableCell>{l.motif ?? '—'}</TableCell>
                  <TableCell>{l.bilan ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollRegion>
      )}
    </RecordSection>
  );
}
