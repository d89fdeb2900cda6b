"""The answer engine: routing, section matching, retrieval, composition, memory, calculation text, optional LLM."""
