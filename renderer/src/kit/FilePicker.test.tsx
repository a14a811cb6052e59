import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { AppProviders } from '../app/AppProviders';
import { FilePicker, checkPickedFile, formatSize } from './FilePicker';

afterEach(cleanup);

const LIMITS = { accept: ['application/pdf', '.pdf', 'image/png', '.png'], maxBytes: 10 * 1024 * 1024, typesLabel: 'PDF ou PNG' };

function Harness({ onChange }: { onChange: (file: File | null, problem: string | undefined) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string>();
  return (
    <AppProviders>
      <FilePicker
        label="Fichier"
        file={file}
        {...LIMITS}
        error={error}
        hint="PDF ou PNG ; 10 Mo au plus."
        onChange={(f, problem) => {
          onChange(f, problem);
          setFile(f);
          setError(problem);
        }}
      />
    </AppProviders>
  );
}

const pdf = (name = 'convocation.pdf') => new File(['%PDF-1.4'], name, { type: 'application/pdf' });

describe('FilePicker', () => {
  it('speaks French: a button « Choisir un fichier… », the chosen file’s name announced, the native input hidden behind them', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const button = screen.getByRole('button', { name: 'Choisir un fichier…' });
    expect(button).toHaveAccessibleDescription('Fichier Aucun fichier choisi PDF ou PNG ; 10 Mo au plus.');
    expect(screen.getByText('ou déposez le fichier ici')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(/Choose File|No file chosen/);

    // The button opens the system's picker (the hidden input, out of the tab order).
    const input = screen.getByLabelText('Fichier');
    expect(input).toHaveAttribute('tabindex', '-1');
    const opened = vi.fn();
    input.addEventListener('click', opened);
    await user.click(button);
    expect(opened).toHaveBeenCalledTimes(1);

    await user.upload(input, pdf());
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ name: 'convocation.pdf' }), undefined);
    expect(screen.getByRole('status')).toHaveTextContent('Fichier choisi : convocation.pdf (8 o)');
    expect(button).toHaveAccessibleDescription(/Fichier choisi : convocation\.pdf/);
  });

  it('takes a dropped file, and refuses in French a type or a size out of the limits', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const zone = screen.getByTestId('file-drop-zone');
    fireEvent.drop(zone, { dataTransfer: { files: [pdf('cv.pdf')] } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ name: 'cv.pdf' }), undefined);
    expect(screen.getByRole('status')).toHaveTextContent('Fichier choisi : cv.pdf');

    fireEvent.drop(zone, { dataTransfer: { files: [new File(['MZ'], 'outil.exe', { type: 'application/x-msdownload' })] } });
    expect(screen.getByLabelText('Fichier')).toHaveAccessibleDescription(/Type de fichier refusé : PDF ou PNG\./);
    expect(screen.getByLabelText('Fichier')).toHaveAttribute('aria-invalid', 'true');

    const big = pdf('gros.pdf');
    Object.defineProperty(big, 'size', { value: 11 * 1024 * 1024 });
    fireEvent.drop(zone, { dataTransfer: { files: [big] } });
    expect(screen.getByRole('button', { name: 'Choisir un fichier…' })).toHaveAccessibleDescription(/Le fichier dépasse 10 Mo \(11 Mo\)\./);

    fireEvent.drop(zone, { dataTransfer: { files: [pdf('a.pdf'), pdf('b.pdf')] } });
    expect(onChange).toHaveBeenLastCalledWith(null, 'Déposez un seul fichier à la fois.');
  });

  it('checks by MIME type or extension, and names sizes in French', () => {
    expect(checkPickedFile({ name: 'scan.PNG', type: '', size: 10 }, LIMITS)).toBeUndefined();
    expect(checkPickedFile({ name: 'vide.pdf', type: 'application/pdf', size: 0 }, LIMITS)).toBe('Le fichier est vide.');
    expect(checkPickedFile({ name: 'note.txt', type: 'text/plain', size: 10 }, LIMITS)).toBe('Type de fichier refusé : PDF ou PNG.');
    expect([formatSize(512), formatSize(12 * 1024), formatSize(10 * 1024 * 1024), formatSize(10.5 * 1024 * 1024)]).toEqual(['512 o', '12 Ko', '10 Mo', '10,5 Mo']);
  });
});
