"""One module per source format; each turns bytes into a :class:`~ingest.formats.base.RawText`."""
