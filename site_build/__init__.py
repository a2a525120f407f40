"""The build step: turn the validated catalogue into the static site."""
