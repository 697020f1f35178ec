"""Schema steps, one module per job; ``bot.storage.migrations`` applies them in order."""
