"""The add-on's small table in the shared video database, and the puller lease in it.

Every time in this table is the server's: rows are written with NOW() and read back as ages and remaining
seconds (TIMESTAMPDIFF against NOW()), so boxes whose own clocks are wrong still agree on who holds the lease
and when it runs out. A box's clock is used for nothing here.

Rows (name → meaning); all but the last are per Simkl account (name:<account key>), so boxes logged in to
different accounts on one library each pull their own account, as they would without coordination:
    puller            the lease: holder box id, its label, since (taken), expires
    first_push        claimed once by the box that pushes the Kodi-only plays of the first sync
    pulled            what the puller last pulled: its box label and the Simkl activities stamps (payload)
    pull_request      a box (scan, "Sync now") asks the puller for a full re-plan; payload = reason
    widgets           the puller's widget lists (core/widgets/widget_file.py shared_form), which followers show
    pending:<box id>  a box's Kodi marks not yet confirmed by Simkl, which the puller's plan must not undo
"""
import hashlib
import json

TABLE = "simkl_sync_household"
PULLER = "puller"
FIRST_PUSH = "first_push"
PULLED = "pulled"
PULL_REQUEST = "pull_request"
WIDGETS = "widgets"
PENDING_PREFIX = "pending:"
PER_ACCOUNT = (PULLER, FIRST_PUSH, PULLED, PULL_REQUEST, WIDGETS)
MAX_PAYLOAD = 4_000_000  # characters; MEDIUMTEXT holds 16 MB

CREATE_TABLE = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} ("
    " name VARCHAR(80) NOT NULL PRIMARY KEY,"
    " holder VARCHAR(64) NOT NULL,"
    " label VARCHAR(255) NOT NULL DEFAULT '',"
    " since DATETIME NOT NULL,"
    " expires DATETIME NOT NULL,"
    " payload MEDIUMTEXT NULL"
    ") CHARACTER SET utf8mb4"
)


class LeaseView:
    """A row as this box sees it: ages and remaining time in server seconds."""

    def __init__(self, holder, label, held_seconds, remaining_seconds, mine):
        self.holder = holder
        self.label = label
        self.held_seconds = max(0, int(held_seconds or 0))
        self.remaining_seconds = int(remaining_seconds or 0)
        self.mine = mine

    @property
    def live(self):
        return self.remaining_seconds > 0

    def __repr__(self):
        return (f"LeaseView(label={self.label!r}, held={self.held_seconds}s, remaining={self.remaining_seconds}s, "
                f"mine={self.mine})")


