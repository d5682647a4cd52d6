// The tenant's time zone for the record pages: datetimes are typed and shown in it, whatever the
// browser's zone. The server decides it (TESSERA_TIME_ZONE) and sends it with the published app;
// before that has loaded, it is the server's default, Asia/Shanghai.
import { useOutletContext } from 'react-router-dom';
import { DEFAULT_TIME_ZONE } from '@tessera/form-engine';
import type { ShellContext } from '../AppShell';

export function useTenantTimeZone(): string {
  return useOutletContext<ShellContext | undefined>()?.published?.timeZone || DEFAULT_TIME_ZONE;
}
