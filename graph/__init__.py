"""The knowledge and everything computed from it: the store, loading and validation, analyses, exports.

Depends on ``ontology``; knows nothing of HTTP.
"""
