/**
 * Required fields show " *" through CSS generated content with an empty alternative text (see the
 * theme), not MUI's asterisk span: the label's text, hence the field's name for screen readers and
 * for `getByLabel`/`getByRole`, stays exactly the label ("Nom patronymique").
 */
export const REQUIRED_LABEL_CLASS = 'pr-label-required';
export const requiredLabelProps = (required: boolean | undefined) => ({
  required: false,
  className: required ? REQUIRED_LABEL_CLASS : undefined,
});
