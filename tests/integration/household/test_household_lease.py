"""The puller lease against a real MariaDB server: take, renew, lose, take over, clock skew, races, rights."""
import threading

import pytest
from household_helpers import Box, ServerClock, new_database, table_for
from simklsync.core.state.sync_state import SyncState
from simklsync.core.videodb_config import VideoDbDetection
from simklsync.household.coordinator import ALONE, FOLLOWER, PULLER
from simklsync.household.lease import PULL_REQUEST
from simklsync.household.mysql import DbError
from simklsync.household.setup import open_household

pytest.importorskip("pymysql")


@pytest.fixture
def database(mariadb_server):
    return new_database(mariadb_server)


@pytest.fixture
def clock():
    return ServerClock()


def test_take_then_renew_keeps_since_and_extends_the_lease(mariadb_server, database, clock):
    table = table_for(mariadb_server, database, clock, "a")
    table.ensure()
    lease = table.acquire(120)
    assert lease.mine and lease.label == "a" and lease.held_seconds == 0 and lease.remaining_seconds == 120
    clock.advance(30)
    lease = table.acquire(120)
    assert lease.mine and lease.held_seconds == 30 and lease.remaining_seconds == 120


def test_a_live_lease_is_not_taken_by_another_box(mariadb_server, database, clock):
    a, b = Box(mariadb_server, database, clock, "a"), Box(mariadb_server, database, clock, "b")
    assert a.tick() == PULLER
    clock.advance(100)
    assert b.tick() == FOLLOWER
    assert b.household.lease.label == "Box a" and b.household.lease.remaining_seconds == 20
    assert (a.takeovers, b.takeovers) == (0, 0)  # a became the puller from the start: no takeover


def test_a_vanished_puller_is_replaced_once_its_lease_runs_out(mariadb_server, database, clock):
    a, b = Box(mariadb_server, database, clock, "a"), Box(mariadb_server, database, clock, "b")
    a.tick()
    b.tick()
    clock.advance(60)
    a.tick()  # a's last renewal; then it is switched off
    clock.advance(119)
    assert b.tick() == FOLLOWER
    # The follower plans its next attempt for when the lease it saw runs out, not a full period later.
    assert b.household.box_role.next_tick_seconds() == 2
    clock.advance(1)
    assert b.tick() == PULLER and b.takeovers == 1
    assert b.household.lease.held_seconds == 0  # since: when b took it, not when a did


def test_the_old_puller_comes_back_as_a_follower(mariadb_server, database, clock):
    a, b = Box(mariadb_server, database, clock, "a"), Box(mariadb_server, database, clock, "b")
    a.tick()
    clock.advance(121)
    b.tick()
    assert a.tick() == FOLLOWER  # it lost the lease while away
    assert a.household.lease.label == "Box b"


def test_a_clean_stop_hands_over_at_the_next_attempt(mariadb_server, database, clock):
    a, b = Box(mariadb_server, database, clock, "a"), Box(mariadb_server, database, clock, "b")
    a.tick()
    assert b.tick() == FOLLOWER
    a.household.stop()
    assert b.tick() == PULLER  # no waiting for the 120 s


def test_clock_skew_between_boxes_changes_nothing(mariadb_server, database, clock):
    """Box a's clock is 3 hours ahead, box b's 5 hours behind, c's 40 days ahead: they agree on the lease,
    and each shows the puller's 'since' on its own clock (server age subtracted from its local now)."""
    skews = {"a": 3 * 3600, "b": -5 * 3600, "c": 40 * 86400}
    a, b, c = (Box(mariadb_server, database, clock, name, local_clock=lambda s=skew: clock.now + s)
               for name, skew in skews.items())
    taken_at = clock.now
    assert [box.tick() for box in (a, b, c)] == [PULLER, FOLLOWER, FOLLOWER]
    clock.advance(90)
    assert [box.tick() for box in (b, c)] == [FOLLOWER, FOLLOWER]
    for box, name in ((a, "a"), (b, "b"), (c, "c")):
        status = box.household.status()
        assert status["puller"] == "Box a"
        assert status["puller_since"] == taken_at + skews[name]
    clock.advance(31)  # a has not renewed for 121 s of server time
    assert c.tick() == PULLER
    assert b.tick() == FOLLOWER and b.household.lease.label == "Box c"


