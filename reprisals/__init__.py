"""Reprisals Register."""
