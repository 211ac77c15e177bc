"""Routine audio: each routine as an MP3 following the timer's plan, to play with the screen off.

One module per concern: ``speech`` (eSpeak NG through ctypes), ``cues`` (the plan as a cue sheet:
what is heard when), ``track`` (a cue sheet mixed into samples and encoded), ``build`` (every
routine's track, cached by content and rendered in parallel). Nothing here imports MkDocs.
"""
