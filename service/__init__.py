"""The composition root and the services every adapter shares: Settings, the application object, jobs."""
