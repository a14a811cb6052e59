import { z } from 'zod';
import type { Role } from './common';

/**
 * Who may call a method. 'public': no session (setup, login). 'authenticated': any logged-in user.
 * A list of roles: only those. Finer rules (a référent sees only their dossiers) live in main's services.
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /**
   * true: the method writes; the dispatcher runs it in a write transaction. false: it only reads; it gets a
   * read-only connection, on which the database refuses any write.
   */
  writes: boolean;
  /**
   * For a `writes: true` method whose some inputs only read (a document's draft: rendered, not archived): true for
   * those inputs, which then run as a read — on the read-only connection, outside the write transaction, so a long
   * rendering never holds the other users' writes, and without a live event.
   */
  readsWhen?: (input: z.output<I>) => boolean;
}

/** Declares one method of the API (name → input schema, output schema, access). */
export const def = <I extends z.ZodType, O extends z.ZodType>(m: MethodDef<I, O>): MethodDef<I, O> => m;
export const empty = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });
