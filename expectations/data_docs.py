"""Data Docs that open offline: the GX site, rendered without CDNs, beacons or jQuery.

Great Expectations 1.x renders its Data Docs with templates that load Bootstrap, jQuery,
bootstrap-table, Vega and Font Awesome from public CDNs, show a logo fetched from S3
with the data context id in the query string, and draw the index tables in JavaScript
from those libraries. Offline, the index lists nothing and the icons are blank; its
font and favicon paths are also too deep outside the index page (fonts by one level
on validation pages and three on suite pages, the favicon by one on validation pages).

The site builder accepts a view class per section (`site_config`), and these views put
our templates in front of GX's own: the same content, rendered as static HTML with a
small inline stylesheet, the local logo, Unicode status icons, static tables and a
few lines of plain JavaScript for the "failed only" filter. GX's own escaping of values
(expectation kwargs, unexpected values) is unchanged; no template here outputs a value
from the data except through GX's renderers.

`expectations.site_check` checks the result without a browser, `expectations.browser_check`
with headless Chromium.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from importlib.resources import files
from typing import Any

from great_expectations.render.view import DefaultJinjaIndexPageView, DefaultJinjaPageView
from jinja2 import BaseLoader, ChoiceLoader, DictLoader, pass_context

MODULE = __name__


def site_config() -> dict[str, Any]:
    """The `local_site` Data Docs config: GX's defaults with our offline views."""
    page_view = {"module_name": MODULE, "class_name": "OfflinePageView"}
    return {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": "uncommitted/data_docs/local_site/",
        },
        "site_index_builder": {
            "class_name": "DefaultSiteIndexBuilder",
            "show_cta_footer": False,
            "view": {"module_name": MODULE, "class_name": "OfflineIndexPageView"},
        },
        "site_section_builders": {
            "expectations": {"view": page_view},
            "validations": {"view": page_view},
            "profiling": {"view": page_view},
        },
    }


@pass_context
def _site_root(context: Any) -> str:
    """Relative path from the page being rendered to the site's root folder."""
    renderer_type = str(context.get("renderer_type") or "")
    dots = str(context.get("expectation_suite_name") or "").count(".")
    if "ValidationResults" in renderer_type or "ProfilingResults" in renderer_type:
        return "../" * (dots + 4)  # validations/SUITE/RUN_NAME/RUN_TIME/BATCH.html
    if "ExpectationSuite" in renderer_type:
        return "../" * (dots + 1)  # expectations/SUITE.html
    return "./"


def _sorted_rows(
    rows: Iterable[Mapping[str, Any]], columns: list[Mapping[str, Any]], options: Mapping[str, Any]
) -> list[Mapping[str, Any]]:
    """The rows in the order bootstrap-table would show them first (its sortName/Order)."""
    rows = list(rows)
    sort_field = options.get("sortName")
    if not sort_field:
        return rows
    column = next((c for c in columns if c.get("field") == sort_field), {})
    key = column.get("sortName", sort_field)
    reverse = options.get("sortOrder") == "desc"
    return sorted(rows, key=lambda row: str(row.get(key, "")), reverse=reverse)


def _looks_like_markup(value: object) -> bool:
    return "<" in str(value)


