"""One sync cycle from Simkl into Kodi, as named steps: fetch, plan, write, tags, ratings, status."""
