"""Shipped models, installed as package data of ``factcheck.models``."""
