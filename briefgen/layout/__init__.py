"""Layout: measure text, break lines, fit and paginate; no pptx or rich imports here."""
