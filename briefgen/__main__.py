"""`python -m briefgen`: the same as the `briefgen` command."""

from .cli import main

main()
