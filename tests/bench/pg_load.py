"""Copies the generated bench city from SQLite into a fresh PostgreSQL database.

The schema comes from `quartier migrate` on PostgreSQL (the server's own migrations, so the
indexes and generated search columns are PostgreSQL's). Every table that both databases have is
then emptied and filled from SQLite with COPY (generated columns left to PostgreSQL), the
sequences are moved past the highest ids, and the database is vacuumed and analysed, as an
operator's would be after a migration.
"""
import os
import sqlite3
import subprocess
import time

# Bookkeeping that each side keeps for itself.
SKIP_TABLES = {"schema_migrations"}


def psql(url, sql, stdin=None):
    r = subprocess.run(["psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                       input=stdin, capture_output=True, text=stdin is None or isinstance(stdin, str))
    if r.returncode != 0:
        err = r.stderr if isinstance(r.stderr, str) else r.stderr.decode("utf-8", "replace")
        raise SystemExit(f"bench: psql failed: {err.strip()[:500]}")
    return r.stdout


def _field(v):
    if v is None:
        return b""  # unquoted empty: NULL in COPY's CSV format
    if isinstance(v, (int, float)):
        return str(v).encode()
    if isinstance(v, bytes):
        return b'"\\x' + v.hex().encode() + b'"'
    return b'"' + str(v).replace('"', '""').encode("utf-8") + b'"'


def _copy(super_url, sqlite_db, table, cols):
    """Streams one table through psql's COPY FROM STDIN; returns the row count."""
    col_list = ", ".join(f'"{c}"' for c in cols)
    cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", super_url,
           "-c", "SET session_replication_role = replica",  # no FK checks while tables fill in any order
           "-c", f'COPY "{table}" ({col_list}) FROM STDIN WITH (FORMAT csv)']
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    n = 0
    with sqlite3.connect(sqlite_db) as c:
        cur = c.execute(f'SELECT {col_list} FROM "{table}"')
        while True:
            rows = cur.fetchmany(5000)
            if not rows:
                break
            p.stdin.write(b"".join(b",".join(_field(v) for v in row) + b"\n" for row in rows))
            n += len(rows)
    p.stdin.close()
    err = p.stderr.read().decode("utf-8", "replace")
    if p.wait() != 0:
        raise SystemExit(f"bench: copying {table} into PostgreSQL failed: {err.strip()[:500]}")
    return n


def load(bin_dir, sqlite_db, admin_url, super_url_of, dbname, log):
    """Creates database dbname (owned by the admin URL's role), migrates it, fills it from
    sqlite_db. super_url_of(dbname) is a superuser URL for that database. Returns its URL."""
    psql(admin_url, f"DROP DATABASE IF EXISTS {dbname}")
    psql(admin_url, f"CREATE DATABASE {dbname}")
    url = admin_url.rsplit("/", 1)[0] + "/" + dbname
    cfg = os.path.join(os.path.dirname(sqlite_db), "pg-migrate.toml")
    with open(cfg, "w") as f:
        f.write(f'[database]\nurl = "{url}"\n[log]\nlevel = "warn"\n')
    subprocess.run([os.path.join(bin_dir, "quartier"), "migrate", "--config", cfg], check=True,
                   stdout=subprocess.DEVNULL)
    su = super_url_of(dbname)
    pg_cols = {}
    for line in psql(su, "SELECT table_name, column_name FROM information_schema.columns "
                         "WHERE table_schema = 'public' AND is_generated = 'NEVER' "
                         "AND table_name IN (SELECT table_name FROM information_schema.tables "
                         "WHERE table_schema = 'public' AND table_type = 'BASE TABLE') "
                         "ORDER BY table_name, ordinal_position").splitlines():
        t, _, c = line.partition("|")
        pg_cols.setdefault(t, []).append(c)
    with sqlite3.connect(sqlite_db) as c:
        lite = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        lite_cols = {t: {r[1] for r in c.execute(f'PRAGMA table_info("{t}")')} for t in lite}
    tables = sorted(t for t in pg_cols if t in lite and t not in SKIP_TABLES)
    psql(su, "TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")
    t0, total = time.monotonic(), 0
    for t in tables:
        cols = [col for col in pg_cols[t] if col in lite_cols[t]]
        total += _copy(su, sqlite_db, t, cols)
    log(f"  PostgreSQL: {total:,} rows in {len(tables)} tables copied in {time.monotonic() - t0:.0f} s")
    psql(su, """DO $$ DECLARE r record; BEGIN
      FOR r IN SELECT table_name, column_name FROM information_schema.columns
               WHERE table_schema = 'public' AND (column_default LIKE 'nextval%' OR is_identity = 'YES') LOOP
        EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), COALESCE((SELECT max(%I) FROM %I), 0) + 1, false)',
                       r.table_name, r.column_name, r.column_name, r.table_name);
      END LOOP; END $$""")
    t1 = time.monotonic()
    psql(su, "VACUUM ANALYZE")
    log(f"  PostgreSQL: VACUUM ANALYZE in {time.monotonic() - t1:.0f} s")
    return url
