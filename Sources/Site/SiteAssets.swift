/// The style sheet and script every page links (`assets/site.css`, `assets/site.js`), shipped in the
/// output so the site works with no network.
public enum SiteAssets {
    /// Path → content of every asset file.
    public static let files: [(path: String, content: String, mediaType: String)] = [
        (SitePaths.stylesheet, css, "text/css; charset=utf-8"),
        (SitePaths.script, script, "text/javascript; charset=utf-8"),
    ]

    public static let css = """
        :root { --met:#1a7f37; --on_track:#0e7490; --behind:#b45309; --missed:#c62828; --no_data:#6b7280;
          --redacted:#6b21a8; --incomparable:#334155; }
        * { box-sizing: border-box; }
        body { font: 14px/1.5 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
          margin: 0 auto; max-width: 1200px; padding: 12px 24px 32px; color: #111827; background: #fff; }
        nav.site { display: flex; gap: 18px; border-bottom: 1px solid #e5e7eb; padding: 4px 0 10px; margin-bottom: 12px; }
        nav.site a { font-weight: 600; }
        h1 { font-size: 22px; margin: 0 0 4px; } h1 small { color: #6b7280; font-weight: 400; font-size: 15px; }
        h2 { font-size: 17px; margin-top: 28px; }
        .meta { color: #4b5563; margin: 0 0 8px; overflow-wrap: anywhere; }
        .notice { border-left: 4px solid var(--no_data); background: #f3f4f6; padding: 8px 12px; }
        .notice.alert { border-left-color: var(--missed); background: #fef2f2; }
        .filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 12px 0; }
        .filters select, .filters input { font: inherit; padding: 3px 6px; }
        .filters input { width: 16em; max-width: 100%; }
        #shown { color: #4b5563; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border-bottom: 1px solid #e5e7eb; padding: 6px 8px; vertical-align: top; text-align: left; }
        th { background: #f9fafb; font-weight: 600; white-space: nowrap; }
        td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.src { color: #4b5563; font-size: 12px; max-width: 240px; overflow-wrap: anywhere; }
        .expl { color: #4b5563; font-size: 12px; max-width: 440px; }
        .scroll { overflow-x: auto; }
        .status, .flag, .run, .kind { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; white-space: nowrap; }
        .status { color: #fff; }
        .s-met { background: var(--met); } .s-on_track { background: var(--on_track); }
        .s-behind { background: var(--behind); } .s-missed { background: var(--missed); }
        .s-no_data { background: var(--no_data); } .s-redacted { background: var(--redacted); }
        .s-incomparable { background: var(--incomparable); }
        .flag { background: #fef3c7; color: #92400e; border: 1px solid #f59e0b; font-weight: 400; }
        .flag.f-stale { background: #fee2e2; color: #991b1b; border-color: #ef4444; }
        .run { background: #f3f4f6; color: #374151; }
        .r-failed, .r-interrupted, .r-stopped { background: #fee2e2; color: #991b1b; }
        .r-partial, .r-kept { background: #fef3c7; color: #92400e; }
        .kind { background: #e0e7ff; color: #3730a3; } .kind.k-observation { background: #dcfce7; color: #166534; }
        .item[hidden], section[hidden] { display: none; }
        tr:target, details:target, details.target { background: #fef9c3; }
        a { color: #1d4ed8; text-decoration: none; } a:hover { text-decoration: underline; }
        code { font-size: 12px; color: #4b5563; }
        .muted { color: #9ca3af; } .error { color: #991b1b; }
        ul.sources li { margin: 4px 0; overflow-wrap: anywhere; }
        ul.changes { margin: 4px 0; padding-left: 18px; font-size: 12px; }
        details.figure { border: 1px solid #e5e7eb; border-radius: 6px; padding: 6px 10px; margin: 6px 0; }
        details.figure summary { cursor: pointer; overflow-wrap: anywhere; }
        blockquote.clause { margin: 8px 0; padding: 4px 10px; border-left: 3px solid #9ca3af; color: #374151; }
        pre.excerpt { white-space: pre-wrap; overflow-wrap: anywhere; background: #f9fafb; padding: 8px; border-radius: 4px;
          font: 13px/1.6 ui-monospace, "Noto Sans Mono CJK SC", monospace; margin: 6px 0 0; }
        pre.excerpt .ln { display: block; } pre.excerpt .ln i { display: inline-block; min-width: 3em; color: #9ca3af; font-style: normal; }
        pre.excerpt .hit { background: #fefce8; } mark { background: #fde047; padding: 0 1px; }
        figure { margin: 0 0 16px; } svg.chart { width: 100%; max-width: 720px; height: auto; display: block; }
        .legend .key { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px; margin: 0 4px 0 10px; }
        .k0 { background: #1d4ed8; } .k1 { background: #c62828; } .k2 { background: #1a7f37; } .k3 { background: #b45309; }
        .k4 { background: #6b21a8; } .k5 { background: #0e7490; } .k6 { background: #be185d; } .k7 { background: #334155; }

        /* A phone (400 px): each row a card, its status beside its name. */
        @media (max-width: 720px) {
          body { padding: 8px 12px 24px; }
          h1 { font-size: 19px; }
          table.scorecard, table.scorecard tbody, table#pipelines, table#pipelines tbody { display: block; }
          table.scorecard thead, table#pipelines thead { display: none; }
          table.scorecard tr.item, table#pipelines tr.item { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 12px;
            border: 1px solid #e5e7eb; border-radius: 8px; margin: 0 0 10px; padding: 8px 10px; }
          table.scorecard tr.item[hidden], table#pipelines tr.item[hidden] { display: none; }
          table.scorecard td, table#pipelines td { display: block; border: 0; padding: 2px 0; }
          table.scorecard td.name, table#pipelines td.name { order: 1; flex: 1 1 0; min-width: 0; overflow-wrap: anywhere; }
          table.scorecard td.st { order: 2; flex: none; }
          table.scorecard td[data-label], table#pipelines td[data-label], table#pipelines td.counts { order: 4; flex: 1 1 100%;
            text-align: left; white-space: normal; max-width: none; }
          table.scorecard td[data-label]::before, table#pipelines td[data-label]::before { content: attr(data-label);
            display: inline-block; min-width: 6em; color: #6b7280; font-size: 12px; }
          table.scorecard td.muted { display: none; }
          .expl { max-width: none; }
        }
        """

