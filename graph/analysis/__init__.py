"""The analyses: pure functions over the networkx projection, each answer with its evidence."""
