"""Tools for developers: a synthetic database, page timings, load and write-stress tests.

The app never imports this package (a test holds it to that); `factdb bench` and
`factdb loadtest` import it when they run.
"""
