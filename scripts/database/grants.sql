-- Privileges of the application role `deskbase` in the database `deskbase`, whose schema is owned
-- by `deskbase_owner` (the role that runs the migrations). Idempotent. Run once, as a superuser or
-- as deskbase_owner, before the first migration (the dev launcher and the test harness do it;
-- docker-compose runs it on its first start; in production your DBA does, with your role names).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO deskbase;

-- Every table and sequence a migration creates is readable and writable by the application role,
-- which owns nothing: it cannot alter a table, drop a policy or turn row-level security off.
ALTER DEFAULT PRIVILEGES FOR ROLE deskbase_owner IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO deskbase;
ALTER DEFAULT PRIVILEGES FOR ROLE deskbase_owner IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO deskbase;

-- Functions the owner creates (the SECURITY DEFINER look-ups) are callable by the application
-- role only, not by every role of the cluster.
ALTER DEFAULT PRIVILEGES FOR ROLE deskbase_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE deskbase_owner IN SCHEMA public
  GRANT EXECUTE ON FUNCTIONS TO deskbase;

-- Objects that already exist (a database moved from the older layout in which the application
-- role owned everything: run `REASSIGN OWNED BY deskbase TO deskbase_owner` first).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO deskbase;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO deskbase;
