"""The widgets' rules: Up Next, Continue watching, the status lists and the widget file the plugin lists from."""
