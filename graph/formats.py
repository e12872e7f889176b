"""The serializations pyoxigraph writes, by short name: one table for the CLI, the endpoint and its workers.

>>> sorted(RESULT_FORMATS)
['csv', 'json', 'tsv', 'xml']
>>> GRAPH_FORMATS["turtle"]
<RdfFormat Turtle>
"""

from __future__ import annotations

import pyoxigraph as ox

#: SELECT and ASK results
RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
#: CONSTRUCT and DESCRIBE results, and graph exports in RDF
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
