// "View as this user" in the browser: the builder's Permissions page opens the app in a new tab
// at `/apps/<app>?viewAs=<user id>`; this tab then remembers the user (sessionStorage: this tab
// only, gone when it closes) and every call to the server carries X-Tessera-View-As, so the
// server answers as that user (/api/me included: the tab shows the viewed user's name and menus)
// and refuses every write. Signing in and out and changing one's password are the signed-in
// administrator's own and go without it. No React here: api.ts and the shell read it.

const KEY = 'tessera.viewAs';
const PARAM = 'viewAs';
export const VIEW_AS_HEADER = 'x-tessera-view-as';

/** The signed-in person's own calls: signing in and out, their password ("who am I" answers as the viewed user). */
const OWN_CALLS = /^\/api\/(auth\/|me\/password)/;

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** The id of the user this tab views the apps as, or null. */
export function viewAsUserId(): string | null {
  return storage()?.getItem(KEY) || null;
}

/** The header to send with a call to `url` (none outside view-as, and none on the caller's own calls). */
export function viewAsHeaders(url: string): Record<string, string> {
  const id = viewAsUserId();
  return id && !OWN_CALLS.test(url) ? { [VIEW_AS_HEADER]: id } : {};
}

/** The URL that opens an app as a user (in a new tab). */
export const viewAsUrl = (appId: string, userId: string) => `/apps/${encodeURIComponent(appId)}?${PARAM}=${encodeURIComponent(userId)}`;

/** Takes `?viewAs=` off the address into this tab's storage (before the first call to the server). */
export function captureViewAs(): void {
  if (typeof window === 'undefined') return;
  const url = new URL(window.location.href);
  const id = url.searchParams.get(PARAM);
  if (id === null) return;
  if (id) storage()?.setItem(KEY, id);
  url.searchParams.delete(PARAM);
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}

/** Leaves view-as in this tab (the caller reloads, so everything is read again as the signed-in user). */
export function exitViewAs(): void {
  storage()?.removeItem(KEY);
}

let refusal: unknown = null;

/** Ends a view-as the server refused (not an administrator, no such user), keeping why for the shell to say. */
export function refuseViewAs(why: unknown): void {
  exitViewAs();
  refusal = why;
}

/** Why this tab's view-as was refused (an ApiError), or null. */
export const viewAsRefusal = (): unknown => refusal;
