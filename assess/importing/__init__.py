"""Importers: other tools' exports turned into response files.

``forms`` reads Google Forms CSV and Microsoft Forms XLSX exports and the mapping that
ties their columns to questions; ``rows`` turns the rows into responses and places them.
A future importer (another survey tool) gets a module of its own here.
"""
