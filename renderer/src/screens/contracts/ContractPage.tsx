import { useId, useState, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
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
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { formatDateTime, formatIsoDate } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { paths } from '../../app/routes';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Page } from '../../components/Page';
import { fichePaths } from '../fiches/paths';
import { BilanForm } from './BilanForm';
import { Loaded, validId } from './ContractWizardPage';
import { EtatCivilList, etatCivilName } from './EtatCivil';
import { LIFECYCLE_LABELS, LifecycleDialog, type LifecycleKind } from './LifecycleDialogs';
import { Term } from './PapEditor';
import { themeLabel } from './papModel';
import { contractPaths } from './paths';

type ChipColor = 'default' | 'primary' | 'success' | 'warning' | 'error' | 'info';
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
export function ContractPage() {
  const contractId = validId(useParams().contractId);
  const query = useApiQuery('contracts.get', { contractId: contractId ?? 0 }, { enabled: contractId !== null });
  if (contractId === null) {
    return (
      <Page title="Contrat introuvable">
        <Alert severity="error">Ce contrat n’existe pas.</Alert>
      </Page>
    );
  }
  return (
    <Loaded title="Contrat" error={query.error} loading={!query.data} onRetry={query.reload} what="du contrat">
      {() => <ContractDetails key={query.data!.id} initial={query.data!} />}
    </Loaded>
  );
}

