"""Command groups of the ``stackatlas`` CLI beyond the core ones; each module has ``register(app)``."""
