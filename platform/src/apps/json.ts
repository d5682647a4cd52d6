// Reading JSON of unknown shape: package bodies, and navigation stored by older releases.
export const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
