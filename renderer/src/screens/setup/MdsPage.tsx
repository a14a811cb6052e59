import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { api, type Mds } from '../../../../shared/api/contract';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { Page } from '../../kit/Page';
import { TextInput } from '../../kit/fields';
import { ErrorSummary, applyApiFieldErrors } from '../../kit/formErrors';
import { useNotify } from '../../kit/notifications';
import { Loaded } from '../../kit/status';

const TITLE = 'La MDS';
const schema = api['mds.update'].input;
type MdsFormValues = z.input<typeof schema>;

/** The MDS's name, postal address and commune: the commune is the place its papers are made in (« Fait à Arras, le … »). */
export function MdsPage() {
  const mds = useApiQuery('mds.get', {});
  return (
    <Loaded title={TITLE} error={mds.error} loading={!mds.data} onRetry={mds.reload} what="de la MDS">
      {() => <MdsForm mds={mds.data!} />}
    </Loaded>
  );
}

function MdsForm({ mds }: { mds: Mds }) {
  const client = useApi();
  const notify = useNotify();
  const [apiError, setApiError] = useState<string>();
  const form = useForm<MdsFormValues, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { name: mds.name, address: mds.address ?? '', commune: mds.commune ?? '' },
  });
  const save = form.handleSubmit(async (values) => {
    setApiError(undefined);
    try {
      await client.call('mds.update', values);
      notify('Les informations de la MDS sont enregistrées.');
    } catch (e) {
      const error = toApiError(e);
      setApiError(error.message);
      applyApiFieldErrors(form.setError, error);
    }
  });
  return (
    <Page title={TITLE} subtitle={<Typography sx={{ mt: 1 }}>Territoire : {mds.territory}</Typography>}>
      <Stack component="form" noValidate spacing={2.5} sx={{ maxWidth: 640 }} onSubmit={save}>
        <ErrorSummary message={apiError} />
        <TextInput control={form.control} name="name" label="Nom de la MDS" required />
        <TextInput control={form.control} name="address" label="Adresse de la MDS" hint="Adresse postale" multiline minRows={2} />
        <TextInput control={form.control} name="commune" label="Commune" hint="Celle des documents : « Fait à Arras, le … »" />
        <div>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>
            Enregistrer
          </Button>
        </div>
      </Stack>
    </Page>
  );
}
