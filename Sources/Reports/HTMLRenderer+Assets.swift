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
        .filters { display: flex; gap: 16px; align-items: center; margin: 12px 0; }
        .filters select { font: inherit; padding: 2px 4px; }
        #shown { color: #4b5563; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border-bottom: 1px solid #e5e7eb; padding: 6px 8px; vertical-align: top; text-align: left; }
        th { background: #f9fafb; font-weight: 600; white-space: nowrap; }
        td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.src, .origin { color: #4b5563; font-size: 12px; }
        td.src { min-width: 150px; max-width: 240px; overflow-wrap: anywhere; }
        td.name { min-width: 240px; }
        td.area { white-space: nowrap; }
        .expl { color: #4b5563; font-size: 12px; max-width: 440px; }
        .barcol { width: 160px; }
        .bars { width: 160px; }
        .bar { height: 9px; margin: 3px 0; border-radius: 2px; }
        .bar.target { background: #e5e7eb; border: 1px solid #9ca3af; box-sizing: border-box; }
        .bar.none { height: auto; font-size: 11px; color: #6b7280; }
        .bar.baseline { background: repeating-linear-gradient(45deg, #9ca3af 0 3px, #e5e7eb 3px 6px); }
        td.base { font-size: 12px; min-width: 120px; max-width: 200px; }
        .scroll { overflow-x: auto; }
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

        /* Narrow screens (a phone, 400 px): one card per goal, its status beside its name. */
        @media (max-width: 720px) {
          body { padding: 12px; }
          h1 { font-size: 19px; }
          .filters { flex-wrap: wrap; gap: 8px 16px; }
          #scorecard, #scorecard tbody { display: block; }
          #scorecard thead { display: none; }
          #scorecard tr.goal { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 12px;
            border: 1px solid #e5e7eb; border-radius: 8px; margin: 0 0 12px; padding: 8px 10px; }
          #scorecard tr.goal[hidden] { display: none; }
          #scorecard td { display: block; border: 0; padding: 2px 0; }
          #scorecard td.name { order: 1; flex: 1 1 0; min-width: 0; }
          #scorecard td.st { order: 2; flex: none; }
          #scorecard td.barcol { order: 3; flex: 1 1 100%; width: auto; }
          #scorecard td.barcol .bars { width: 100%; }
          #scorecard td[data-label] { order: 4; flex: 1 1 100%; text-align: left; white-space: normal; max-width: none; }
          #scorecard td[data-label]::before { content: attr(data-label); display: inline-block; min-width: 7.5em;
            color: #6b7280; font-size: 12px; }
          #scorecard td.muted { display: none; }
          .expl { max-width: none; }
          #sources ol { padding-left: 20px; }
          #sources ul { padding-left: 14px; }
          #sources li, #notes li, .meta { overflow-wrap: anywhere; }
        }

        /* Paper: no filters, colours kept, a goal never split across pages. */
        @media print {
          @page { margin: 12mm; }
          body { max-width: none; padding: 0; font-size: 10pt; }
          .filters { display: none; }
          .scroll { overflow: visible; }
          .status, .bar { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          tr.goal, li.source { break-inside: avoid; }
          thead { display: table-header-group; }
          tr.goal:target, li:target { background: none; }
          a { color: inherit; }
          td.name { min-width: 130px; }
          td.src { min-width: 110px; max-width: 150px; font-size: 8pt; }
          td.base { min-width: 90px; }
          .barcol, .bars { width: 80px; }
          th, td { padding: 4px 5px; }
        }

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
