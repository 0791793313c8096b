"""The machine-learning core, shared by every framework: training, loading, input validation."""
