"""The SPARQL 1.1 endpoint's parts: protocol parsing, content negotiation, limits, cache, metrics,
service description, and the service object that ties them to the worker pool."""
