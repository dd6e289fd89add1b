"""The terminal survey (Textual). The only package that imports textual."""
