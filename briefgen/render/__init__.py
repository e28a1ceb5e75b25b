"""Renderers: the only modules that import python-pptx or rich."""
