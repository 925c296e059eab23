-- Runs once, on the first start of the docker-compose PostgreSQL. Two roles (see README, "Database"):
-- deskbase_owner owns the database and the schema and runs the migrations (BYPASSRLS, for the
-- SECURITY DEFINER look-ups); deskbase, the application, gets DML grants only, so row-level
-- security applies to it and it cannot alter a table or a policy.
CREATE ROLE deskbase_owner LOGIN PASSWORD 'deskbase_owner' NOSUPERUSER BYPASSRLS NOCREATEROLE;
CREATE ROLE deskbase LOGIN PASSWORD 'deskbase' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
CREATE DATABASE deskbase OWNER deskbase_owner;
\connect deskbase
\i /deskbase-database/grants.sql
