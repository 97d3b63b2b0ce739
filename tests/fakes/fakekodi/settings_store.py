"""One add-on's settings, typed like Kodi's: defaults from settings.xml, values shared by every Addon()."""
from .addon_files import VALUE_KINDS


class SettingsStore:
    """Tests preset values with store["id"] = value (no onSettingsChanged); the fakes use the typed API."""

    def __init__(self, specs):
        self.specs = dict(specs)
        self.values = {spec.id: spec.default for spec in self.specs.values()}

    def __getitem__(self, setting_id):
        return self.values[setting_id]

    def __setitem__(self, setting_id, value):
        self.values[setting_id] = self._coerce(setting_id, value)

    def __contains__(self, setting_id):
        return setting_id in self.values

    def get(self, setting_id, default=None):
        return self.values.get(setting_id, default)

    def get_typed(self, setting_id, kind):
        """Kodi raises when the setting is unknown or of another type."""
        self._check_kind(setting_id, kind)
        return self.values[setting_id]

    def set_typed(self, setting_id, kind, value):
        self._check_kind(setting_id, kind)
        self.values[setting_id] = kind(value)

    def get_as_text(self, setting_id):
        """getSetting(): every value as Kodi's settings file writes it; unknown ids give ""."""
        value = self.values.get(setting_id, "")
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    def set_from_text(self, setting_id, text):
        """setSetting(): the text is parsed to the setting's type; unknown ids are stored as text."""
        self.values[setting_id] = self._coerce(setting_id, text)

    def _kind_of(self, setting_id):
        spec = self.specs.get(setting_id)
        return VALUE_KINDS.get(spec.type, str) if spec else None

    def _check_kind(self, setting_id, kind):
        if self._kind_of(setting_id) is not kind:
            raise TypeError("Invalid setting type")

    def _coerce(self, setting_id, value):
        kind = self._kind_of(setting_id)
        if kind is None:
            return value
        if kind is bool and isinstance(value, str):
            if value.strip().lower() not in ("true", "false"):
                raise ValueError(f"not a boolean: {value!r}")
            return value.strip().lower() == "true"
        return kind(value)
