"""Domain core of the shipping-rules knowledge base: articles, text pipeline, search, calculators."""
