"""The optional LLM answerer: an OpenAI-compatible chat model through LangChain (the `llm` extra),
whose every sentence is checked against the passages it was given before anyone sees it.

client.py builds the chat model from settings values; prompt.py the numbered-passage prompt;
verify.py the sentence verifier; answerer.py the answerer with its extractive fallback; stream.py the
streamed events. Nothing here imports LangChain at module level: without the extra installed, the
product imports and answers extractively.
"""
