import { useId, useRef } from 'react';
import { useFieldArray, useWatch, type FieldPath, type UseFormReturn } from 'react-hook-form';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { INSCRIPTION_LABELS, TYPES_CONTRAT_TRAVAIL } from '../../../../shared/api/contracts';
import { DIPLOMA_LEVELS } from '../../../../shared/domain/referentials/diplomas';
import { ROME_REFERENTIAL, findRomeDomain } from '../../../../shared/domain/referentials/rome';
import { RESULTAT_LABELS, RESULTATS } from '../../../../shared/domain/rules/pap';
import { RAISONNABLE_DEFINITION, RESULTAT_DEFINITIONS, suggestRaisonnable } from '../../../../shared/domain/rules/suivi-emploi';
import { CheckboxR, DateFieldR, SelectFieldR, TextFieldR, type Option } from '../../kit/formFields';
import { RomePicker } from './RomePicker';
import { emptyExperience, emptyMetier, emptySuiviLine, type ContractFormValues } from './contractFormModel';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Form = UseFormReturn<ContractFormValues, any, any>;
const f = (path: string) => path as FieldPath<ContractFormValues>;

const DIPLOMA_OPTIONS: Option[] = DIPLOMA_LEVELS.map((l) => ({ value: l.code, label: l.label }));
const CONTRAT_OPTIONS: Option[] = Object.entries(TYPES_CONTRAT_TRAVAIL).map(([value, label]) => ({ value, label }));
const DOMAIN_OPTIONS: Option[] = ROME_REFERENTIAL.data.domains.map((d) => ({ value: d.label, label: `${d.letter} — ${d.label}` }));
const RESULTAT_OPTIONS: Option[] = RESULTATS.map((r) => ({ value: r, label: RESULTAT_LABELS[r] }));

/** CERP: situation professionnelle (RQTH, formation, mobilité) and situation face à l’emploi (inscriptions, profil). */
export function SituationStep({ form }: { form: Form }) {
  const { control } = form;
  const experiences = useFieldArray({ control, name: 'cerp.situationEmploi.experiences' as 'suiviEmploi' });
  const addRef = useRef<HTMLButtonElement>(null);
  return (
    <Stack spacing={3}>
      <Box component="section" aria-labelledby="cerp-situation-pro">
        <Typography variant="h3" id="cerp-situation-pro" sx={{ mb: 1.5 }}>
          Situation professionnelle
        </Typography>
        <Grid container spacing={2.5}>
          <Grid size={{ xs: 12, md: 6 }}>
            <CheckboxR control={control} name={f('cerp.situationProfessionnelle.rqth')} label="Reconnu(e) travailleur handicapé (RQTH)" />
            <CheckboxR control={control} name={f('cerp.situationProfessionnelle.permisConduire')} label="Permis de conduire (B)" />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <SelectFieldR
              control={control}
              name={f('cerp.situationProfessionnelle.niveauFormation')}
              label="Niveau de formation"
              options={DIPLOMA_OPTIONS}
              emptyLabel="— Non renseigné —"
            />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextFieldR control={control} name={f('cerp.situationProfessionnelle.autresPermis')} label="Autres permis" />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextFieldR
              control={control}
              name={f('cerp.situationProfessionnelle.zoneGeographique')}
              label="Zone géographique privilégiée"
              hint="Mobilité géographique : communes, secteur, distance acceptée"
            />
          </Grid>
        </Grid>
      </Box>
      <Box component="section" aria-labelledby="cerp-situation-emploi">
        <Typography variant="h3" id="cerp-situation-emploi" sx={{ mb: 1.5 }}>
          Situation face à l’emploi
        </Typography>
        <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, mb: 2 }}>
          <Typography component="legend" sx={{ fontWeight: 700, mb: 0.5 }}>
            Inscriptions
          </Typography>
          <Grid container>
            {Object.entries(INSCRIPTION_LABELS).map(([key, label]) => (
              <Grid key={key} size={{ xs: 12, sm: 6, md: 3 }}>
                <CheckboxR control={control} name={f(`cerp.situationEmploi.inscriptions.${key}`)} label={label} />
              </Grid>
            ))}
          </Grid>
        </Box>
        <Typography variant="h4" component="h4" sx={{ mb: 1 }}>
          Profil professionnel
        </Typography>
        {experiences.fields.length === 0 ? <Typography sx={{ mb: 1 }}>Aucune expérience n’est encore décrite.</Typography> : null}
        <Stack spacing={2} component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }}>
          {experiences.fields.map((field, i) => (
            <Box component="li" key={field.id}>
              <RowPanel title={`Expérience ${i + 1}`}>
                <Grid container spacing={2}>
                  <Grid size={{ xs: 12, md: 6 }}>
                    <TextFieldR control={control} name={f(`cerp.situationEmploi.experiences.${i}.emploi`)} label="Emploi ou formation" required />
                  </Grid>
                  <Grid size={{ xs: 12, md: 6 }}>
                    <TextFieldR control={control} name={f(`cerp.situationEmploi.experiences.${i}.formation`)} label="Formation suivie" />
                  </Grid>
                  <Grid size={{ xs: 12 }}>
                    <TextFieldR
                      control={control}
                      name={f(`cerp.situationEmploi.experiences.${i}.competences`)}
                      label="Compétences et connaissances acquises"
                      multiline
                      minRows={2}
                    />
                  </Grid>
                  <Grid size={{ xs: 12, sm: 4 }}>
                    <SelectFieldR
                      control={control}
                      name={f(`cerp.situationEmploi.experiences.${i}.typeContrat`)}
                      label="Type de contrat"
                      options={CONTRAT_OPTIONS}
                      emptyLabel="— Non renseigné —"
                    />
                  </Grid>
                  <Grid size={{ xs: 12, sm: 4 }}>
                    <TextFieldR control={control} name={f(`cerp.situationEmploi.experiences.${i}.duree`)} label="Durée du contrat" />
                  </Grid>
                  <Grid size={{ xs: 12, sm: 4 }}>
                    <TextFieldR control={control} name={f(`cerp.situationEmploi.experiences.${i}.entreprise`)} label="Entreprise" />
                  </Grid>
                </Grid>
                <Button
                  color="error"
                  startIcon={<DeleteIcon />}
                  sx={{ mt: 1 }}
                  onClick={() => {
                    experiences.remove(i);
                    addRef.current?.focus();
                  }}
                >
                  {`Retirer l’expérience ${i + 1}`}
                </Button>
              </RowPanel>
            </Box>
          ))}
        </Stack>
        <Button
          ref={addRef}
          startIcon={<AddIcon />}
          sx={{ mt: 1.5 }}
          disabled={experiences.fields.length >= 30}
          onClick={() =>
            experiences.append(emptyExperience() as never, { focusName: `cerp.situationEmploi.experiences.${experiences.fields.length}.emploi` })
          }
        >
          Ajouter une expérience
        </Button>
      </Box>
    </Stack>
  );
}

