"""plugin/bench_memory.py: the bench's window into one listing. Unset, it writes nothing; set, one line a listing
with its time, and its tracemalloc peak only while the switch file exists."""
from resources.lib.simklsync.plugin import bench_memory

ARGV = ["plugin://script.simkl.sync/", "1", "?list=upnext&reload=3"]


def listing():
    return [str(n) * 10 for n in range(20000)]  # something to allocate


def test_without_the_variable_a_listing_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv(bench_memory.MEMORY_ENV, raising=False)
    with bench_memory.traced(ARGV):
        listing()
    assert list(tmp_path.iterdir()) == []


def test_with_the_variable_a_listing_writes_its_time_and_only_under_the_switch_its_peak(tmp_path, monkeypatch):
    log = tmp_path / "listings.log"
    monkeypatch.setenv(bench_memory.MEMORY_ENV, str(log))
    with bench_memory.traced(ARGV):
        listing()
    (tmp_path / "listings.log.on").write_text("")
    with bench_memory.traced(ARGV):
        kept = listing()
    untraced, traced = [line.split(" ", 2) for line in log.read_text().splitlines()]
    assert untraced[0] == "-" and float(untraced[1]) >= 0 and untraced[2] == ARGV[2]
    assert int(traced[0]) > len(kept) * 50 and traced[2] == ARGV[2]
