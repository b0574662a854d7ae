"""The activity store's schema: the columns of an item and the migrations from one version to the next.

Every version's statements run once, in order, in one transaction (ingest/store.py); the number of the
last one is the file's `PRAGMA user_version`.
"""

from __future__ import annotations

SCHEMA_VERSION = 5

ITEM_COLUMNS = (
    "person", "uid", "occurrence", "file_id", "start_utc", "local_day", "iso_year", "iso_week", "minutes", "all_day",
    "subject", "location", "categories", "domains", "external", "online", "private", "cancelled", "declined", "free",
    "activity", "rule", "commitment", "account", "account_status", "skip_reason",
)

MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        person TEXT NOT NULL,
        calendar TEXT NOT NULL DEFAULT '',
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        first_day TEXT,
        last_day TEXT,
        items INTEGER NOT NULL,
        warnings TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE items (
        person TEXT NOT NULL,
        uid TEXT NOT NULL,
        occurrence TEXT NOT NULL,
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        start_utc TEXT NOT NULL,
        local_day TEXT NOT NULL,
        iso_year INTEGER NOT NULL,
        iso_week INTEGER NOT NULL,
        minutes REAL NOT NULL,
        all_day INTEGER NOT NULL,
        subject TEXT,
        location TEXT,
        categories TEXT NOT NULL,
        domains TEXT,
        external INTEGER NOT NULL,
        online INTEGER NOT NULL,
        private INTEGER NOT NULL,
        cancelled INTEGER NOT NULL,
        declined INTEGER NOT NULL,
        free INTEGER NOT NULL,
        activity TEXT,
        rule INTEGER,
        commitment INTEGER NOT NULL,
        account TEXT,
        account_status TEXT,
        skip_reason TEXT,
        PRIMARY KEY (person, uid, occurrence)
    ) WITHOUT ROWID;
    CREATE INDEX items_by_day ON items (person, local_day);
    CREATE INDEX items_by_file ON items (file_id);
    """,
    2: """
    CREATE INDEX items_by_year ON items (iso_year);
    """,
    # v3: items become an ordinary rowid table with a unique key. A WITHOUT ROWID table keeps whole rows
    # (subjects, domains…) in its key's b-tree, and INSERT OR REPLACE into it with foreign keys on cost
    # 68 ms per 4,000-item file; a rowid table takes 25 ms (benchmarks/bench_import.py).
    3: """
    CREATE TABLE items_v3 (
        person TEXT NOT NULL,
        uid TEXT NOT NULL,
        occurrence TEXT NOT NULL,
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        start_utc TEXT NOT NULL,
        local_day TEXT NOT NULL,
        iso_year INTEGER NOT NULL,
        iso_week INTEGER NOT NULL,
        minutes REAL NOT NULL,
        all_day INTEGER NOT NULL,
        subject TEXT,
        location TEXT,
        categories TEXT NOT NULL,
        domains TEXT,
        external INTEGER NOT NULL,
        online INTEGER NOT NULL,
        private INTEGER NOT NULL,
        cancelled INTEGER NOT NULL,
        declined INTEGER NOT NULL,
        free INTEGER NOT NULL,
        activity TEXT,
        rule INTEGER,
        commitment INTEGER NOT NULL,
        account TEXT,
        account_status TEXT,
        skip_reason TEXT,
        UNIQUE (person, uid, occurrence)
    );
    INSERT INTO items_v3 SELECT * FROM items ORDER BY person, uid, occurrence;
    DROP TABLE items;
    ALTER TABLE items_v3 RENAME TO items;
    CREATE INDEX items_by_day ON items (person, local_day);
    CREATE INDEX items_by_file ON items (file_id);
    CREATE INDEX items_by_year ON items (iso_year);
    """,
    # v4: the period each file covers (the export's own range, else its first to last item), so that weeks
    # outside what a person's calendars cover are not judged as weeks without activity.
    4: """
    ALTER TABLE files ADD COLUMN covers_from TEXT;
    ALTER TABLE files ADD COLUMN covers_to TEXT;
    UPDATE files SET covers_from = date(first_day, '-6 days', 'weekday 1'), covers_to = date(last_day, 'weekday 0');
    """,
    # v5: orders from a CRM or ERP export (ingest/orders_csv.py): the revenue and order values actually won.
    5: """
    CREATE TABLE order_files (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        lines INTEGER NOT NULL,
        warnings TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE orders (
        file_id INTEGER NOT NULL REFERENCES order_files(id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        person TEXT NOT NULL,
        day TEXT NOT NULL,
        iso_year INTEGER NOT NULL,
        iso_week INTEGER NOT NULL,
        value REAL NOT NULL,
        account TEXT NOT NULL,
        product TEXT NOT NULL,
        order_id TEXT NOT NULL
    );
    CREATE INDEX orders_by_year ON orders (iso_year, person);
    CREATE INDEX orders_by_file ON orders (file_id);
    """,
}
