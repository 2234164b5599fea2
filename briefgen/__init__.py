"""briefgen: annotated YAML briefs of news articles → a static MkDocs site."""
