"""Builds the Whoosh index from `articles/`: validate first, then publish atomically."""
