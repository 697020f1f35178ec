"""Campaign broadcasts: rows with a lifecycle, a delivery row per recipient, a sending pump."""
