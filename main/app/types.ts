/** The handler types: what the dispatcher calls for each method of the contract. */
import type { z } from 'zod';
import type { Api, MethodName, MethodParsedInput } from '../../shared/api/contract';
import type { AuthedCall, PublicCall } from '../services/context';

/** Public methods get a call whose actor may be null; the others a logged-in actor and an open database. */
export type CallFor<M extends MethodName> = Api[M]['access'] extends 'public' ? PublicCall : AuthedCall;

export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  call: CallFor<M>,
) => z.input<Api[M]['output']> | Promise<z.input<Api[M]['output']>>;

/** A capability's handler map: every method it declares → its service. */
export type HandlersFor<K extends MethodName> = { [M in K]: Handler<M> };

export type Handlers = HandlersFor<MethodName>;
