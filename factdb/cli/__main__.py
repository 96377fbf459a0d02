"""`python -m factdb.cli`: the same as the `factdb` command."""

from factdb.cli import main

main()
