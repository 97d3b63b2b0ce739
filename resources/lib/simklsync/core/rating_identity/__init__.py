"""Which item and which library a remembered Kodi rating belongs to: external ids and a database identity, never
the database row that happened to hold it (rows are renumbered by a rebuild, a MySQL import, a restored backup)."""
