// The form a records route is about and the caller's access to it, for every plugin under
// /apps/:appId/forms/:formId/records: a form the caller may do nothing with is 404, as one that
// does not exist.
import type { FastifyRequest } from 'fastify';
import type { FormSchema } from '@tessera/form-engine';
import { FORM_NOT_PUBLISHED } from './errors';
import { requireUser, type Principal } from './principal';
import type { Caller, FormAccess } from '../services/permissions';

/** Path parameters: an id, a form's, a record's. */
export const idSchema = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' };
export const formParams = {
  type: 'object',
  required: ['appId', 'formId'],
  additionalProperties: false,
  properties: { appId: idSchema, formId: idSchema },
};
export const recordParams = { ...formParams, required: ['appId', 'formId', 'id'], properties: { ...formParams.properties, id: idSchema } };

export type FormRequest = FastifyRequest<{ Params: { appId: string; formId: string } }>;

export interface FormResolvers {
  /** The form with this id in this app, or null. */
  resolveForm(appId: string, formId: string): Promise<FormSchema | null>;
  /** The one permission check: what this caller may do with the records of this form (services/permissions). */
  access(principal: Principal, appId: string, formId: string): Promise<FormAccess>;
}

export function formCaller({ resolveForm, access }: FormResolvers) {
  return async (request: FormRequest): Promise<{ schema: FormSchema; caller: Caller }> => {
    const principal = requireUser(request);
    const { appId, formId } = request.params;
    const schema = await resolveForm(appId, formId);
    const formAccess = schema ? await access(principal, appId, formId) : null;
    if (!schema || !formAccess || formAccess.actions().length === 0) {
      throw FORM_NOT_PUBLISHED({ formId }, [{ path: 'formId', message: 'unknown form' }]);
    }
    const caller: Caller = { principal, access: formAccess, accessTo: (id) => access(principal, appId, id) };
    return { schema, caller };
  };
}
