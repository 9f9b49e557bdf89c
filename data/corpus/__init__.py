"""The shipped corpus's train split, installed as package data of ``factcheck.corpus_data``."""
