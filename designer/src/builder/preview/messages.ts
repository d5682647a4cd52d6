// What the designer and its preview frame say to each other (postMessage, same origin only).
import type { FormSchema, Locale } from '@tessera/form-engine';

export type ToPreview = { type: 'tessera.preview.schema'; schema: FormSchema; locale: Locale; appId: string };

export type FromPreview = { type: 'tessera.preview.ready' };

export const isToPreview = (v: unknown): v is ToPreview => (v as { type?: unknown })?.type === 'tessera.preview.schema';
export const isFromPreview = (v: unknown): v is FromPreview => (v as { type?: unknown })?.type === 'tessera.preview.ready';
