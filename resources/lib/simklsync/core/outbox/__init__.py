"""The durable outbox of writes to Simkl: entries, their bodies, the reply rules, pauses, the file on disk."""
