"""Planning the Kodi writes of a sync: which Simkl entry claims which Kodi item, what to write, in what order."""
