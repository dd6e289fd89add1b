"""One screen per module; each declares its own BINDINGS."""
