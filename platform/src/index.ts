// Public surface of the platform package.
export { buildApp, type BuildAppOptions, type TesseraApp } from './app';
export {
  identityPlugin,
  createSessionCodec,
  hashPassword,
  verifyPassword,
  passwordIssues,
  MIN_PASSWORD_LENGTH,
  SESSION_COOKIE,
  DEFAULT_TENANT,
  type IdentityPluginOptions,
  type SessionClaims,
  type SessionCodec,
  type PublicUser,
} from './identity';
