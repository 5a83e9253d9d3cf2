package org.citycluster.report;

/**
 * The report's inline style sheet. Laid out for a 1400 px wide window (main column up to 1340 px,
 * the two answer maps side by side from 1000 px on, one under the other below), readable down to a
 * phone (wide tables scroll).
 */
final class Style {

  private Style() {}

  static final String CSS =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC",sans-serif;
        margin:0;color:#1d2330;background:#fafbfc;line-height:1.45}
      header{background:#1f3b57;color:#fff;padding:14px 32px}
      header h1{margin:0 0 2px;font-size:24px}
      .sub{margin:0;opacity:.9} code{font-size:90%}
      main{max-width:1340px;margin:0 auto;padding:4px 32px 32px}
      section{margin-top:24px} h2{border-bottom:2px solid #1f3b57;padding-bottom:4px;margin:0 0 10px}
      h3{font-size:16px;margin:18px 0 6px}
      .answer{font-size:17px;margin:6px 0 10px}
      .guide{font-size:13.5px;color:#333;background:#fff;border:1px solid #d8dee6;
        border-left:4px solid #1f3b57;padding:8px 12px;margin:10px 0}
      .verdict{display:inline-block;color:#fff;font-weight:600;font-size:12px;padding:0 7px;
        border-radius:9px;line-height:18px;white-space:nowrap}
      .weak{display:inline-block;font-size:11px;color:#c92a2a;border:1px solid #c92a2a;
        border-radius:8px;padding:0 5px;line-height:15px}
      .zh{color:#555;font-size:12px} .id{color:#999;font-size:11px} .fig{color:#666;font-size:12px}
      table.verdicts td{padding:2px 7px;line-height:1.25} table.verdicts .zh{font-size:11px}
      table.verdicts th{white-space:normal;vertical-align:bottom;max-width:110px}
      table.verdicts tbody tr:nth-child(even){background:#f6f8fa}
      svg.jac{width:60px;height:10px;vertical-align:middle} .jbar{fill:#4e79a7}
      table.regions td:last-child{white-space:normal;min-width:220px}
      details{margin:8px 0} summary{cursor:pointer;color:#1f3b57}
      .pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:0 28px}
      .sw{display:inline-block;width:10px;height:10px;border:1px solid #555;vertical-align:middle}
      .cards{display:flex;gap:14px;flex-wrap:wrap;margin-top:10px;margin-bottom:14px}
      .card{background:#fff;border:1px solid #d8dee6;border-radius:6px;padding:10px 16px;
        min-width:170px;flex:1} .big{font-size:28px;font-weight:700;color:#1f3b57}
      figure{margin:0} figcaption{font-size:13px;color:#555;margin-top:4px}
      svg.map{width:100%;height:auto;border:1px solid #d8dee6;background:#fff}
      #map-clusters svg.map{max-width:1000px}
      .units path{fill:#f4f1ea;stroke:#c9c3b6;stroke-width:.4;fill-rule:evenodd}
      .clusters path{stroke:#1d2330;stroke-width:.8;fill-opacity:.88;fill-rule:evenodd}
      .regions path{stroke:#fff;stroke-width:.3;fill-rule:evenodd}
      .outlines path{fill:none;stroke:#111;stroke-width:1.1;fill-rule:evenodd}
      .labels text{font-size:9px;font-weight:700;fill:#111;paint-order:stroke;stroke:#fff;
        stroke-width:2px;text-anchor:middle}
      .legend text{font-size:10px;fill:#333}
      svg.chart{width:100%;max-width:760px;height:auto;background:#fff;border:1px solid #d8dee6}
      .axis{stroke:#555;stroke-width:1} .grid{stroke:#e1e6ec;stroke-width:1}
      .tick,.lab{font-size:11px;fill:#333}
      circle.adj{fill:#d1495b;fill-opacity:.6} circle.nonadj{fill:#00798c;fill-opacity:.45}
      .dot{display:inline-block;width:10px;height:10px;border-radius:5px}
      .dot.adj{background:#d1495b} .dot.nonadj{background:#00798c}
      svg.bar{width:200px;height:14px;vertical-align:middle} .track{fill:#e8ecf0}
      rect.adj{fill:#d1495b} rect.nonadj{fill:#00798c} rect.qap{fill:#edae49}
      table{border-collapse:collapse;font-size:13px;background:#fff}
      th,td{border:1px solid #d8dee6;padding:3px 7px;text-align:left;white-space:nowrap}
      th{background:#eef2f6} td.n{text-align:right;font-variant-numeric:tabular-nums}
      td.up{color:#a61e4d} td.down{color:#1864ab} tr.summary td{background:#f3f5f8}
      .scroll{overflow-x:auto} .note{background:#fff7e0;border-left:4px solid #edae49;
        padding:6px 10px} .muted{color:#888} p.muted{font-size:13px;color:#666}
      footer{max-width:1340px;margin:0 auto;padding:16px 32px;font-size:12px;color:#666}
      """;
}