_OFFLINE_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; font-size: 14px; color: #212529; background: #fff; margin: 0; }
a { color: #0b61a4; }
.container-fluid { padding: 0 1rem; box-sizing: border-box; width: 100%; }
.row { display: flex; flex-wrap: wrap; margin: 0 -0.5rem; }
[class*="col-"] { box-sizing: border-box; padding: 0 0.5rem; width: 100%; min-width: 0; }
@media (min-width: 768px) {
  .col-md-2 { flex: 0 0 16.66%; max-width: 16.66%; }
  .col-md-10 { flex: 0 0 83.33%; max-width: 83.33%; }
  .col-md-4 { flex: 0 0 33.33%; max-width: 33.33%; }
  .col-md-6 { flex: 0 0 50%; max-width: 50%; }
  .col-md-8 { flex: 0 0 66.66%; max-width: 66.66%; }
}
.navbar { display: flex; align-items: center; padding: 0.5rem 1rem; background: #fff;
          border-bottom: 1px solid #dee2e6; }
.navbar img { height: 40px !important; }
.breadcrumb { display: inline-flex; list-style: none; margin: 0 0 0 1rem; padding: 0.25rem 0.75rem;
              background: #f8f9fa; border-radius: 4px; }
.breadcrumb-item + .breadcrumb-item::before { content: "/"; padding: 0 0.5rem; color: #6c757d; }
.card { border: 1px solid #dee2e6; border-radius: 4px; margin-bottom: 1rem; background: #fff; }
.card-header { padding: 0.5rem 0.75rem; background: #f7f7f7; border-bottom: 1px solid #dee2e6; }
.card-body { padding: 0.75rem; }
.table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
.table th, .table td { border-top: 1px solid #dee2e6; padding: 0.3rem 0.5rem; text-align: left;
                       vertical-align: top; }
.table thead th { border-bottom: 2px solid #dee2e6; }
.table-responsive { overflow-x: auto; }
.alert { padding: 0.5rem 0.75rem; border-radius: 4px; margin-bottom: 0.5rem; }
.alert-secondary { background: #e2e3e5; }
.badge { display: inline-block; padding: 0.2em 0.45em; border-radius: 4px; font-size: 85%;
         background: #6c757d; color: #fff; }
.badge-info { background: #17a2b8; }
.text-success { color: #1e7e34 !important; }
.text-danger { color: #c82333 !important; }
.text-warning { color: #b8860b !important; }
.btn { display: inline-block; padding: 0.25rem 0.5rem; border: 1px solid #0b61a4;
       border-radius: 4px; background: #0b61a4; color: #fff; cursor: pointer; font-size: 13px; }
.btn-group-toggle input { display: none; }
.nav { list-style: none; padding: 0; margin: 0 0 1rem 0; display: flex; flex-wrap: wrap; }
.nav-link { display: block; padding: 0.3rem 0.75rem; }
.tab-pane, .collapse, .fade { display: block !important; opacity: 1 !important; }
.tab-pane { margin-bottom: 1.5rem; }
.modal { display: none !important; }
.cooltip .top { display: none; }
.cooltip:hover .top { display: block; position: absolute; z-index: 5; background: #fff;
                      border: 1px solid #dee2e6; padding: 0.5rem; white-space: pre; }
.fas::before { font-style: normal; font-weight: bold; }
.fa-check-circle::before { content: "\\2714"; }
.fa-times::before { content: "\\2716"; }
.fa-exclamation-triangle::before { content: "\\26A0"; }
.fa-question-circle::before { content: "?"; }
.fa-comment::before { content: "\\1F4AC"; }
pre { white-space: pre-wrap; word-break: break-word; }
footer.newsdesk-footer { color: #6c757d; font-size: 12px; padding: 1rem 2rem; }
"""

_HEAD = """
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<title>newsdesk data quality{% if page_title %}: {{ page_title }}{% endif %}</title>
<style>{% include 'data_docs_default_styles.css' %}</style>
<style>{% include 'newsdesk_offline.css' %}</style>
<style>{% include 'data_docs_custom_styles.css' ignore missing %}</style>
{% include 'favicon.j2' %}
"""

_PAGE = """<!DOCTYPE html>
<html>
  <head>{% include 'newsdesk_head.j2' %}</head>
  <body>
    {% include 'top_navbar.j2' %}
    <div class="container-fluid pt-4 pb-4 pl-5 pr-5">
      <div class="row">
        {% include 'sidebar.j2' %}
        <div class="col-md-10 col-lg-10 col-xs-12 pl-md-4 pr-md-3">
        {% for section in sections %}
          {% set section_loop = loop -%}
          {% include 'section.j2' %}
        {% endfor %}
        </div>
      </div>
    </div>
    {% include 'cloud-footer.j2' %}
  </body>
</html>
"""

_TOP_NAVBAR = """
{% set home_url = "#" if "SiteIndex" in renderer_type else site_root() ~ "index.html" %}
<nav class="navbar navbar-expand-md sticky-top border-bottom">
  <div class="mr-auto">
    <nav class="d-flex align-items-center">
      <div class="float-left navbar-brand m-0 h-100">
        <a href="{{ home_url }}"><img src="{{ site_root() ~ 'static/images/logo-long.png' }}"
           alt="Great Expectations" style="width: auto; height: 40px"/></a>
      </div>
      {% if page_title %}
        <ol class="ge-breadcrumbs breadcrumb">
          <li class="ge-breadcrumbs-item breadcrumb-item"><a href="{{ home_url }}">Home</a></li>
          <li class="ge-breadcrumbs-item breadcrumb-item active">{{ page_title }}</li>
        </ol>
      {% endif %}
    </nav>
  </div>
</nav>
"""

_FAVICON = """
<link rel="shortcut icon" type="image/x-icon"
      href="{{ site_root() ~ 'static/images/favicon.ico' }}"/>
"""

_FOOTER = """
<footer class="newsdesk-footer">
  newsdesk data-quality report, rendered by Great Expectations {{ ge_version }} for offline
  viewing: no script, stylesheet, font or image is loaded from the network.
</footer>
"""

_STATIC_TABLE = """
{% include 'content_block_header.j2' %}
{% set table_columns = content_block["table_columns"] %}
{% set table_options = content_block.get("table_options", {}) %}
{% set rows = content_block["table_data"] | render_bootstrap_table_data %}
<div class="table-responsive">
<table id="{{ content_block_id ~ '-body-table' }}" class="table table-sm newsdesk-static-table">
  <thead><tr>
    {% for column in table_columns %}<th>{{ column["title"] }}</th>{% endfor %}
  </tr></thead>
  <tbody>
  {% for row in newsdesk_sorted_rows(rows, table_columns, table_options) %}
    {% set ns = namespace(linked=false) %}
    {% set link = row.get("_table_row_link_path") %}
    <tr>
    {% for column in table_columns %}
      {% set value = row.get(column["field"], "") %}
      {% if newsdesk_is_markup(value) %}
        <td>{{ value }}</td>
      {% elif link and not ns.linked %}
        {% set ns.linked = true %}
        <td><a href="{{ link | e }}">{{ value | e }}</a></td>
      {% else %}
        <td>{{ value | e }}</td>
      {% endif %}
    {% endfor %}
    </tr>
  {% endfor %}
  </tbody>
</table>
</div>
"""

_GRAPH = """
{% include 'content_block_header.j2' %}
<p class="text-muted"><em>(chart not drawn: these Data Docs load no charting library)</em></p>
"""

_PAGE_ACTION_CARD = """
<script>
  function newsdeskFailedOnly(only) {
    const show = (el) => { if (el) { el.style.display = only ? "none" : ""; } };
    document.querySelectorAll(".hide-succeeded-validation-target-child")
      .forEach((el) => show(el.parentElement));
    document.querySelectorAll(".hide-succeeded-validation-target").forEach(show);
    document.querySelectorAll(".hide-succeeded-validations-column-section-target-child")
      .forEach((el) => {
        const section = el.parentElement && el.parentElement.parentElement;
        show(section);
        if (section && section.id) {
          document.querySelectorAll('a[href$="' + section.id + '"]').forEach(show);
        }
      });
  }
</script>
<div class="card mb-3">
  <div class="card-header p-2"><strong>Actions</strong></div>
  <div class="card-body p-3">
    <p class="card-text col-12 p-0 mb-1">Validation Filter:</p>
    <button type="button" class="btn" onclick="newsdeskFailedOnly(false)">Show All</button>
    <button type="button" class="btn" onclick="newsdeskFailedOnly(true)">Failed Only</button>
  </div>
</div>
"""


def _default_styles() -> str:
    """GX's stylesheet template with its font paths fixed and its remote image dropped."""
    source = (
        files("great_expectations")
        .joinpath("render/view/static/styles/data_docs_default_styles.css")
        .read_text(encoding="utf-8")
    )
    # GX sets static_fonts_dir one level too deep on validation pages and three on suite
    # pages; point it at the site's root instead.
    source = re.sub(
        r"\{% if \"ValidationResults\" in renderer_type.*?\{% endif %\}",
        '{% set static_fonts_dir = site_root() ~ "static/fonts/" -%}',
        source,
        count=1,
        flags=re.DOTALL,
    )
    return re.sub(r"url\(\s*['\"]?https?://[^)]*\)", "none", source)


def _templates() -> dict[str, str]:
    return {
        "newsdesk_offline.css": _OFFLINE_CSS,
        "newsdesk_head.j2": _HEAD,
        "data_docs_default_styles.css": _default_styles(),
        "page.j2": _PAGE,
        "index_page.j2": _PAGE,
        "page_minimal.j2": _PAGE,
        "favicon.j2": _FAVICON,
        "js_script_imports.j2": "",
        "top_navbar.j2": _TOP_NAVBAR,
        "cloud-footer.j2": _FOOTER,
        "cta_footer.j2": "",
        "bootstrap_table.j2": _STATIC_TABLE,
        "bootstrap_table_js_functions.j2": "",
        "graph.j2": _GRAPH,
        "page_action_card.j2": _PAGE_ACTION_CARD,
    }


def _offline(env: Any) -> None:
    loader: BaseLoader = ChoiceLoader([DictLoader(_templates()), env.loader])
    env.loader = loader
    env.globals["site_root"] = _site_root
    env.globals["newsdesk_sorted_rows"] = _sorted_rows
    env.globals["newsdesk_is_markup"] = _looks_like_markup


def _escaped_table(content_block: dict[str, Any]) -> dict[str, Any]:
    """A table block whose plain-string cells are HTML-escaped.

    GX 1.24 puts data values (the unexpected values of a failed expectation, batch
    markers) into tables as plain strings and renders them raw, so a value such as
    `<script>...` would run in the page. Markup that GX means is never a plain string
    cell: it comes as nested content blocks (escaped by GX's string templates)."""

    def cell(value: Any) -> Any:
        if isinstance(value, str):
            return html.escape(value, quote=False)
        if isinstance(value, list):
            return [cell(v) for v in value]
        return value

    escaped = dict(content_block)
    escaped["table"] = [cell(row) for row in content_block.get("table") or []]
    if content_block.get("header_row"):
        escaped["header_row"] = cell(content_block["header_row"])
    return escaped


class OfflinePageView(DefaultJinjaPageView):  # type: ignore[misc]
    """Suite and validation-result pages without network assets, data values escaped."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offline(self.env)

    @pass_context
    def render_content_block(
        self,
        jinja_context: Any,
        content_block: Any,
        index: Any = None,
        content_block_id: Any = None,
        render_to_markdown: bool = False,
    ) -> Any:
        if isinstance(content_block, dict) and content_block.get("content_block_type") == "table":
            content_block = _escaped_table(content_block)
        return super().render_content_block(
            jinja_context, content_block, index, content_block_id, render_to_markdown
        )


class OfflineIndexPageView(DefaultJinjaIndexPageView):  # type: ignore[misc]
    """The site index, its tables rendered as static HTML."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offline(self.env)
