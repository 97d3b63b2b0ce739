"""Several Kodi boxes on one shared MySQL/MariaDB video library: one box pulls from Simkl, every box scrobbles."""
