import { useForm, type FieldPath } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { accountInputSchema, mdsInputSchema } from '../../../../shared/api/contract';
import type { RecoveryIssued } from '../../../../shared/api/recovery';
import { toApiError, useApi } from '../../api/ApiContext';
import { useDocumentTitle } from '../../kit/Page';
import { TextInput } from '../../kit/fields';
import { applyApiFieldErrors } from '../../kit/formErrors';
import { useStepWizard } from '../../kit/useStepWizard';
import { RestoreBackupPanel } from '../../kit/RestoreBackup';
import { WizardButtons, WizardForm, WizardSteps } from '../../kit/Wizard';

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
type MdsInput = z.output<typeof mdsInputSchema>;

const STEPS = [
  { label: 'La MDS', heading: 'Étape 1 sur 3 : la Maison du Département Solidarité' },
  { label: 'Le premier administrateur', heading: 'Étape 2 sur 3 : le premier compte administrateur' },
  { label: 'Récapitulatif', heading: 'Étape 3 sur 3 : vérifiez avant de créer' },
] as const;

const STEP_FIELDS: FieldPath<SetupFormValues>[][] = [
  ['mds.name', 'mds.territory', 'mds.address', 'mds.commune'],
  ['admin.login', 'admin.displayName', 'admin.structure', 'admin.password', 'admin.passwordConfirm'],
  [],
];

export interface SetupWizardProps {
  /** Called once the MDS and the administrator exist, with the administrator's login, the recovery key (shown next) and the MDS. */
  onDone: (adminLogin: string, recovery: RecoveryIssued, mds: MdsInput) => void | Promise<void>;
  /** Called after a backup was restored instead (« Restaurer une sauvegarde »), with the administrator's login. */
  onRestored?: (adminLogin: string) => void;
}

/** First start: creates the MDS and its first administrator (`setup.create`). */
export function SetupWizard({ onDone, onRestored }: SetupWizardProps) {
  useDocumentTitle('Installation');
  const client = useApi();
  const form = useForm<SetupFormValues, unknown, z.output<typeof setupFormSchema>>({
    resolver: zodResolver(setupFormSchema),
    defaultValues: {
      mds: { name: '', territory: '', address: '', commune: '' },
      admin: { login: '', displayName: '', structure: '', password: '', passwordConfirm: '' },
    },
  });
  const { errors, isSubmitting } = form.formState;
  const wizard = useStepWizard({
    form,
    count: STEPS.length,
    fieldsOf: (s) => STEP_FIELDS[s] ?? [],
    stepOf: (path) => STEP_FIELDS.findIndex((fields) => fields.includes(path as FieldPath<SetupFormValues>)),
  });
  const { step, serverError: apiError } = wizard;

  const create = form.handleSubmit(async (values) => {
    wizard.setServerError(undefined);
    const { passwordConfirm: _confirm, ...admin } = values.admin;
    try {
      const { recovery } = await client.call('setup.create', { mds: values.mds, admin });
      await onDone(admin.login, recovery, values.mds);
    } catch (e) {
      const error = toApiError(e);
      wizard.setServerError(error.message);
      wizard.showErrorsAt(applyApiFieldErrors(form.setError, error));
    }
  });

  const values = form.getValues();

  return (
    <Box component="main" sx={{ maxWidth: 760, mx: 'auto', p: { xs: 2, md: 4 } }}>
      <Typography variant="h1" gutterBottom>
        Installation de Parcours RSA
      </Typography>
      <Typography sx={{ mb: 3 }}>
        Bienvenue. Avant la première utilisation, décrivez la MDS et créez le compte de son premier administrateur.
      </Typography>
      <WizardSteps wizard={wizard} labels={STEPS.map((s) => s.label)} label="Étapes de l’installation" alternativeLabel={false} />
      <WizardForm
        wizard={wizard}
        heading={STEPS[step]?.heading}
        onSubmit={wizard.onSubmit(create)}
        summary={{ message: apiError, errors: apiError ? wizard.stepErrors(errors) : [] }}
        actions={
          <WizardButtons
            wizard={wizard}
            submitLabel={!wizard.isLast ? 'Suivant' : isSubmitting ? 'Création en cours…' : 'Créer la MDS et le compte'}
            pending={isSubmitting}
          />
        }
      >
        {step === 0 ? (
          <Stack spacing={2.5}>
            <TextInput control={form.control} name="mds.name" label="Nom de la MDS" required autoFocus />
            <TextInput control={form.control} name="mds.territory" label="Territoire" required hint="Par exemple : Territoire Nord-Est" />
            <TextInput control={form.control} name="mds.address" label="Adresse de la MDS" hint="Adresse postale" multiline minRows={2} />
            <TextInput control={form.control} name="mds.commune" label="Commune" hint="Celle des documents : « Fait à Arras, le … »" />
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
            <Recap term="Commune" value={String(values.mds.commune ?? '').trim() || 'À renseigner plus tard (Administration › La MDS)'} />
            <Recap term="Identifiant de l’administrateur" value={values.admin.login} />
            <Recap term="Nom" value={values.admin.displayName} />
            <Recap term="Structure" value={values.admin.structure} />
            <Recap term="Mot de passe" value="Défini (masqué)" />
          </Box>
        ) : null}
        {step === 2 ? (
          <Box sx={{ mt: 3 }}>
            <Typography variant="h3" component="h3" gutterBottom>
              Ensuite, à saisir d’abord
            </Typography>
            <Box component="ol" sx={{ m: 0, pl: 3 }}>
              <li>les organismes référents, dont France Travail (ex-Pôle Emploi) : Administration › Organismes référents ;</li>
              <li>les comptes des référents et des correspondants SLAI : Administration › Comptes utilisateurs ;</li>
              <li>l’équipe pluridisciplinaire, son président et ses membres : Équipes pluridisciplinaires › Équipe.</li>
            </Box>
            <Typography sx={{ mt: 1 }}>La page Administration › Premiers pas indique ce qui reste à saisir.</Typography>
          </Box>
        ) : null}
      </WizardForm>
      <Box sx={{ mt: 6 }}>
        <RestoreBackupPanel onRestored={(login) => onRestored?.(login)} />
      </Box>
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
