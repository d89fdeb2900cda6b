"""Knowledge articles -> searchable index. Owns the index format; nothing else writes to it."""
