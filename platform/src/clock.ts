// The time the platform stamps on what it writes (ISO 8601, UTC), one definition for every feature.
export const nowIso = (): string => new Date().toISOString();
