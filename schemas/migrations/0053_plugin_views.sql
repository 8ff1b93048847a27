-- Read-only views for plugins (ABI 1.2 SQL sandbox): a plugin's own SQL may touch its own tables
-- (<plugin>_*) and read these, nothing else of the core. They carry what plugins legitimately
-- join against, never e-mail, password hashes, real names, sessions or tokens. Documented in
-- plugins/README.md (section 7, "SQL sandbox"); columns are only ever added.
CREATE VIEW plugin_users AS
  SELECT id, display_name, neighbourhood_id, role, department, status FROM users;
CREATE VIEW plugin_neighbourhoods AS
  SELECT id, slug, name FROM neighbourhoods;
CREATE VIEW plugin_containers AS
  SELECT id, kind, owner, name, visibility, neighbourhood_id FROM containers;
CREATE VIEW plugin_memberships AS
  SELECT container_id, user_id, role, state, created_at FROM memberships;
CREATE VIEW plugin_content AS
  SELECT id, kind, owner, container_id, author_id, visibility, hidden, created_at, updated_at, deleted_at FROM content;
