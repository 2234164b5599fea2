"""The MkDocs plugin: thin glue from MkDocs events to briefgen's stages.

on_config loads and validates data/ (before MkDocs cleans the site folder, so a
bad brief leaves the last good site untouched); on_files adds every generated
page, chart and CSV as a virtual file. Nothing is written into docs/.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from briefgen.charts import ChartCache
from briefgen.load import InvalidData, load_corpus
from briefgen.model import Corpus
from briefgen.site import STYLESHEET, generate_site

log = get_plugin_logger(__name__)


class BriefgenConfig(Config):
    data_dir = c.Type(str, default="data")
    """Folder holding briefs/, the registry files, metrics.yml and units.yml, relative to mkdocs.yml."""

    cache_dir = c.Type(str, default=".cache/briefgen")
    """Where rendered charts are kept between builds, relative to mkdocs.yml."""


class BriefgenPlugin(BasePlugin[BriefgenConfig]):
    def __init__(self) -> None:
        self.corpus: Corpus | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps one plugin instance across `mkdocs serve`
        # rebuilds; per-build state is still reset in on_config.
        pass

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        data_dir = root / self.config.data_dir
        self.corpus = None
        if str(data_dir) not in config.watch:
            config.watch.append(str(data_dir))
        try:
            self.corpus = load_corpus(data_dir, display_root=root)
        except InvalidData as invalid:
            count = len(invalid.problems)
            raise PluginError(
                f"briefgen: {count} problem{'s' if count != 1 else ''} in {self.config.data_dir}/, "
                f"nothing was built:\n{invalid}"
            ) from None
        self.cache = ChartCache(root / self.config.cache_dir)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.corpus is not None  # on_config raised otherwise
        outputs = generate_site(
            self.corpus, self.cache, site_name=config.site_name, about=config.site_description or ""
        )
        for output in outputs:
            if files.get_file_from_path(output.path) is not None:
                raise PluginError(
                    f"briefgen: docs/{output.path} collides with a generated page; rename or remove it"
                )
            files.append(File.generated(config, output.path, content=output.content))
        log.debug("generated %d files", len(outputs))
        return files
