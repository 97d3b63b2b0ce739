"""The one module that imports pymysql (Kodi's script.module.pymysql, an optional dependency): imported only
on boxes whose video library is on a MySQL/MariaDB server. Its errors reach the rest as DbError."""
import logging

LOG = logging.getLogger("simklsync.household.mysql")

CONNECT_TIMEOUT = 5
IO_TIMEOUT = 10
# MySQL error codes that mean "these credentials may not do that" (not "the server is away").
ACCESS_DENIED = {1044, 1045, 1142, 1143, 1227, 1370}
# The login itself failed: wrong user or password, or an authentication method the driver cannot do (2059).
LOGIN_REFUSED = {1045, 2059}


class DbError(Exception):
    """A failed database operation. denied: the server refused the rights (CREATE, INSERT…); login_refused:
    it refused the user or password (or its authentication method)."""

    def __init__(self, message, denied=False, login_refused=False):
        super().__init__(message)
        self.denied = denied
        self.login_refused = login_refused


def available():
    try:
        import pymysql  # noqa: F401 - probing the optional dependency
    except ImportError:
        return False
    return True


class Connector:
    """Opens a connection to the video database per operation: a dropped or restarted server costs nothing
    between renewals. `connect` is for tests (e.g. a connection that sets the server's session time)."""

    def __init__(self, config, database, connect=None):
        self.config = config
        self.database = database
        self._connect = connect or self._pymysql_connect

    def _pymysql_connect(self):
        import pymysql
        return pymysql.connect(host=self.config.host, port=self.config.port, user=self.config.user,
                               password=self.config.password, database=self.database, charset="utf8mb4",
                               autocommit=True, connect_timeout=CONNECT_TIMEOUT, read_timeout=IO_TIMEOUT,
                               write_timeout=IO_TIMEOUT)

    def run(self, work):
        """work(cursor) on a fresh autocommit connection; its result, or DbError (message without secrets)."""
        try:
            connection = self._connect()
        except Exception as error:  # noqa: BLE001 - pymysql raises its own and OS errors; both mean DbError
            raise _db_error(error) from None
        try:
            with connection.cursor() as cursor:
                return work(cursor)
        except DbError:
            raise
        except Exception as error:  # noqa: BLE001
            raise _db_error(error) from None
        finally:
            try:
                connection.close()
            except Exception:  # noqa: BLE001 - closing a broken connection may fail too
                pass


def _db_error(error):
    """The server's code and message (MySQL messages name the user and host, never the password)."""
    args = getattr(error, "args", ())
    code = args[0] if args and isinstance(args[0], int) and not isinstance(error, OSError) else None
    if code is not None:
        text = str(args[1]) if len(args) > 1 else ""
        return DbError(f"MySQL error {code}: {text[:200]}", denied=code in ACCESS_DENIED,
                       login_refused=code in LOGIN_REFUSED)
    if isinstance(error, RuntimeError) and "cryptography" in str(error):
        # PyMySQL without the cryptography package meeting MySQL 8's caching_sha2_password / sha256_password.
        return DbError("the server's authentication method needs the cryptography package", login_refused=True)
    return DbError(type(error).__name__)
