"""`finbot eval`: the evaluation harness and the plain LangChain baseline it compares against."""
