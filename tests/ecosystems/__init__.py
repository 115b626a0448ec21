"""Ecosystems and their members: onboarding, member lists and import, directories, profiles."""
