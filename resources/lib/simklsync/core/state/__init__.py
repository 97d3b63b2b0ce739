"""What the add-on remembers between cycles: the mirror of the account, the sync state, the JSON files."""
