"""`python -m briefgen`: the same as the `briefgen` command."""

from ._entry import main

main()
