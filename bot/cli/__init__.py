"""The `finbot` command: a thin layer over the engine, the calculator, ingest and the Telegram app."""
