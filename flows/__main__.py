"""`python -m flows` is the `newsdesk` command."""

from flows.cli import main

main()
