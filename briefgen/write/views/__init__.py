"""The page families of the site, one module each; `VIEWS` is the list a build makes its pages from.

Adding a page family: a module here with a view class (see `write/view.py`),
its template in `write/templates/`, a row in the site map (`briefgen/sitemap.py`)
when it opens a section of its own, and its class in `VIEWS`.
"""

from __future__ import annotations

from briefgen.write.view import ViewClass
from briefgen.write.views.briefs import BriefsView
from briefgen.write.views.connections import ConnectionsView
from briefgen.write.views.downloads import DownloadsView
from briefgen.write.views.entities import EntitiesView
from briefgen.write.views.figures import FiguresView
from briefgen.write.views.home import HomeView
from briefgen.write.views.map import MapView
from briefgen.write.views.timeline import TimelineView
from briefgen.write.views.topics import TopicsView

VIEWS: tuple[ViewClass, ...] = (
    HomeView, BriefsView, EntitiesView, FiguresView, TimelineView, TopicsView, ConnectionsView, MapView,
    DownloadsView,
)
