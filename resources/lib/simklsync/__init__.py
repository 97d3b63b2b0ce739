"""Simkl Sync: keeps a Simkl account and the Kodi video library in step."""
