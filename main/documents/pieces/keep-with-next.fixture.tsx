/** @jsxRuntime automatic */
/** Pages for keep-with-next.test.ts: N filler lines, then a heading and its first line. */
import { CheckGroup, DocumentPage, Field, Paragraph, Section, TextField } from './index';

export function sweepPage(n: number, kind: 'section' | 'field' | 'sectionField' | 'sectionChecks') {
  return (
    <DocumentPage reference={`Essai ${n}`} footerNote="Essai de mise en page">
      <Section title={`Remplissage ${n}`}>
        {Array.from({ length: n }, (_, i) => (
          <Paragraph key={i}>Ligne de remplissage {i + 1}.</Paragraph>
        ))}
      </Section>
      {kind === 'section' ? (
        <Section title="Remarques">
          <Paragraph>Corps des remarques {n}, première ligne.</Paragraph>
        </Section>
      ) : kind === 'sectionField' ? (
        <Section title="Remarques">
          <Field label="Corps des remarques" value={`valeur ${n}`} />
        </Section>
      ) : kind === 'sectionChecks' ? (
        <Section title="Remarques">
          <CheckGroup title="Corps des remarques" options={[{ label: `case ${n}`, checked: true }]} />
        </Section>
      ) : (
        <TextField label="Observations" value={`Corps des observations ${n}, première ligne.`} />
      )}
    </DocumentPage>
  );
}

