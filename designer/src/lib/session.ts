// The signed-in user and the app colour of the page, shared by the shell and the builder.
// Kept apart from App.tsx so that pages importing it do not import the whole route table.
import { createContext, useContext } from 'react';
import type { Me } from './api';

export interface Session {
  me: Me | null;
  setMe(me: Me | null): void;
  color: string;
  setColor(c: string): void;
}

export const SessionContext = createContext<Session>({ me: null, setMe: () => undefined, color: '#1677ff', setColor: () => undefined });
export const useSession = () => useContext(SessionContext);
