"""The plugin source (plugin://script.simkl.sync/): the widget lists, read from the widget file alone."""
