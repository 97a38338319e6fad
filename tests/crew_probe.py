"""A module nothing imports but tests/test_crew.py's preload test (which checks that the crew imports it)."""
