"""Privacy: what Brygga holds about a person, handed over, removed and explained."""
