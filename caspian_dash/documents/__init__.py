"""Documents, the chain's first link: read a folder and its manifest (ingest), convert and
store uploads safely (convert, store), the user's folder (userdata), a folder made ready for
the app with its events extracted and cached (corpus), events on disk (events_io), and the
``add``/``remove`` commands (cli)."""
