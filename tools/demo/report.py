"""The demo's printed output as lines of aligned text (formatting only; `emit` does the printing)."""
import sys

RESUME_WIDTH = 6
LASTPLAYED_WIDTH = 16
SIDE_WIDTH = 5 + 2 + LASTPLAYED_WIDTH + 2 + RESUME_WIDTH
NOT_SHOWN_QUERY = ("client_id", "app-name", "app-version")  # on every request: noise in a table


def emit(lines):
    sys.stdout.write("".join(line + "\n" for line in lines))
    sys.stdout.flush()


def heading(text):
    return ["", text, "-" * len(text)]


def library_table(before, after):
    """Side by side, each movie/episode before and after; a '*' marks the rows that changed."""
    old = {row.key: row for row in before}
    width = max(len(row.title) for row in after)
    lines = [f"  {'':{width}}   {'Kodi before':{SIDE_WIDTH}}   Kodi after",
             f"  {'title':{width}}   {_columns('plays', 'last played', 'resume')}   "
             f"{_columns('plays', 'last played', 'resume')}"]
    for row in after:
        previous = old.get(row.key, row)
        mark = " " if _state(previous) == _state(row) else "*"
        lines.append(f"{mark} {row.title:{width}}   {_cells(previous)}   {_cells(row)}")
    return lines


def _state(row):
    return row.playcount, row.lastplayed, row.resume


def _columns(plays, lastplayed, resume):
    return f"{plays:>5}  {lastplayed:{LASTPLAYED_WIDTH}}  {resume:>{RESUME_WIDTH}}"


def _cells(row):
    return _columns(row.playcount or "-", row.lastplayed[:LASTPLAYED_WIDTH] or "-", _resume(row.resume))


def _resume(resume):
    position, total = resume
    if not position:
        return "-"
    if total:
        return f"{100.0 * position / total:.0f} %"
    return f"{int(position) // 60}:{int(position) % 60:02d}"


def request_table(records):
    """The requests the emulator saw, in order; identical ones in a row are counted, not repeated."""
    groups = _collapsed(records)
    width = max([len(target) for (_, target, _), _ in groups] or [0])
    lines = []
    for (method, target, status), count in groups:
        times = f"  x{count}" if count > 1 else ""
        answer = "reset" if status is None else str(status)
        lines.append(f"  {method:6} {target:{width}}  {answer}{times}")
    lines.append(f"  ({len(records)} requests)")
    return lines


def _collapsed(records):
    groups = []
    for record in records:
        key = (record.method, _target(record), record.status)
        if groups and groups[-1][0] == key:
            groups[-1][1] += 1
        else:
            groups.append([key, 1])
    return groups


def _target(record):
    query = [f"{name}={value}" for name, value in sorted(record.query.items()) if name not in NOT_SHOWN_QUERY]
    target = record.path + ("?" + "&".join(query) if query else "")
    progress = record.body.get("progress") if isinstance(record.body, dict) else None
    return target if progress is None else f"{target} (progress {progress:.1f} %)"


def simkl_table(rows):
    """rows: [(moment, list status, watched at, recorded by)] of one title on the Simkl account."""
    lines = [f"  {'':8} {'list':12} {'watched at (UTC)':22} recorded by"]
    for moment, status, watched_at, source in rows:
        lines.append(f"  {moment:8} {status or '-':12} {watched_at or 'not watched':22} {source or '-'}")
    return lines