/** CERP: deux métiers recherchés (ROME), and the conclusion of the interview. */
export function MetiersStep({ form }: { form: Form }) {
  const { control } = form;
  const metiers = useFieldArray({ control, name: 'cerp.metiers' as 'suiviEmploi' });
  const addRef = useRef<HTMLButtonElement>(null);
  return (
    <Stack spacing={3}>
      <Stack spacing={2} component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {metiers.fields.map((field, i) => (
          <Box component="li" key={field.id}>
            <RowPanel title={`Métier recherché ${i + 1}`}>
              <Grid container spacing={2}>
                <Grid size={{ xs: 12 }}>
                  <RomePicker control={control} name={f(`cerp.metiers.${i}.romeCode`)} label={`Code ROME du métier ${i + 1}`} required />
                </Grid>
                <Grid size={{ xs: 12, md: 6 }}>
                  <TextFieldR
                    control={control}
                    name={f(`cerp.metiers.${i}.caracteristiques`)}
                    label="Caractéristiques du métier recherché"
                    multiline
                    minRows={2}
                  />
                </Grid>
                <Grid size={{ xs: 12, md: 6 }}>
                  <TextFieldR control={control} name={f(`cerp.metiers.${i}.salaireAttendu`)} label="Salaire attendu" />
                </Grid>
                <Grid size={{ xs: 12, md: 6 }}>
                  <TextFieldR
                    control={control}
                    name={f(`cerp.metiers.${i}.marcheLocal`)}
                    label="Situation du marché du travail local"
                    multiline
                    minRows={2}
                  />
                </Grid>
                <Grid size={{ xs: 12, md: 6 }}>
                  <TextFieldR control={control} name={f(`cerp.metiers.${i}.avisReferent`)} label="Avis du référent" multiline minRows={2} />
                </Grid>
              </Grid>
              {metiers.fields.length > 1 ? (
                <Button
                  color="error"
                  startIcon={<DeleteIcon />}
                  sx={{ mt: 1 }}
                  onClick={() => {
                    metiers.remove(i);
                    addRef.current?.focus();
                  }}
                >
                  {`Retirer le métier ${i + 1}`}
                </Button>
              ) : null}
            </RowPanel>
          </Box>
        ))}
      </Stack>
      {metiers.fields.length < 2 ? (
        <Box>
          <Button
            ref={addRef}
            startIcon={<AddIcon />}
            onClick={() => metiers.append(emptyMetier() as never, { focusName: `cerp.metiers.${metiers.fields.length}.romeCode` })}
          >
            Ajouter un second métier recherché
          </Button>
        </Box>
      ) : null}
      <TextFieldR
        control={control}
        name={f('cerp.conclusion')}
        label="Plan d’accompagnement professionnel : conclusion de l’entretien"
        multiline
        minRows={3}
      />
    </Stack>
  );
}

