"""The doors: the FastAPI app and the command line. Thin: parse, call ``graph``, shape the answer."""
