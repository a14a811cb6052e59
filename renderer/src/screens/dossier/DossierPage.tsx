import { useEffect } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import EditIcon from '@mui/icons-material/Edit';
import { SEXES, SITUATIONS_FAMILIALES, type Dossier } from '../../../../shared/api/dossier';
import { ROLE_IN_FOYER_LABELS } from '../../../../shared/api/labels';
import { DIPLOMA_LEVELS } from '../../../../shared/domain/referentials/diplomas';
import { useApiQuery } from '../../api/ApiContext';
import type { DossierSectionDef } from '../../kit/dossierSections';
import { formatAge } from '../../kit/format';
import { paths } from '../../kit/paths';
import { PersonDataExportButton } from '../../kit/PersonDataExport';
import { useCan } from '../../kit/permissions';
import { Page } from '../../kit/Page';
import { usePersonIdParam } from '../../kit/routeParams';
import { Loaded } from '../../kit/status';
import { AuditPanel } from './AuditPanel';
import { formatDate, personName } from '../../../../shared/domain/format';

/** The dossier of `:personId`; `sections` (the "Parcours", each brought by its capability) come from the shell. */
export function DossierPage({ sections }: { sections: readonly DossierSectionDef[] }) {
  const personId = usePersonIdParam();
  const query = useApiQuery('dossiers.get', { personId: personId ?? 0 }, { enabled: personId !== null });
  const canEdit = useCan('dossiers.update');
  const canSeeAudit = useCan('audit.forDossier');

  if (personId === null) {
    return (
      <Page title="Dossier introuvable">
        <Alert severity="error">Ce dossier n’existe pas.</Alert>
      </Page>
    );
  }
  return (
    <Loaded title="Dossier" error={query.error} loading={!query.data} onRetry={query.reload} what="du dossier">
      {() => <DossierView dossier={query.data!} sections={sections} canEdit={canEdit} canSeeAudit={canSeeAudit} />}
    </Loaded>
  );
}

function DossierView({
  dossier,
  sections,
  canEdit,
  canSeeAudit,
}: {
  dossier: Dossier;
  sections: readonly DossierSectionDef[];
  canEdit: boolean;
  canSeeAudit: boolean;
}) {
  const p = dossier.person;
  const name = personName(p);
  useSectionFocus();
  return (
    <Page
      title={`Dossier de ${name}`}
      heading={name}
      subtitle={<StatusChips dossier={dossier} />}
      actions={
        <>
          {canEdit ? (
            <Button variant="contained" startIcon={<EditIcon />} component={RouterLink} to={paths.editDossier(p.id)}>
              Modifier
            </Button>
          ) : null}
          <PersonDataExportButton personId={p.id} mdsId={dossier.foyer.mds.id} />
        </>
      }
    >
      <IdentityCard dossier={dossier} />
      <Typography variant="h2" sx={{ mt: 4, mb: 2 }}>
        Parcours
      </Typography>
      <Grid container spacing={2}>
        {sections.map((s) => (
          <Grid key={s.id} size={{ xs: 12, md: 6 }}>
            <Paper component="section" variant="outlined" aria-labelledby={`section-${s.id}`} sx={{ p: 2, height: '100%' }}>
              <Typography variant="h3" id={`section-${s.id}`} tabIndex={-1} sx={{ mb: 1 }}>
                {s.title}
              </Typography>
              {s.Component ? <s.Component personId={p.id} /> : <Typography color="text.secondary">{s.text}</Typography>}
            </Paper>
          </Grid>
        ))}
      </Grid>
      {canSeeAudit ? <AuditPanel personId={p.id} /> : null}
    </Page>
  );
}

/**
 * `?section=<id>` (a desk row, an échéance): once the page is shown — after the page has focused its h1 — the
 * section's heading is scrolled to and takes the focus, so the user starts where the link said.
 */
function useSectionFocus() {
  const [params] = useSearchParams();
  const section = params.get('section');
  useEffect(() => {
    if (!section) return;
    const heading = document.getElementById(`section-${section}`);
    if (!heading) return;
    heading.scrollIntoView?.({ block: 'start' });
    heading.focus({ preventScroll: true });
  }, [section]);
}