/** CERP, bilan complémentaire: one row per offre d’emploi proposée. */
export function SuiviEmploiEditor({ form, name = 'suiviEmploi' }: { form: Form; name?: 'suiviEmploi' }) {
  const { control, setValue } = form;
  const lines = useFieldArray({ control, name });
  const values = useWatch({ control, name });
  const metiers = useWatch({ control, name: 'cerp.metiers' as 'suiviEmploi' }) as unknown as { romeCode: string }[] | undefined;
  const addRef = useRef<HTMLButtonElement>(null);
  return (
    <Stack spacing={2}>
      <Typography color="text.secondary">{RAISONNABLE_DEFINITION}</Typography>
      {lines.fields.length === 0 ? <Typography>Aucune offre d’emploi n’est encore inscrite.</Typography> : null}
      <Stack spacing={2} component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {lines.fields.map((field, i) => {
          const line = values?.[i];
          const p = (k: string) => f(`${name}.${i}.${k}`);
          const suggestion =
            line && (line.romeCode || line.domaine)
              ? suggestRaisonnable(
                  { romeCode: line.romeCode, domaine: line.domaine },
                  { metiersRecherches: (metiers ?? []).map((m) => ({ romeCode: m.romeCode, domaine: findRomeDomain(m.romeCode.charAt(0))?.label ?? null })) },
                )
              : null;
          return (
            <Box component="li" key={field.id}>
              <RowPanel title={`Offre ${i + 1}`}>
                <Grid container spacing={2}>
                  <Grid size={{ xs: 12, sm: 4 }}>
                    <DateFieldR control={control} name={p('date')} label="Date de l’offre" />
                  </Grid>
                  <Grid size={{ xs: 12, sm: 8 }}>
                    <TextFieldR control={control} name={p('offre')} label="Offre d’emploi proposée" required />
                  </Grid>
                  <Grid size={{ xs: 12, md: 6 }}>
                    <RomePicker
                      control={control}
                      name={p('romeCode')}
                      label="Code ROME de l’offre"
                      onPicked={(code) => {
                        const domain = code ? findRomeDomain(code.charAt(0)) : undefined;
                        if (domain) setValue(p('domaine'), domain.label, { shouldDirty: true, shouldValidate: true });
                      }}
                    />
                  </Grid>
                  <Grid size={{ xs: 12, md: 6 }}>
                    <SelectFieldR control={control} name={p('domaine')} label="Domaine d’activité" required options={DOMAIN_OPTIONS} />
                  </Grid>
                  <Grid size={{ xs: 12 }}>
                    <CheckboxR
                      control={control}
                      name={p('raisonnable')}
                      label="Offre raisonnable"
                      hint={
                        suggestion === null
                          ? 'Elle correspond à ce que le contrat a défini.'
                          : suggestion
                            ? 'Suggestion : elle correspond à un métier recherché du contrat.'
                            : 'Suggestion : elle ne correspond à aucun métier recherché du contrat.'
                      }
                    />
                  </Grid>
                  <Grid size={{ xs: 12 }}>
                    <TextFieldR control={control} name={p('moyens')} label="Moyens mobilisés" required multiline minRows={2} />
                  </Grid>
                  <Grid size={{ xs: 12, sm: 4 }}>
                    <SelectFieldR
                      control={control}
                      name={p('resultat')}
                      label="Résultat"
                      required
                      nullable
                      options={RESULTAT_OPTIONS}
                      hint={line?.resultat ? RESULTAT_DEFINITIONS[line.resultat] : undefined}
                    />
                  </Grid>
                  <Grid size={{ xs: 12, sm: 8 }}>
                    <TextFieldR
                      control={control}
                      name={p('motif')}
                      label="Motif"
                      required={!!line?.resultat && line.resultat !== 'atteint'}
                      hint={line?.resultat === 'atteint' ? 'Facultatif : le résultat est atteint.' : 'Obligatoire sauf si le résultat est atteint.'}
                    />
                  </Grid>
                  <Grid size={{ xs: 12 }}>
                    <TextFieldR control={control} name={p('bilan')} label="Bilan-commentaires" multiline minRows={1} />
                  </Grid>
                </Grid>
                <Button
                  color="error"
                  startIcon={<DeleteIcon />}
                  sx={{ mt: 1 }}
                  onClick={() => {
                    lines.remove(i);
                    addRef.current?.focus();
                  }}
                >
                  {`Retirer l’offre ${i + 1}`}
                </Button>
              </RowPanel>
            </Box>
          );
        })}
      </Stack>
      <Box>
        <Button
          ref={addRef}
          startIcon={<AddIcon />}
          disabled={lines.fields.length >= 100}
          onClick={() => lines.append(emptySuiviLine(), { focusName: `${name}.${lines.fields.length}.offre` })}
        >
          Ajouter une offre d’emploi
        </Button>
      </Box>
    </Stack>
  );
}

/** A titled block (region) for one row of a repeated part. */
export function RowPanel({ title, children }: { title: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <Paper component="section" variant="outlined" aria-labelledby={id} sx={{ p: 2 }}>
      <Typography variant="h4" component="h4" id={id} sx={{ mb: 1.5 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}
