"""How many Simkl accounts use a shared library, against a real MariaDB: each account's boxes keep a puller lease
of their own, so the live leases count the accounts (the ratings send only this box's own changes when >1)."""
import pytest
from household_helpers import Box, ServerClock, new_database

pytest.importorskip("pymysql")


@pytest.fixture
def database(mariadb_server):
    return new_database(mariadb_server)


def test_the_live_puller_leases_count_the_accounts_using_the_library(mariadb_server, database):
    clock = ServerClock()
    a1 = Box(mariadb_server, database, clock, "a1", account="anna")
    a2 = Box(mariadb_server, database, clock, "a2", account="anna")
    a1.tick()
    a2.tick()
    assert a1.household.accounts_sharing() == 1  # two boxes, one account
    b = Box(mariadb_server, database, clock, "b", account="ben")
    b.tick()
    assert a1.household.accounts_sharing() == 2 and b.household.accounts_sharing() == 2
    clock.advance(200)  # ben's box is switched off: its lease runs out
    a1.tick()
    assert a1.household.accounts_sharing() == 1


def test_a_library_whose_table_cannot_be_read_counts_as_one_account(mariadb_server, database):
    clock = ServerClock()
    box = Box(mariadb_server, database, clock, "a", account="anna")
    box.tick()
    mariadb_server.execute(f"DROP DATABASE {database}")
    assert box.household.accounts_sharing() == 1
