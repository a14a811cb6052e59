/**
 * Building blocks of every printed document (React components for @react-pdf/renderer). The EP capability
 * reuses them for its session file: compose them inside a `DocumentPage`, render with `renderPdf`.
 */
export { DocumentPage, type DocumentPageProps } from './DocumentPage';
export { Letterhead, madeAt, type LetterheadMds } from './Letterhead';
export { TitleBlock } from './TitleBlock';
export { IdentityBlock, addressLines, type BeneficiaryIdentity } from './IdentityBlock';
export { Field, FieldGrid, TextField, Checkbox, CheckGroup, CheckRow, EmptyValue, valueText, type FieldProps, type FieldValue } from './Field';
export { Table, type Column } from './Table';
export { SignatureBlock, SignatureRow, type SignatureProps } from './SignatureBlock';
export { PageFooter } from './PageFooter';
export { RunningHead } from './RunningHead';
export { Watermark, PROJECT_WATERMARK } from './Watermark';
export { Section, Paragraph } from './Section';
