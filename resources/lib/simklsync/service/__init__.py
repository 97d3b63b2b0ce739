"""The long-lived service: Kodi's callbacks, the worker thread, when to check Simkl, the outbox flush, the account."""