    /// Filters and search for the `.item` elements of a page, following the URL hash
    /// (`#status=missed&q=柘城`), and opening the figure a link points at (`#g12`).
    public static let script = """
        (function () {
          'use strict';
          var status = document.getElementById('f-status');
          var search = document.getElementById('f-search');
          var shown = document.getElementById('shown');
          function params() {
            var out = {};
            location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
              var i = kv.indexOf('=');
              if (i > 0) { out[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1)); }
            });
            return out;
          }
          function apply() {
            var st = status ? status.value : '';
            var q = search ? search.value.trim().toLowerCase() : '';
            var n = 0;
            Array.prototype.forEach.call(document.querySelectorAll('.item'), function (item) {
              var statuses = (item.getAttribute('data-status') || '').split(' ');
              var text = (item.getAttribute('data-text') || '').toLowerCase();
              var ok = (!st || statuses.indexOf(st) >= 0) && (!q || text.indexOf(q) >= 0);
              item.hidden = !ok;
              if (ok) { n += 1; }
            });
            Array.prototype.forEach.call(document.querySelectorAll('section.period'), function (s) {
              s.hidden = s.querySelector('.item:not([hidden])') === null;
            });
            if (shown) {
              shown.textContent = n + ' / ' + shown.getAttribute('data-total');
              shown.setAttribute('data-shown', String(n));
            }
            document.body.setAttribute('data-shown', String(n));
          }
          function openTarget() {
            var id = decodeURIComponent(location.hash.replace(/^#/, ''));
            if (!id || id.indexOf('=') >= 0) { return; }
            var el = document.getElementById(id);
            if (el && el.tagName === 'DETAILS') {
              el.open = true;
              el.classList.add('target');
              el.hidden = false;
            }
          }
          function fromHash() {
            var p = params();
            if (status) { status.value = p.status || ''; }
            if (search) { search.value = p.q || ''; }
            apply();
            openTarget();
          }
          function toHash() {
            var parts = [];
            if (status && status.value) { parts.push('status=' + encodeURIComponent(status.value)); }
            if (search && search.value) { parts.push('q=' + encodeURIComponent(search.value)); }
            history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search);
          }
          if (status) { status.addEventListener('change', function () { apply(); toHash(); }); }
          if (search) { search.addEventListener('input', function () { apply(); toHash(); }); }
          var form = document.getElementById('filters');
          if (form) { form.addEventListener('submit', function (e) { e.preventDefault(); }); }
          window.addEventListener('hashchange', fromHash);
          document.body.setAttribute('data-ready', 'true');
          fromHash();
        })();

        """
}
