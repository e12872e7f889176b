"""The routers, one per resource or question."""
