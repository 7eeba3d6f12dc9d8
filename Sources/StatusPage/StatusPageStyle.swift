/// The page's style sheet, inlined into every page so the page needs no second request and
/// nothing from the internet. System fonts only; colours carry meaning only together with a
/// word (a state badge says "offline", not just red).
enum StatusPageStyle {
    static let css = """
        :root { color-scheme: light; --ink: #1d2530; --muted: #5b6775; --line: #dfe3e8; --paper: #ffffff; --ground: #f3f5f7;
          --good: #1e7d3a; --bad: #b3261e; --warn: #9a6700; --accent: #2f6fb0; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--ground); color: var(--ink);
          font: 14px/1.45 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
        header { background: #1f2a37; color: #fff; padding: 14px 28px; }
        header h1 { margin: 0; font-size: 20px; font-weight: 600; letter-spacing: .2px; }
        header h1 .gateway { font-weight: 400; color: #b9c6d4; margin-left: 6px; }
        header p { margin: 2px 0 0; color: #b9c6d4; font-size: 13px; }
        main { max-width: 1240px; margin: 0 auto; padding: 18px 28px 8px; }
        .summary { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 16px; }
        .tile { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px; min-width: 150px;
          display: flex; flex-direction: column; border-left: 4px solid var(--line); }
        .tile .value { font-size: 22px; font-weight: 600; }
        .tile .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .5px; }
        .tile.good { border-left-color: var(--good); }
        .tile.bad { border-left-color: var(--bad); } .tile.bad .value { color: var(--bad); }
        .tile.warn { border-left-color: #d4a72c; }
        .card { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 14px 18px 16px; margin-bottom: 16px; }
        h2 { font-size: 16px; margin: 0 0 10px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-size: 12px; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .4px;
          background: #f8f9fb; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.num, td.time { white-space: nowrap; }
        td.name { font-weight: 600; }
        td.error { color: var(--bad); max-width: 28em; overflow-wrap: anywhere; font-size: 13px; }
        tbody tr:hover { background: #f5f8fc; }
        tr.offline { background: #fdecea; } tr.offline:hover { background: #fadbd7; }
        tr.attention { background: #fff6e0; }
        tr.empty td { color: var(--muted); font-style: italic; }
        .state { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
        .state.online { background: #dcf1e2; color: var(--good); }
        .state.offline { background: #b3261e; color: #fff; }
        .state.unknown { background: #e8ebef; color: var(--muted); }
        form.chooser { display: flex; flex-wrap: wrap; gap: 14px; align-items: center; margin-bottom: 10px; }
        form.chooser label { color: var(--muted); font-size: 13px; }
        select, input, button { font: inherit; margin-left: 6px; padding: 3px 6px; border: 1px solid #c3cad3; border-radius: 4px;
          background: #fff; color: var(--ink); }
        button { background: var(--accent); border-color: var(--accent); color: #fff; padding: 3px 14px; margin-left: 0; cursor: pointer; }
        .notice { background: #fff6e0; border: 1px solid #f0d58c; border-radius: 4px; padding: 6px 10px; margin: 8px 0; }
        .caption { color: var(--muted); margin: 6px 0; font-size: 13px; }
        figure { margin: 6px 0; }
        figure svg { width: 100%; height: auto; display: block; }
        footer { text-align: center; color: var(--muted); font-size: 12px; padding: 6px 0 18px; }
        @media print { header { background: none; color: var(--ink); } body { background: #fff; } }
        """
}
