"""A throw-away MariaDB server for tests: Debian's mariadb-server binaries, data in a temporary folder,
listening on a free loopback port (and a socket in that folder), never the system service.

    server = MariaDBServer(tmp_dir); server.start()   # bounded wait; raises MariaDBStartError with its log
    server.admin()                                     # a pymysql connection as root (through the socket)
    server.stop()                                      # SIGTERM to its process group, SIGKILL after a grace
"""
import getpass
import os
import shutil
import signal
import socket
import subprocess
import time

SERVER_CANDIDATES = ("/usr/sbin/mariadbd", "/usr/sbin/mysqld")
INSTALL_DB = "mariadb-install-db"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0
# Small buffers: the tests need a few rows, and the machine is shared.
SERVER_OPTIONS = (
    "--innodb-buffer-pool-size=16M",
    "--innodb-log-file-size=8M",
    "--skip-log-bin",
    "--max-connections=60",
    "--performance-schema=OFF",
    "--aria-pagecache-buffer-size=1M",
    "--key-buffer-size=1M",
    "--innodb-log-buffer-size=1M",
    "--query-cache-size=0",
    "--table-open-cache=64",
    "--thread-cache-size=0",
)  # resident size about 55 MB instead of 90 (measured): every engineer's unit run starts one


class MariaDBStartError(RuntimeError):
    pass


def find_server_binary():
    for path in SERVER_CANDIDATES:
        if os.access(path, os.X_OK):
            return path
    return shutil.which("mariadbd") or shutil.which("mysqld")


def find_install_db():
    return shutil.which(INSTALL_DB) or next(
        (p for p in ("/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db") if os.access(p, os.X_OK)), None)


def missing_reason():
    """Why the server cannot run here (None when it can)."""
    if not find_server_binary() or not find_install_db():
        return "MariaDB server not installed (apt-get install mariadb-server)"
    try:
        import pymysql  # noqa: F401 - only checking that the test driver is there
    except ImportError:
        return "pymysql not installed in this Python (pip install -r requirements-dev.txt)"
    return None


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MariaDBServer:
    def __init__(self, base_dir):
        self.base_dir = str(base_dir)
        self.datadir = os.path.join(self.base_dir, "data")
        self.socket = os.path.join(self.base_dir, "mariadb.sock")
        self.log_path = os.path.join(self.base_dir, "mariadb.err")
        # Temporary tables in a folder of this server's own: in a shared TMPDIR (/dev/shm) another run's cleanup
        # removed them under a running mariadb-install-db ("Can't find file '#sql-temptable-…'").
        self.tmpdir = os.path.join(self.base_dir, "tmp")
        self.host = "127.0.0.1"
        self.port = None
        self.process = None
        self.user = getpass.getuser()

    def start(self, timeout=START_TIMEOUT):
        os.makedirs(self.datadir, exist_ok=True)
        os.makedirs(self.tmpdir, exist_ok=True)
        self._install_db()
        self.port = free_port()
        args = [
            find_server_binary(), "--no-defaults", "--datadir=" + self.datadir, "--socket=" + self.socket,
            f"--port={self.port}", "--bind-address=127.0.0.1", "--log-error=" + self.log_path,
            "--pid-file=" + os.path.join(self.base_dir, "mariadb.pid"), "--user=" + self.user,
            "--tmpdir=" + self.tmpdir,
        ] + list(SERVER_OPTIONS)
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        self._wait_ready(timeout)
        return self

    def _install_db(self):
        if os.path.isdir(os.path.join(self.datadir, "mysql")):
            return
        args = [find_install_db(), "--no-defaults", "--datadir=" + self.datadir, "--user=" + self.user,
                "--auth-root-authentication-method=normal", "--skip-test-db", "--tmpdir=" + self.tmpdir,
                ] + list(SERVER_OPTIONS)
        done = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
        if done.returncode:
            raise MariaDBStartError("mariadb-install-db failed:\n" + done.stdout.decode("utf-8", "replace")[-3000:])

    def _wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        last_error = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise MariaDBStartError(f"mariadbd exited ({self.process.returncode}):\n{self.log_tail()}")
            try:
                self.admin().close()
                return
            except Exception as error:  # noqa: BLE001 - any failure means "not ready yet"
                last_error = error
            time.sleep(0.2)
        self.stop()
        raise MariaDBStartError(f"mariadbd not ready after {timeout:.0f} s ({last_error}):\n{self.log_tail()}")

    def log_tail(self, chars=3000):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as handle:
                return handle.read()[-chars:]
        except OSError:
            return "(no log)"

    def admin(self, database=None):
        import pymysql
        return pymysql.connect(unix_socket=self.socket, user="root", password="", database=database,
                               autocommit=True, connect_timeout=5)

    def execute(self, *statements):
        connection = self.admin()
        try:
            with connection.cursor() as cursor:
                for statement in statements:
                    if isinstance(statement, tuple):
                        cursor.execute(*statement)
                    else:
                        cursor.execute(statement)
        finally:
            connection.close()

    def create_user(self, user, password, grants=("ALL PRIVILEGES ON *.*",)):
        statements = [("CREATE OR REPLACE USER %s@'%%' IDENTIFIED BY %s", (user, password))]
        statements += [("GRANT " + grant + " TO %s@'%%'", (user,)) for grant in grants]
        self.execute(*statements)

    def stop(self):
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
        except ProcessLookupError:
            pass
