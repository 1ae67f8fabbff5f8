"""HTTP API (FastAPI) over the knowledge base, the registry and the conversation engine: `create_app`."""
