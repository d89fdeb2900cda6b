"""`python -m bot` is the same as the `finbot` command."""

from bot.cli.main import main

if __name__ == "__main__":
    main()
