// The signed-in user and the app colour of the page, shared by the shell and the builder.
// Kept apart from App.tsx so that pages importing it do not import the whole route table.
import { createContext, useContext, useMemo } from 'react';
import { formServices, type AppServices, type Me } from './api';

export interface Session {
  me: Me | null;
  setMe(me: Me | null): void;
  color: string;
  setColor(c: string): void;
}

export const SessionContext = createContext<Session>({ me: null, setMe: () => undefined, color: '#1677ff', setColor: () => undefined });
export const useSession = () => useContext(SessionContext);

/** The renderer's services for one form, for the signed-in user (an external user's never search the directory). */
export function useFormServices(appId: string, formId: string): AppServices {
  const external = useSession().me?.kind === 'external';
  return useMemo(() => formServices(appId, formId, { external }), [appId, formId, external]);
}
