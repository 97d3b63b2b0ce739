"""Rules for what is playing: scrobble entries, resume offers, the rate prompt, plugin playback ids."""
