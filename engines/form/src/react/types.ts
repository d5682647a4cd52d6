// What the renderer needs from its host (the app shell talks HTTP; tests can serve fixtures).
import type { FileRef } from '../schema';

export interface FormServices {
  uploadFile(file: File): Promise<FileRef>;
  fileUrl(ref: FileRef): string;
  searchRelation(formId: string, fieldId: string, q: string): Promise<Array<{ id: string; display: string; record: Record<string, unknown> }>>;
  lookupMembers(q: string): Promise<Array<{ id: string; displayName: string }>>;
  /** Names of people by id (a member value is an id); ids nobody has are left out. */
  membersByIds(ids: string[]): Promise<Array<{ id: string; displayName: string }>>;
  listDepartments(): Promise<Array<{ id: string; name: string; parentId: string | null }>>;
}

/** Per-field modes from the caller (flows make fields read-only or hidden per node). */
export type FieldMode = 'editable' | 'readonly' | 'hidden';

export interface Issue {
  path: string;
  fieldId?: string;
  message: string;
}
