"""Following what Kodi plays: the player, the playing item, scrobbling, resume across devices."""
