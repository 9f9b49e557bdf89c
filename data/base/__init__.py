"""The shipped base data (count vectors, no text), installed as package data of ``factcheck.base_data``."""
