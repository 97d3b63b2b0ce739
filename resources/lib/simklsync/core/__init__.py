"""The pure core: plain data in, plain data out. Never imports Kodi, requests or simplecache."""
