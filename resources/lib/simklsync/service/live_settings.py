"""The settings the service answers from memory between reads: the marks listener asks for every OnUpdate
(thousands during a big sync), so it is not answered from settings.xml. Re-read once Kodi's writes settle."""
from ..kodi import log, settings


class LiveSettings:
    """LiveSettings(timer): marks_on for the marks listener; reload() also sets the log level and the
    check timer's interval."""

    def __init__(self, timer):
        self._timer = timer
        self.marks_on = settings.Settings().marks_enabled

    def reload(self):
        current = settings.Settings()
        log.setup(current.debug_logging)
        self.marks_on = current.marks_enabled
        self._timer.set_interval(current.sync_interval_minutes)

    def logged_in(self):
        self.marks_on = settings.Settings().marks_enabled

    def logged_out(self):
        self.marks_on = False