class HouseholdTable:
    """The table's operations for one box (box_id, label), over a mysql.Connector of the video database."""

    def __init__(self, connector, box_id, label, account=""):
        self.connector = connector
        self.box_id = box_id
        self.label = label
        self.scope = account_key(account)

    def scoped(self, name):
        return f"{name}:{self.scope}" if self.scope and name in PER_ACCOUNT else name

    def ensure(self):
        """Creates the table when missing (needs CREATE on the video database; DbError(denied) otherwise) and
        checks this box may write it."""
        def work(cursor):
            cursor.execute(CREATE_TABLE)
            cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
            cursor.fetchone()
        self.connector.run(work)

    def acquire(self, seconds):
        """Takes the lease when free or run out, renews it when this box holds it; the lease as it is now."""
        def work(cursor):
            cursor.execute(
                f"INSERT IGNORE INTO {TABLE} (name, holder, label, since, expires)"
                " VALUES (%s, %s, %s, NOW(), NOW() + INTERVAL %s SECOND)",
                (self.scoped(PULLER), self.box_id, self.label, int(seconds)))
            if cursor.rowcount != 1:
                # MySQL evaluates single-table UPDATE assignments left to right: `since` reads the old holder.
                cursor.execute(
                    f"UPDATE {TABLE} SET since = IF(holder = %s AND expires > NOW(), since, NOW()),"
                    " holder = %s, label = %s, expires = NOW() + INTERVAL %s SECOND"
                    " WHERE name = %s AND (holder = %s OR expires <= NOW())",
                    (self.box_id, self.box_id, self.label, int(seconds), self.scoped(PULLER), self.box_id))
            return self._read(cursor, self.scoped(PULLER))
        return self.connector.run(work)

    def read_lease(self):
        return self.connector.run(lambda cursor: self._read(cursor, self.scoped(PULLER)))

    def release(self):
        """Ends this box's lease now (a clean stop), so another box takes over at its next attempt."""
        def work(cursor):
            cursor.execute(f"UPDATE {TABLE} SET expires = NOW() WHERE name = %s AND holder = %s",
                           (self.scoped(PULLER), self.box_id))
        self.connector.run(work)

    def claim_once(self, name):
        """True for the one box that first claims `name` (the first push of Kodi-only plays); False after."""
        name = self.scoped(name)

        def work(cursor):
            cursor.execute(
                f"INSERT IGNORE INTO {TABLE} (name, holder, label, since, expires) VALUES (%s, %s, %s, NOW(), NOW())",
                (name, self.box_id, self.label))
            return cursor.rowcount == 1
        return self.connector.run(work)

    def read_claim(self, name):
        name = self.scoped(name)
        return self.connector.run(lambda cursor: self._read(cursor, name))

    def put(self, name, payload):
        """Stores a JSON payload under `name`, stamped with the server's time."""
        name = self.scoped(name)
        text = json.dumps(payload, separators=(",", ":"), sort_keys=True)
        if len(text) > MAX_PAYLOAD:
            raise ValueError("payload too large")

        def work(cursor):
            cursor.execute(
                f"REPLACE INTO {TABLE} (name, holder, label, since, expires, payload)"
                " VALUES (%s, %s, %s, NOW(), NOW(), %s)", (name, self.box_id, self.label, text))
        self.connector.run(work)

    def get(self, name):
        """(LeaseView, payload) of `name`, or (None, None)."""
        name = self.scoped(name)

        def work(cursor):
            view = self._read(cursor, name)
            if view is None:
                return None, None
            cursor.execute(f"SELECT payload FROM {TABLE} WHERE name = %s", (name,))
            row = cursor.fetchone()
            return view, _loads(row[0] if row else None)
        return self.connector.run(work)

    def take(self, name):
        """Reads and deletes `name` (a pull request); its payload, or None when there was none."""
        name = self.scoped(name)

        def work(cursor):
            cursor.execute(f"SELECT payload FROM {TABLE} WHERE name = %s", (name,))
            row = cursor.fetchone()
            if row is None:
                return None
            cursor.execute(f"DELETE FROM {TABLE} WHERE name = %s", (name,))
            return _loads(row[0]) if cursor.rowcount == 1 else None
        return self.connector.run(work)

    def payloads(self, prefix):
        """{name: (age in server seconds, payload)} of every row whose name starts with `prefix`."""
        def work(cursor):
            cursor.execute(f"SELECT name, TIMESTAMPDIFF(SECOND, since, NOW()), payload FROM {TABLE}"
                           " WHERE name LIKE %s", (_like_prefix(prefix),))
            return {name: (int(age or 0), _loads(payload)) for name, age, payload in cursor.fetchall()}
        return self.connector.run(work)

    def live_accounts(self):
        """How many Simkl accounts use the library now: each keeps a puller lease of its own while a box of it runs."""
        def work(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {TABLE} WHERE (name = %s OR name LIKE %s) AND expires > NOW()",
                           (PULLER, _like_prefix(PULLER + ":")))
            row = cursor.fetchone()
            return int(row[0] or 0) if row else 0
        return self.connector.run(work)

    def delete(self, name):
        name = self.scoped(name)
        self.connector.run(lambda cursor: cursor.execute(f"DELETE FROM {TABLE} WHERE name = %s", (name,)))

    def _read(self, cursor, name):
        cursor.execute(
            f"SELECT holder, label, TIMESTAMPDIFF(SECOND, since, NOW()), TIMESTAMPDIFF(SECOND, NOW(), expires)"
            f" FROM {TABLE} WHERE name = %s", (name,))
        row = cursor.fetchone()
        if row is None:
            return None
        holder, label, held, remaining = row
        return LeaseView(holder, label, held, remaining, mine=holder == self.box_id and (remaining or 0) > 0)


def account_key(account):
    """A short stable key of the Simkl account (its id; '' when unknown: all such boxes share one lease)."""
    name = (account or "").strip().lower()
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:12] if name else ""


def _loads(text):
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _like_prefix(prefix):
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
