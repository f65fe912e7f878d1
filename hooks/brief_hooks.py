"""MkDocs hooks for the news brief: a thin adapter over the ``newsbrief`` package.

MkDocs imports this file once per process (``mkdocs serve`` keeps it), so it holds
no logic: each event reloads changed implementation modules and hands over.
"""

import newsbrief  # hooks/ is on sys.path while MkDocs imports this file
from newsbrief import mkdocs_adapter

_session = mkdocs_adapter.Session()


def on_config(config):
    if newsbrief.reload_if_changed():
        _session.cache = mkdocs_adapter.FileCache()  # cached records belong to the old classes
    mkdocs_adapter.start_build(_session, config)
    return config


def on_pre_build(config):
    mkdocs_adapter.load_and_report(_session.build, _session.cache)