def test_boxes_racing_for_a_free_lease_elect_exactly_one(mariadb_server, database, clock):
    boxes = [Box(mariadb_server, database, clock, f"r{i}") for i in range(8)]
    boxes[0].household.table.ensure()
    roles = {}
    start = threading.Barrier(len(boxes))

    def run(box):
        start.wait()
        roles[box] = box.tick()

    threads = [threading.Thread(target=run, args=(box,)) for box in boxes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(roles.values()) == [FOLLOWER] * 7 + [PULLER]


def test_the_lease_is_per_database(mariadb_server, clock):
    nexus, omega = new_database(mariadb_server, schema=121), new_database(mariadb_server, schema=131)
    assert Box(mariadb_server, nexus, clock, "n").tick() == PULLER
    assert Box(mariadb_server, omega, clock, "o").tick() == PULLER


def test_the_real_server_clock_works_without_any_session_time(mariadb_server, database):
    a, b = Box(mariadb_server, database, None, "a"), Box(mariadb_server, database, None, "b")
    assert a.tick() == PULLER and b.tick() == FOLLOWER
    assert 115 <= b.household.lease.remaining_seconds <= 120


def test_first_push_is_claimed_by_one_box_only(mariadb_server, database, clock):
    a, b = Box(mariadb_server, database, clock, "a"), Box(mariadb_server, database, clock, "b")
    a.tick()
    b.tick()
    assert b.household.claim_first_push() is True
    assert a.household.claim_first_push() is False
    assert b.household.claim_first_push() is False  # once for the library, not once per box either


def test_a_follower_passes_scans_and_sync_now_to_the_puller(mariadb_server, database, clock):
    a, b = Box(mariadb_server, database, clock, "a"), Box(mariadb_server, database, clock, "b")
    a.tick()
    assert b.household.may_pull("timer") is False
    assert b.household.may_pull("scan") is False
    assert a.household.may_pull("timer") is True
    a.tick()
    assert a.pull_requests == ["scan"]
    a.tick()
    assert a.pull_requests == ["scan"]  # served once
    assert a.household.table.take(PULL_REQUEST) is None


def test_the_puller_sees_the_other_boxes_pending_marks(mariadb_server, database, clock):
    a = Box(mariadb_server, database, clock, "a", pending={"movie:1": True})
    b = Box(mariadb_server, database, clock, "b", pending={"episode:7": False})
    a.tick()
    b.tick()
    assert a.household.others_pending() == {"episode:7": False}
    assert b.household.others_pending() == {}  # only the puller plans
    b.pending = {}
    b.tick()
    assert a.household.others_pending() == {}  # confirmed by Simkl: no longer protected


def test_pending_marks_of_a_box_gone_for_a_week_are_ignored_and_living_boxes_refresh_theirs(
        mariadb_server, database, clock):
    a = Box(mariadb_server, database, clock, "a")
    b = Box(mariadb_server, database, clock, "b", pending={"kodi:episode:7": False})
    a.tick()
    b.tick()
    clock.advance(6 * 86400)
    assert a.household.others_pending() == {"kodi:episode:7": False}
    now = [1000.0]
    b.household.pending._monotonic = lambda: now[0]
    b.household.pending._published_at = now[0]
    b.tick()  # unchanged and recently published: not written again
    clock.advance(2 * 86400)
    assert a.household.others_pending() == {}  # 8 days old: that box is gone
    now[0] += 7 * 3600
    b.tick()  # b is alive: it re-publishes its unchanged marks after 6 h
    assert a.household.others_pending() == {"kodi:episode:7": False}


def test_the_puller_publishes_what_it_pulled(mariadb_server, database, clock):
    a, b = Box(mariadb_server, database, clock, "a"), Box(mariadb_server, database, clock, "b")
    a.tick()
    b.tick()
    session = {"simkl": 7, "kind": "movie", "progress": 40.0}
    a.household.publish_pulled(SyncState.from_dict({"activities": {"all": "2026-12-01T10:00:00Z"},
                                                    "account_type": "vip",
                                                    "mirror": {"playback": [session], "movies": {"1": {}}}}))
    b.household.publish_pulled(SyncState.from_dict({"activities": {"all": "ignored: not the puller"}}))
    clock.advance(45)
    status = b.household.status()
    assert status["pulled_by"] == "Box a" and status["pulled_at"] == b.local_clock() - 45
    _, payload = a.household.table.get("pulled")
    assert payload == {"activities": {"all": "2026-12-01T10:00:00Z"}, "playback": [session], "account_type": "vip"}


def test_a_followers_resume_check_reads_the_pullers_stamps_and_sessions(mariadb_server, database, clock):
    a, b = Box(mariadb_server, database, clock, "a"), Box(mariadb_server, database, clock, "b")
    a.tick()
    b.tick()
    own = SyncState.from_dict({"activities": {"all": "old"}, "mirror": {"playback": [], "movies": {"1": {"x": 1}}},
                               "account_type": "free"})
    assert b.household.resume_state(own) is own  # nothing published yet: its own state
    session = {"simkl": 7, "kind": "movie", "progress": 40.0}
    a.household.publish_pulled(SyncState.from_dict({"activities": {"all": "new"}, "mirror": {"playback": [session]},
                                                    "account_type": "pro"}))
    seen = b.household.resume_state(own)
    assert seen.activities == {"all": "new"} and seen.mirror["playback"] == [session]
    assert seen.mirror["movies"] == {"1": {"x": 1}} and seen.account_type == "pro"
    assert own.activities == {"all": "old"} and own.mirror["playback"] == []  # its own state untouched
    assert a.household.resume_state(own) is own  # the puller's own state is the fresh one


def test_without_rights_to_create_the_table_the_box_syncs_alone(mariadb_server, database, clock):
    mariadb_server.create_user("reader", "reader-pw", grants=(f"SELECT ON {database}.*",))
    box = Box(mariadb_server, database, clock, "ro", user="reader", password="reader-pw")
    assert box.tick() == ALONE
    assert box.household.problem == "no_rights"
    assert box.household.may_pull("timer") is True  # today's behaviour
    assert box.household.claim_first_push() is True
    assert box.household.status()["problem"] == "no_rights"


def test_an_unreachable_server_means_alone_then_coordination_when_it_answers(mariadb_server, database, clock):
    box = Box(mariadb_server, database, clock, "a")
    real_connector = box.household.table.connector._connect

    def refused():
        raise ConnectionRefusedError("refused")

    box.household.table.connector._connect = refused
    assert box.tick() == ALONE and box.household.problem == "unreachable"
    box.household.table.connector._connect = real_connector
    assert box.tick() == PULLER


def test_open_household_with_pymysql_connects_to_the_configured_server(mariadb_server, database):
    from household_helpers import config_for

    detection = VideoDbDetection(True, config_for(mariadb_server), database)
    household = open_household(detection, "box-x", "Box X", threading.Event().wait)
    assert household.tick() == PULLER
    assert household.status()["database"] == database


def test_a_wrong_password_is_reported_without_the_password(mariadb_server, database):
    from household_helpers import config_for

    detection = VideoDbDetection(True, config_for(mariadb_server, password="Wrong-Pw-123"), database)
    household = open_household(detection, "box-y", "Box Y", threading.Event().wait)
    with pytest.raises(DbError) as raised:
        household.table.ensure()
    assert raised.value.login_refused and "Wrong-Pw-123" not in str(raised.value)
    assert household.tick() == ALONE and household.problem == "login_refused"


def test_the_rights_the_readme_names_are_enough(mariadb_server, database, clock):
    """README: CREATE, SELECT, INSERT, UPDATE, DELETE on the one table suffice (granted before it exists)."""
    mariadb_server.create_user("leaseonly", "lease-pw", grants=(
        f"SELECT, INSERT, UPDATE, DELETE, CREATE ON {database}.simkl_sync_household",))
    a = Box(mariadb_server, database, clock, "a", user="leaseonly", password="lease-pw")
    b = Box(mariadb_server, database, clock, "b", user="leaseonly", password="lease-pw")
    assert (a.tick(), b.tick()) == (PULLER, FOLLOWER)
    assert b.household.may_pull("scan") is False
    a.household.stop()
    assert b.tick() == PULLER


def test_the_lease_is_per_simkl_account(mariadb_server, database, clock):
    a = Box(mariadb_server, database, clock, "a", account="Alice")
    b = Box(mariadb_server, database, clock, "b", account="alice ")  # the same account, as Simkl names it
    c = Box(mariadb_server, database, clock, "c", account="bob")
    assert [a.tick(), b.tick(), c.tick()] == [PULLER, FOLLOWER, PULLER]
    assert a.household.claim_first_push() and c.household.claim_first_push()
    assert not b.household.claim_first_push()


def test_a_login_to_another_account_releases_the_old_lease(mariadb_server, database, clock):
    a = Box(mariadb_server, database, clock, "a", account="alice")
    b = Box(mariadb_server, database, clock, "b", account="alice")
    assert (a.tick(), b.tick()) == (PULLER, FOLLOWER)
    a.account = "bob"
    assert a.tick() == PULLER  # bob's lease, which nobody held
    assert b.tick() == PULLER  # alice's lease was released: b takes it at once
