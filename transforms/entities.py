"""Entity mentions of one Doc as rows (one pure function), and entity ids."""
