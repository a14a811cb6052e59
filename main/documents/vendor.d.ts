/** pdfkit ships no types; the document engine only constructs it (its methods are called by @react-pdf/render). */
declare module 'pdfkit' {
  interface PdfKitDocument {
    on(event: 'data', listener: (chunk: Uint8Array) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }
  const PDFDocument: new (options?: Record<string, unknown>) => PdfKitDocument;
  export default PDFDocument;
}
