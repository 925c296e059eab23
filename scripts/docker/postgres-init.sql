-- Runs once, on the first start of the docker-compose PostgreSQL. The application role owns its
-- database but is neither superuser nor BYPASSRLS, so row-level security applies to it.
CREATE ROLE deskbase LOGIN PASSWORD 'deskbase' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
CREATE DATABASE deskbase OWNER deskbase;
