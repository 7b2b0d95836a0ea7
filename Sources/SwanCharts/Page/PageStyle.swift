/// The page's stylesheet, inline in `<style>` (the page loads nothing).
///
/// Charts are drawn in a 640-unit-wide view box and scale to their grid cell; text in them uses
/// the page's system font at 11 units, which `TextMetrics` lays out for. Colours keep WCAG AA
/// contrast for text on the light background.
enum PageStyle {
    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f5f6f8; color: #1d232a;
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
        header { background: #ffffff; border-bottom: 1px solid #d5dae0; padding: 20px max(16px, calc(50% - 604px)) 8px; }
        h1 { font-size: 24px; margin: 0 0 8px; }
        h2 { font-size: 19px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #d5dae0; }
        h3 { font-size: 15px; margin: 0; }
        main { max-width: 1240px; margin: 0 auto; padding: 0 16px 40px; }
        footer { max-width: 1240px; margin: 0 auto; padding: 0 16px 24px; color: #56606b; font-size: 13px; }
        nav ul { list-style: none; margin: 12px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 14px; }
        a { color: #0a58a8; }
        .facts { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 0; }
        .facts div { min-width: 0; }
        .facts dt { font-size: 12px; color: #56606b; }
        .facts dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
        .callout { background: #e8f4ec; border-left: 4px solid #1e7b47; padding: 8px 12px; }
        .callout.warning { background: #fdeceb; border-left-color: #b3261e; }
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 540px), 1fr)); gap: 16px; }
        figure.chart { margin: 0; min-width: 0; background: #ffffff; border: 1px solid #d5dae0; border-radius: 6px; padding: 12px 14px; }
        figcaption p { margin: 2px 0 6px; color: #4a535c; font-size: 13px; }
        .legend { list-style: none; display: flex; flex-wrap: wrap; gap: 2px 14px; margin: 0 0 4px; padding: 0; font-size: 13px; }
        .legend li { display: flex; align-items: center; gap: 5px; }
        svg.chart-svg { display: block; width: 100%; height: auto; }
        .chart-svg text { font-size: 11px; fill: #2f363d; }
        .chart-svg .axis-title { font-size: 12px; fill: #1d232a; }
        .chart-svg .grid { stroke: #e4e8ec; stroke-width: 1; }
        .chart-svg .axis, .chart-svg .zero { stroke: #6b747d; stroke-width: 1; }
        .chart-svg .series { stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
        .chart-svg .reference { stroke-width: 1.5; }
        .chart-svg .reference-label { fill: #2f363d; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
        .note { margin: 6px 0 0; color: #4a535c; font-size: 12.5px; }
        details { margin-top: 8px; font-size: 13px; }
        summary { cursor: pointer; color: #0a58a8; }
        .scroll { max-height: 340px; overflow: auto; border: 1px solid #e4e8ec; background: #ffffff; }
        .tables { display: flex; flex-wrap: wrap; gap: 16px 28px; align-items: flex-start; margin: 10px 0 16px; }
        .table-block { max-width: 100%; overflow-x: auto; }
        .table-block table { background: #ffffff; border: 1px solid #e4e8ec; }
        .table-caption { margin: 0 0 4px; font-weight: 600; font-size: 14px; }
        table { border-collapse: collapse; font-size: 12.5px; font-variant-numeric: tabular-nums; }
        th, td { padding: 3px 10px; border-bottom: 1px solid #edf0f3; text-align: left; white-space: nowrap; }
        th { position: sticky; top: 0; background: #eef1f4; }
        th.num, td.num { text-align: right; }
        @media print { .scroll { max-height: none; } details { display: none; } }

        """
}
