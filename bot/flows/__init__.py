"""Conversation flows: questions, competition registration, activities, records, reports."""
