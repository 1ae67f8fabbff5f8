"""Training mode (培训): courses built from the knowledge base's documents, verified quizzes, trainees'
progress, reports and certificates. Imports knowledge, registry and ingest; never a channel."""
