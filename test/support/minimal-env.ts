/** The least environment loadConfig accepts, for unit specs of configuration (nothing connects to it). */
export const MINIMAL_ENV = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'a-signing-key-of-at-least-32-characters',
};
