"""Stretch figures, in three parts that depend one way only.

``model`` is the pose data and its geometry: joints, base poses, props and the shapes a figure is
made of, with no knowledge of how they are drawn (the content model imports only this).
``svg`` draws those shapes for the web page and the index thumbnails; ``raster`` draws them with
Pillow for the printed card and the contact sheet. Import the part you need.
"""
