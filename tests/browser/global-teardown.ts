// Jest's globalTeardown (jest.config.cjs): removes the run's copy of the web app that
// global-setup.ts made.
import { rmSync } from 'node:fs';
import { SPA_ENV } from './global-setup';

export default function globalTeardown(): void {
  const copy = process.env[SPA_ENV];
  if (copy) rmSync(copy, { recursive: true, force: true });
  delete process.env[SPA_ENV];
}
