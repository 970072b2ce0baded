extension HTMLRenderer {
    /// The page's style sheet.
    static let css = """
        :root { --met:#1a7f37; --on_track:#0e7490; --behind:#b45309; --missed:#c62828; --no_data:#6b7280;
          --redacted:#6b21a8; --incomparable:#334155; }
        body { font: 14px/1.45 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
          margin: 0 auto; max-width: 1200px; padding: 16px 24px; color: #111827; background: #fff; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin-top: 28px; }
        .meta { color: #4b5563; margin: 0 0 8px; }
        .notice { border-left: 4px solid var(--no_data); background: #f3f4f6; padding: 8px 12px; }
        #partial-notice { border-left-color: var(--missed); background: #fef2f2; }
        .filters { display: flex; gap: 16px; align-items: center; margin: 12px 0; }
        .filters select { font: inherit; padding: 2px 4px; }
        #shown { color: #4b5563; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border-bottom: 1px solid #e5e7eb; padding: 6px 8px; vertical-align: top; text-align: left; }
        th { background: #f9fafb; font-weight: 600; }
        td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.src, .origin { color: #4b5563; font-size: 12px; }
        td.src { max-width: 220px; overflow-wrap: anywhere; }
        td.name { min-width: 280px; }
        .expl { color: #4b5563; font-size: 12px; max-width: 440px; }
        .barcol { width: 200px; }
        .bars { width: 200px; }
        .bar { height: 9px; margin: 3px 0; border-radius: 2px; }
        .bar.target { background: #e5e7eb; border: 1px solid #9ca3af; box-sizing: border-box; }
        .bar.none { height: auto; font-size: 11px; color: #6b7280; }
        .status { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; white-space: nowrap; }
        .s-met { background: var(--met); } .s-on_track { background: var(--on_track); }
        .s-behind { background: var(--behind); } .s-missed { background: var(--missed); }
        .s-no_data { background: var(--no_data); } .s-redacted { background: var(--redacted); }
        .s-incomparable { background: var(--incomparable); }
        tr.goal[hidden] { display: none; }
        tr.goal:target, li:target { background: #fef9c3; }
        a { color: #1d4ed8; text-decoration: none; } a:hover { text-decoration: underline; }
        q { font-family: inherit; }
        .muted { color: #9ca3af; }

        """

    /// The filter logic: status and area selects, kept in the URL hash.
    static let script = """
        (function () {
          var fs = document.getElementById('f-status'), fa = document.getElementById('f-area');
          var rows = Array.prototype.slice.call(document.querySelectorAll('tr.goal'));
          function readHash() {
            var h = location.hash.replace(/^#/, '');
            if (h.indexOf('=') < 0) return false;
            var p = {};
            h.split('&').forEach(function (kv) {
              var i = kv.indexOf('=');
              if (i > 0) p[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1));
            });
            fs.value = p.status || '';
            fa.value = p.area || '';
            return true;
          }
          function apply() {
            var shown = 0;
            rows.forEach(function (r) {
              var ok = (!fs.value || r.getAttribute('data-status') === fs.value) &&
                       (!fa.value || r.getAttribute('data-area') === fa.value);
              r.hidden = !ok;
              var src = document.querySelector('li.source[data-goal="' + r.id + '"]');
              if (src) src.hidden = !ok;
              if (ok) shown++;
            });
            document.getElementById('shown').textContent = shown + ' / ' + rows.length;
            document.body.setAttribute('data-shown', String(shown));
          }
          function writeHash() {
            var p = [];
            if (fs.value) p.push('status=' + encodeURIComponent(fs.value));
            if (fa.value) p.push('area=' + encodeURIComponent(fa.value));
            history.replaceState(null, '', p.length ? '#' + p.join('&') : location.pathname + location.search);
            apply();
          }
          fs.addEventListener('change', writeHash);
          fa.addEventListener('change', writeHash);
          window.addEventListener('hashchange', function () { if (readHash()) apply(); });
          readHash();
          apply();
        })();

        """
}
