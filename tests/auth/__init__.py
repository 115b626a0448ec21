"""Signing in and out, passwords, sign-up links, and the language of the pages."""
