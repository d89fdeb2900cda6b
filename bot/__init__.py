"""finbot: answers borrowers' questions about overdue loans and credit cards, with sources and a calculator."""

__version__ = "0.1.0"