function ContractDetails({ initial }: { initial: ContractView }) {
  const client = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const [contract, setContract] = useState(initial);
  const [dialog, setDialog] = useState<LifecycleKind | null>(null);
  const [editingBilan, setEditingBilan] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleteError, setDeleteError] = useState<string>();
  const [deleting, setDeleting] = useState(false);
  const c = contract;
  const can = (a: ContractView['allowedActions'][number]) => c.allowedActions.includes(a);
  const atTerm = c.status === 'en_cours' || c.status === 'echu';
  const outcomes = useApiQuery('contracts.outcomes', { contractId: c.id }, { enabled: atTerm });
  const seizesEp = outcomes.data?.outcomes.some((o) => o.kind === 'saisine_ep') ?? false;
  const name = etatCivilName(c.etatCivil);
  const title = `${c.type} de ${name}`;

  const lifecycleButtons: LifecycleKind[] = (['signer', 'transmettre', 'valider', 'rejeter', 'demarrer', 'echoir', 'clore', 'renouveler'] as const).filter((k) =>
    can(k),
  );

  const onDone = (view: ContractView, kind: LifecycleKind) => {
    setDialog(null);
    if (kind === 'renouveler') {
      notify('Le renouvellement est créé en brouillon : ajoutez-y les nouvelles actions.');
      void navigate(contractPaths.edit(view.id));
      return;
    }
    setContract(view);
    outcomes.reload();
    notify(`${LIFECYCLE_LABELS[kind]} : c’est enregistré. État du contrat : ${view.statusLabel}.`);
  };

  const remove = async () => {
    setDeleting(true);
    setDeleteError(undefined);
    try {
      await client.call('contracts.deleteDraft', { contractId: c.id, version: c.version });
      notify('Le brouillon du contrat est supprimé.');
      void navigate(paths.dossier(c.personId));
    } catch (e) {
      setDeleteError(toApiError(e).message);
    } finally {
      setDeleting(false);
    }
  };

  return (
    <Page
      title={title}
      subtitle={
        <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1, flexWrap: 'wrap', alignItems: 'center' }} role="list" aria-label="État du contrat">
          <Chip role="listitem" color={STATUS_COLORS[c.status]} label={`État : ${c.statusLabel}`} />
          <Chip role="listitem" variant="outlined" label={`Du ${formatIsoDate(c.start)} au ${formatIsoDate(c.end)} (${c.durationMonths} mois)`} />
          {c.renewalOfId ? <Chip role="listitem" variant="outlined" label="Renouvellement" /> : null}
        </Stack>
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
      <Typography sx={{ mb: 2 }}>
        <Link component={RouterLink} to={paths.dossier(c.personId)}>
          {`Dossier de ${name}`}
        </Link>
        {c.renewalOfId ? (
          <>
            {' · '}
            <Link component={RouterLink} to={contractPaths.contract(c.renewalOfId)}>
              Contrat précédent
            </Link>
          </>
        ) : null}
        {c.renewedById ? (
          <>
            {' · '}
            <Link component={RouterLink} to={contractPaths.contract(c.renewedById)}>
              Contrat de renouvellement
            </Link>
          </>
        ) : null}
      </Typography>
      {c.readOnly ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          {c.status === 'rejete'
            ? 'Ce contrat a été rejeté : il ne se modifie plus. Établissez un nouveau contrat.'
            : 'Contrat signé : il ne se modifie plus que par un avenant (fiche de liaison). Le résultat et le bilan des actions restent à saisir.'}
        </Alert>
      ) : null}
      {c.decision?.sens === 'rejete' ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          {`Rejeté par décision du Président le ${formatIsoDate(c.decision.date)}${c.decision.motif ? ` : ${c.decision.motif}` : ''}.`}
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

      <Section title="État civil">
        <EtatCivilList etatCivil={c.etatCivil} personId={c.personId} />
      </Section>
      <Section title="Plan d’action du contrat">
        <Dl>
          <Term term="Type" value={CONTRACT_TYPE_LABELS[c.type]} />
          <Term term="Orientation" value={`${ORIENTATION_LABELS[c.orientation.orientation]}, décision du ${formatIsoDate(c.orientation.date)}`} />
          <Term term="Objectif(s)" value={c.objectifs} />
          <Term term="Résultats escomptés" value={c.resultatsAttendus} />
          {c.emploisRecherches ? <Term term="Emploi(s) recherché(s)" value={c.emploisRecherches} /> : null}
        </Dl>
      </Section>
      {c.cerp ? <CerpSection cerp={c.cerp} /> : null}
      <PapSection contract={c} />
      {c.type === 'CERP' ? <SuiviEmploiSection lines={c.suiviEmploi} /> : null}
      <Section title="Partie réservée au référent">
        <Dl>
          <Term term="Référent" value={c.referentIdentity.displayName} />
          <Term term="Structure" value={c.referentIdentity.structure || 'Non renseignée'} />
          <Term term="Lieu du suivi" value={c.referent.lieuSuivi} />
          <Term term="Prochains rendez-vous" value={c.referent.prochainsRendezVous.map(formatIsoDate).join(', ') || 'Aucun'} />
        </Dl>
      </Section>
      <Section title="Remarques du bénéficiaire">
        <Typography sx={{ whiteSpace: 'pre-wrap' }}>{c.remarquesBeneficiaire || 'Aucune remarque.'}</Typography>
      </Section>
      <Section title="Signatures et décision du Président">
        <Dl>
          <Term term="Signature du référent" value={c.signatures.referent ? `${c.signatures.referent.nom}, le ${formatIsoDate(c.signatures.referent.date)}` : 'Non signé'} />
          <Term
            term="Signature du bénéficiaire"
            value={c.signatures.beneficiaire ? `${c.signatures.beneficiaire.nom}, le ${formatIsoDate(c.signatures.beneficiaire.date)}` : 'Non signé'}
          />
          <Term term="Transmis au SLAI" value={c.transmittedOn ? `le ${formatIsoDate(c.transmittedOn)}` : 'Non'} />
          <Term
            term="Décision du Président"
            value={
              c.decision
                ? `${c.decision.sens === 'valide' ? 'Validé' : 'Rejeté'} le ${formatIsoDate(c.decision.date)}${c.decision.par ? ` (enregistré par ${c.decision.par})` : ''}${c.decision.motif ? ` — motif : ${c.decision.motif}` : ''}`
                : 'En attente'
            }
          />
          {c.startedOn ? <Term term="En cours depuis le" value={formatIsoDate(c.startedOn)} /> : null}
          {c.endedOn ? <Term term="Fin constatée le" value={formatIsoDate(c.endedOn)} /> : null}
          {c.closureMotif ? <Term term="Motif de clôture" value={c.closureMotif} /> : null}
          {c.bilanGeneral ? <Term term="Bilan général" value={c.bilanGeneral} /> : null}
        </Dl>
      </Section>
      <Typography variant="body2" color="text.secondary">
        {`Créé le ${formatDateTime(c.createdAt)}, modifié le ${formatDateTime(c.updatedAt)}. Référentiel des actions : version ${c.referentials.actions}.`}
      </Typography>

      <LifecycleDialog kind={dialog} contract={c} seizesEp={seizesEp} onClose={() => setDialog(null)} onDone={onDone} />
      <ConfirmDialog
        open={confirmDelete}
        title="Supprimer ce brouillon ?"
        confirmLabel="Supprimer le brouillon"
        danger
        pending={deleting}
        error={deleteError}
        onConfirm={() => void remove()}
        onCancel={() => {
          setConfirmDelete(false);
          setDeleteError(undefined);
        }}
      >
        Le brouillon du contrat et son plan d’accompagnement seront supprimés. Cette action ne peut pas être annulée.
      </ConfirmDialog>
    </Page>
  );
}

