"""Everything that talks HTTP to Simkl."""
