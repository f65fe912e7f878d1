"""MkDocs hooks for the news brief: a thin adapter over the ``newsbrief`` package.

MkDocs imports this file once per process (``mkdocs serve`` keeps it), so it holds
no logic: each event reloads changed implementation modules and hands over.
"""

from mkdocs.plugins import CombinedEvent, event_priority

import newsbrief  # hooks/ is on sys.path while MkDocs imports this file
from newsbrief import mkdocs_adapter as adapter

_session = adapter.Session()


def on_startup(command, dirty):
    _session.command = command
    _session.dirty = dirty
    if dirty:
        adapter.quiet_dirty_warning()


def on_config(config):
    if newsbrief.reload_if_changed():
        _session.forget()  # cached records and pages belong to the old code
    adapter.start_build(_session, config)
    return config


def on_files(files, config):
    return adapter.on_files(_session.build, _session.cache, files, config, parallel=adapter.use_worker(_session.command))


def on_nav(nav, config, files):
    adapter.on_nav(_session.build, nav)
    return nav


def on_pre_page(page, config, files):
    adapter.on_pre_page(_session.build, page)
    return page


@event_priority(100)  # before the search plugin indexes the page
def _fill_page(context, page, config, nav):
    adapter.fill_generated_page(_session.build, page)
    return context


def _decorate_page(context, page, config, nav):
    return adapter.on_page_context(_session.build, context, page)


on_page_context = CombinedEvent(_fill_page, _decorate_page)


def on_env(env, config, files):
    adapter.on_env(_session.build, config, env)
    return env


def on_post_page(output, page, config):
    return adapter.on_post_page(_session.build, output, page, config)


@event_priority(100)  # before the search plugin writes its index
def on_post_build(config):
    adapter.on_post_build(_session.build, config)


def on_post_template(output_content, template_name, config):
    return adapter.on_post_template(_session.build, output_content, template_name, config)


def on_build_error(error):
    adapter.end_build(_session.build)


def session():
    """What the last build made, for the preview server (newsbrief/preview.py)."""
    return _session


def on_serve(server, config, builder):
    return adapter.guard_builder(server, on_failure=_session.forget)
