"""The clerk's side of custody: handing files over, and issuing results."""
