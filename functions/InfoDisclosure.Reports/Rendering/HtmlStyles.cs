namespace InfoDisclosure.Reports.Rendering;

/// <summary>
/// The report's stylesheet. Everything is scoped to <c>.gov-report</c> so a portal can include it beside its own
/// styles; the standalone page adds the A4 page box. Wide tables scroll inside their wrapper on a phone
/// instead of widening the page, and lay out at full width on paper.
/// </summary>
public static class HtmlStyles
{
    /// <summary>The office's own pages (batch report, comparison): plain tables of figures that print.</summary>
    public const string OfficeTables = """
        body{font-family:"SimSun","宋体","Songti SC","Noto Serif CJK SC",serif;font-size:14px;color:#111;margin:16px}
        h1{font-size:1.4em;margin:.3em 0}
        h2{font-size:1.1em;margin:1.2em 0 .4em}
        table{border-collapse:collapse;width:100%;font-size:13px;line-height:1.4}
        th,td{border:1px solid #999;padding:3px 6px;text-align:left;vertical-align:top}
        th{background:#f0f0f0;font-weight:bold}
        td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        """;

    public const string Report = """
        .gov-report{font-family:"FangSong","仿宋","STFangsong","FangSong_GB2312","SimSun","宋体","Songti SC","Noto Serif CJK SC",serif;font-size:16px;line-height:1.8;color:#111;max-width:960px;margin:0 auto;padding:16px;box-sizing:border-box;overflow-wrap:anywhere}
        .gov-report h1{font-family:"SimSun","宋体","Songti SC","Noto Serif CJK SC",serif;font-size:1.6em;text-align:center;line-height:1.5;margin:.5em 0 1em}
        .gov-report h2{font-family:"SimHei","黑体","Heiti SC","Noto Sans CJK SC",sans-serif;font-size:1.15em;margin:1.2em 0 .5em}
        .gov-report h3{font-family:"KaiTi","楷体","STKaiti",serif;font-size:1em;margin:.8em 0 .3em;text-indent:2em}
        .gov-report p{margin:.3em 0;text-indent:2em}
        .gov-report .report-date{text-align:center;text-indent:0}
        .gov-report .part-title{font-weight:bold}
        .gov-report .table-scroll{overflow-x:auto;max-width:100%;margin:.5em 0 1em}
        .gov-report table{border-collapse:collapse;width:100%;font-size:14px;line-height:1.4}
        .gov-report caption{caption-side:top;font-weight:bold;text-align:left;padding:.3em 0}
        .gov-report th,.gov-report td{border:1px solid #333;padding:4px 6px}
        .gov-report th{font-weight:normal;background:#f4f4f4}
        .gov-report td{text-align:center;white-space:nowrap;font-variant-numeric:tabular-nums}
        .gov-report table.t3,.gov-report table.t4{min-width:760px}
        .gov-report table.t3 tbody th{text-align:left}
        .gov-report table.t3 .note{font-size:.85em}
        .gov-report table.t3 th[scope=col],.gov-report table.t4 th[scope=col]{min-width:2.6em}
        @media (max-width:480px){.gov-report{font-size:15px;padding:10px}.gov-report h1{font-size:1.3em}.gov-report table{font-size:12px}.gov-report table.t3,.gov-report table.t4{min-width:600px}}
        @media print{
        .gov-report{max-width:none;padding:0;font-size:12pt;color:#000}
        .gov-report .table-scroll{overflow:visible}
        .gov-report table{font-size:9pt}
        .gov-report table.t3,.gov-report table.t4,.gov-report table.t4 th[scope=col]{min-width:0}
        .gov-report th,.gov-report td{padding:2px 3px}
        .gov-report table.t3 th[scope=col]{min-width:2.4em}
        .gov-report th{background:none}
        .gov-report thead{display:table-header-group}
        .gov-report tr{break-inside:avoid;page-break-inside:avoid}
        .gov-report h2,.gov-report h3{break-after:avoid;page-break-after:avoid}
        }
        """;

    /// <summary>The standalone page: the report styles plus an A4 page box.</summary>
    public const string Page = Report + """

        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{margin:0;background:#fff}
        @page{size:A4;margin:25mm 20mm 20mm}
        """;
}
