// The signed-in user and the app colour of the page, shared by the shell and the builder.
// Kept apart from App.tsx so that pages importing it do not import the whole route table.
import { createContext, useContext, useMemo } from 'react';
import { api, ApiError, formServices, type AppServices, type Me } from './api';
import { refuseViewAs, viewAsUserId } from './viewAs';

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

/**
 * Who the tab shows the apps as: in a "view as" tab the viewed user (/api/me answers as them;
 * never sent to change their password, which is theirs to do), else the signed-in user. A view-as
 * the server refuses (not an administrator, no such user) ends, and the shell says why.
 */
export async function loadMe(): Promise<Me> {
  const viewing = viewAsUserId() !== null;
  try {
    const { user } = await api<{ user: Me }>('GET', '/api/me');
    return viewing ? { ...user, mustChangePassword: false } : user;
  } catch (e) {
    if (!viewing || !(e instanceof ApiError) || e.status === 401) throw e;
    refuseViewAs(e);
    return (await api<{ user: Me }>('GET', '/api/me')).user;
  }
}
