"""The journal: every library write the add-on made to Kodi and every write Simkl accepted from it, kept
bounded on disk so a sync can be looked at and undone. Pure: plain records in, plain records out.

    records.py  the record shapes (a Kodi write: item, fields before → after; a Simkl write: kind, action, body)
    file.py     JournalFile: JSON lines appended, a torn last line skipped, bounded (age, count), rewritten whole
    journal.py  Journal: the cycle in progress and the calls that record (what library and sender use)
    undo.py     plan_undo: a cycle's records → the Kodi writes that put the values back and the Simkl reversals
    dates.py    a history removal's body with the watched_at dates the mirror holds (so a re-add is exact)
    cycles.py   the recent cycles with their counts (the status dialog's list)
"""
