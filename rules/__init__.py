"""Rules as data (``*.toml``) and the engine that runs them over a ``models.Document``."""