function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <Paper component="section" variant="outlined" aria-labelledby={id} sx={{ p: { xs: 2, md: 3 }, mb: 3 }}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="h2" id={id}>
          {title}
        </Typography>
        {actions}
      </Stack>
      {children}
    </Paper>
  );
}

function Dl({ children }: { children: ReactNode }) {
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'max-content 1fr' }, columnGap: 3, rowGap: 0.75, m: 0 }}>
      {children}
    </Box>
  );
}

function Outcomes({ data }: { data: { end: string; solidarityMonths: number; outcomes: { kind: string; label: string; requirements: string[]; blockers: { message: string }[] }[] } }) {
  return (
    <Section title="À l’échéance du contrat">
      <Typography sx={{ mb: 1.5 }}>
        {`Le contrat prend fin le ${formatIsoDate(data.end)}.${data.solidarityMonths > 0 ? ` Suivi solidarité : ${data.solidarityMonths} mois.` : ''}`}
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
    </Section>
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
      : `Version ${v.version} : avenant${v.date ? ` du ${formatIsoDate(v.date)}` : ''}${v.motif ? ` (${v.motif})` : ''}`;
  return (
    <Section
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
    </Section>
  );
}

export function PapTable({ rows, caption = 'Actions du plan d’accompagnement' }: { rows: ContractView['pap']['actions']; caption?: string }) {
  if (rows.length === 0) return <Typography>Aucune action.</Typography>;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={caption}>
        <TableHead>
          <TableRow>
            <TableCell scope="col">N°</TableCell>
            <TableCell scope="col">Thème</TableCell>
            <TableCell scope="col">Action</TableCell>
            <TableCell scope="col">Services sollicités</TableCell>
            <TableCell scope="col">Période</TableCell>
            <TableCell scope="col">Engagements</TableCell>
            <TableCell scope="col">Résultat</TableCell>
            <TableCell scope="col">Bilan-commentaires</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r, i) => (
            <TableRow key={`${r.actionCode}-${i}`}>
              <TableCell>{i + 1}</TableCell>
              <TableCell>{themeLabel(r.theme)}</TableCell>
              <TableCell>
                {`${r.actionCode} — ${r.actionLabel}`}
                {r.carriedOver ? (
                  <Typography variant="body2" color="text.secondary">
                    Reprise du contrat précédent
                  </Typography>
                ) : null}
                {r.derogationObtained ? (
                  <Typography variant="body2" color="text.secondary">
                    Dérogation obtenue
                  </Typography>
                ) : null}
              </TableCell>
              <TableCell>{r.services.join(', ') || '—'}</TableCell>
              <TableCell>{`du ${formatIsoDate(r.start)} au ${formatIsoDate(r.end)}`}</TableCell>
              <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{`Référent : ${r.engagementReferent}\nBénéficiaire : ${r.engagementBeneficiaire}`}</TableCell>
              <TableCell>{r.resultat ? RESULTAT_LABELS[r.resultat] : 'Non renseigné'}</TableCell>
              <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{r.bilan ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function CerpSection({ cerp }: { cerp: NonNullable<ContractView['cerp']> }) {
  const sp = cerp.situationProfessionnelle;
  const inscriptions = Object.entries(cerp.situationEmploi.inscriptions)
    .filter(([, v]) => v)
    .map(([k]) => INSCRIPTION_LABELS[k as keyof typeof INSCRIPTION_LABELS]);
  return (
    <Section title="Situation professionnelle et métiers recherchés">
      <Dl>
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
      </Dl>
    </Section>
  );
}

function SuiviEmploiSection({ lines }: { lines: ContractView['suiviEmploi'] }) {
  return (
    <Section title="Fiche de suivi emploi">
      {lines.length === 0 ? (
        <Typography>Aucune offre d’emploi n’est inscrite.</Typography>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
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
                  <TableCell>{`${l.date ? `${formatIsoDate(l.date)} — ` : ''}${l.offre}`}</TableCell>
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
        </Box>
      )}
    </Section>
  );
}
