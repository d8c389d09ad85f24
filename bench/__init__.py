"""`python -m bench`: newsdesk's throughput, memory and rerun cost against bare spaCy."""
