"""Facts from Indonesian text, in plain Python (no Django)."""
