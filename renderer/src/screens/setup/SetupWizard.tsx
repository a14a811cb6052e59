import { useEffect, useRef, useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { accountInputSchema, mdsInputSchema } from '../../../../shared/api/contract';
import { toApiError, useApi } from '../../api/ApiContext';
import { useDocumentTitle } from '../../components/Page';
import { TextInput } from '../../components/fields';
import { ErrorSummary, applyApiFieldErrors, flattenFieldErrors } from '../../components/formErrors';

export const setupFormSchema = z
  .object({
    mds: mdsInputSchema,
    admin: accountInputSchema.omit({ role: true }).extend({ passwordConfirm: z.string() }),
  })
  .refine((v) => v.admin.password === v.admin.passwordConfirm, {
    path: ['admin', 'passwordConfirm'],
    message: 'Les deux mots de passe ne sont pas identiques',
  });

type SetupFormValues = z.input<typeof setupFormSchema>;

const STEPS = [
  { label: 'La MDS', heading: 'Étape 1 sur 3 : la Maison du Département Solidarité' },
  { label: 'Le premier administrateur', heading: 'Étape 2 sur 3 : le premier compte administrateur' },
  { label: 'Récapitulatif', heading: 'Étape 3 sur 3 : vérifiez avant de créer' },
] as const;

const STEP_FIELDS: FieldPath<SetupFormValues>[][] = [
  ['mds.name', 'mds.territory', 'mds.address'],
  ['admin.login', 'admin.displayName', 'admin.structure', 'admin.password', 'admin.passwordConfirm'],
  [],
];

export interface SetupWizardProps {
  /** Called once the MDS and the administrator exist, with the administrator's login. */
  onDone: (adminLogin: string) => void | Promise<void>;
}

/** First start: creates the MDS and its first administrator (`setup.create`). */
export function SetupWizard({ onDone }: SetupWizardProps) {
  useDocumentTitle('Installation');
  const client = useApi();
  const [step, setStep] = useState(0);
  const [apiError, setApiError] = useState<string>();
  const stepHeadingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const form = useForm<SetupFormValues, unknown, z.output<typeof setupFormSchema>>({
    resolver: zodResolver(setupFormSchema),
    defaultValues: {
      mds: { name: '', territory: '', address: '' },
      admin: { login: '', displayName: '', structure: '', password: '', passwordConfirm: '' },
    },
  });
  const { errors, isSubmitting } = form.formState;

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    stepHeadingRef.current?.focus();
  }, [step]);

  const next = async () => {
    const fields = STEP_FIELDS[step] ?? [];
    const valid = await form.trigger(fields, { shouldFocus: true });
    if (valid) setStep((s) => s + 1);
  };

  const create = form.handleSubmit(async (values) => {
    setApiError(undefined);
    const { passwordConfirm: _confirm, ...admin } = values.admin;
    try {
      await client.call('setup.create', { mds: values.mds, admin });
      await onDone(admin.login);
    } catch (e) {
      const error = toApiError(e);
      setApiError(error.message);
      const paths = applyApiFieldErrors(form.setError, error);
      const firstStep = STEP_FIELDS.findIndex((fields) => fields.some((f) => paths.includes(f)));
      if (firstStep >= 0) setStep(firstStep);
    }
  });

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (step < STEPS.length - 1) void next();
    else void create(e);
  };

  const values = form.getValues();
  const stepErrors = flattenFieldErrors(errors).filter((e) => (STEP_FIELDS[step] ?? []).includes(e.path as FieldPath<SetupFormValues>));

  return (
    <Box component="main" sx={{ maxWidth: 760, mx: 'auto', p: { xs: 2, md: 4 } }}>
      <Typography variant="h1" gutterBottom>
        Installation de Parcours RSA
      </Typography>
      <Typography sx={{ mb: 3 }}>
        Bienvenue. Avant la première utilisation, décrivez la MDS et créez le compte de son premier administrateur.
      </Typography>
      <Stepper activeStep={step} sx={{ mb: 3 }} aria-label="Étapes de l’installation">
        {STEPS.map((s) => (
          <Step key={s.label}>
            <StepLabel>{s.label}</StepLabel>
          </Step>
        ))}
      </Stepper>
      <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 } }}>
        <form onSubmit={onSubmit} noValidate aria-labelledby="setup-step-heading">
          <Typography variant="h2" id="setup-step-heading" ref={stepHeadingRef} tabIndex={-1} sx={{ mb: 2 }}>
            {STEPS[step]?.heading}
          </Typography>
          <ErrorSummary message={apiError} errors={apiError ? stepErrors : []} />
          {step === 0 ? (
            <Stack spacing={2.5}>
              <TextInput control={form.control} name="mds.name" label="Nom de la MDS" required autoFocus />
              <TextInput control={form.control} name="mds.territory" label="Territoire" required hint="Par exemple : Territoire Nord-Est" />
              <TextInput control={form.control} name="mds.address" label="Adresse de la MDS" multiline minRows={2} />
            </Stack>
          ) : null}
          {step === 1 ? (
            <Stack spacing={2.5}>
              <TextInput
                control={form.control}
                name="admin.login"
                label="Identifiant"
                required
                autoComplete="off"
                hint="Lettres sans accent, chiffres, points ou tirets (ex. : m.dupont)"
              />
              <TextInput control={form.control} name="admin.displayName" label="Nom et prénom" required />
              <TextInput control={form.control} name="admin.structure" label="Structure" required hint="Par exemple : MDS de Lens – SLAI" />
              <TextInput
                control={form.control}
                name="admin.password"
                label="Mot de passe"
                type="password"
                required
                autoComplete="new-password"
                hint="10 caractères au moins. Il protège l’accès aux données : ne le communiquez pas."
              />
              <TextInput
                control={form.control}
                name="admin.passwordConfirm"
                label="Confirmation du mot de passe"
                type="password"
                required
                autoComplete="new-password"
              />
            </Stack>
          ) : null}
          {step === 2 ? (
            <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 1, m: 0 }}>
              <Recap term="Nom de la MDS" value={values.mds.name} />
              <Recap term="Territoire" value={values.mds.territory} />
              <Recap term="Adresse" value={String(values.mds.address ?? '').trim() || 'Non renseignée'} />
              <Recap term="Identifiant de l’administrateur" value={values.admin.login} />
              <Recap term="Nom" value={values.admin.displayName} />
              <Recap term="Structure" value={values.admin.structure} />
              <Recap term="Mot de passe" value="Défini (masqué)" />
            </Box>
          ) : null}
          <Stack direction="row" spacing={2} sx={{ mt: 3, justifyContent: 'flex-end' }}>
            {step > 0 ? (
              <Button onClick={() => setStep((s) => s - 1)} disabled={isSubmitting}>
                Précédent
              </Button>
            ) : null}
            <Button type="submit" variant="contained" disabled={isSubmitting}>
              {step < STEPS.length - 1 ? 'Suivant' : isSubmitting ? 'Création en cours…' : 'Créer la MDS et le compte'}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Box>
  );
}

function Recap({ term, value }: { term: string; value: string }) {
  return (
    <>
      <Box component="dt" sx={{ fontWeight: 700 }}>
        {term}
      </Box>
      <Box component="dd" sx={{ m: 0 }}>
        {value.trim()}
      </Box>
    </>
  );
}