function StatusChips({ dossier }: { dossier: Dossier }) {
  const p = dossier.person;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1, flexWrap: 'wrap' }} aria-label="Statut du dossier" role="list">
      <Chip role="listitem" label={ROLE_IN_FOYER_LABELS[p.roleInFoyer]} color="primary" variant="outlined" />
      <Chip
        role="listitem"
        label={p.referent ? `Référent : ${p.referent.displayName}` : 'Sans référent'}
        color={p.referent ? 'success' : 'warning'}
        variant="outlined"
      />
      {dossier.foyer.rsaDepuis ? (
        <Chip role="listitem" label={`RSA depuis le ${formatDate(dossier.foyer.rsaDepuis)}`} variant="outlined" />
      ) : null}
      {p.peNumber ? <Chip role="listitem" label="Inscrit(e) à France Travail (ex-Pôle Emploi)" variant="outlined" /> : null}
    </Stack>
  );
}

function IdentityCard({ dossier }: { dossier: Dossier }) {
  const p = dossier.person;
  const f = dossier.foyer;
  const diploma = DIPLOMA_LEVELS.find((l) => l.code === p.niveauFormation)?.label;
  const address = [f.address.line1, f.address.line2, `${f.address.postalCode} ${f.address.city}`].filter(Boolean).join(', ');
  const rows: [string, string][] = [
    ['Nom d’usage', p.nomUsage ? p.nomUsage.toUpperCase() : '—'],
    ['Nom patronymique', p.nomPatronymique.toUpperCase()],
    ['Prénoms', p.prenoms],
    ['Sexe', SEXES[p.sexe]],
    ['Date de naissance', `${formatDate(p.dateNaissance)} (${formatAge(p.dateNaissance)})`],
    ['N° allocataire CAF', f.cafNumber],
    ['N° France Travail (ex-Pôle Emploi)', p.peNumber ?? '—'],
    ['Référent', p.referent?.displayName ?? 'Non désigné'],
    ['Correspondant', p.correspondant?.displayName ?? 'Non désigné'],
    ['MDS', f.mds.name],
    ['Situation familiale', SITUATIONS_FAMILIALES[f.situationFamiliale]],
    ['Adresse', address],
    ['Téléphone', p.telephone ?? '—'],
    ['Portable', p.portable ?? '—'],
    ['Adresse e-mail', p.email ?? '—'],
    ['Niveau de formation', diploma ?? 'Non renseigné'],
    [
      'Enfants à charge',
      f.enfants.length === 0 ? 'Aucun' : f.enfants.map((c) => `${c.prenom} (${formatDate(c.dateNaissance)})`).join(', '),
    ],
  ];
  return (
    <Paper component="section" variant="outlined" aria-labelledby="identity-title" sx={{ p: { xs: 2, md: 3 } }}>
      <Typography variant="h2" id="identity-title" sx={{ mb: 2 }}>
        Identité et foyer
      </Typography>
      <Box
        component="dl"
        sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'max-content 1fr max-content 1fr' }, columnGap: 3, rowGap: 1, m: 0 }}
      >
        {rows.map(([term, value]) => (
          <Box key={term} sx={{ display: 'contents' }}>
            <Box component="dt" sx={{ fontWeight: 700 }}>
              {term}
            </Box>
            <Box component="dd" sx={{ m: 0 }}>
              {value}
            </Box>
          </Box>
        ))}
      </Box>
      {dossier.others.length > 0 ? (
        <Typography sx={{ mt: 2 }}>
          {dossier.others.map((o) => (
            <span key={o.id}>
              {ROLE_IN_FOYER_LABELS[o.roleInFoyer]} :{' '}
              <Link component={RouterLink} to={paths.dossier(o.id)}>
                {personName(o)}
              </Link>{' '}
            </span>
          ))}
        </Typography>
      ) : null}
    </Paper>
  );
}
