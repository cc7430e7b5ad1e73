using System.Net;
using System.Text;
using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>
/// Writes a report the way agency portals publish it, independently of our renderer: site menus, a breadcrumb and
/// a footer around the report; the title in two centred paragraphs; headings as bold paragraphs; &lt;td&gt; only,
/// cell text wrapped in Word-export &lt;p&gt;&lt;span&gt;, source indented over several lines; section 二 as one
/// table with caption rows; and, on request, the variations published reports have.
/// </summary>
public sealed class HtmlPortalPage
{
    public bool FullWidthDigits { get; init; }
    public bool ThousandsSeparators { get; init; }

    /// <summary>"2.其他法律行政止公开" and "1、" numbering, as real reports print them.</summary>
    public bool LabelVariants { get; init; }

    /// <summary>Section 二 as four tables each preceded by a caption paragraph, rather than one table.</summary>
    public bool CaptionParagraphs { get; init; }

    /// <summary>The whole page inside an old-style layout table.</summary>
    public bool LayoutTable { get; init; }

    /// <summary>
    /// Word pasted into the CMS (TRS): MsoNormal paragraphs, &lt;o:p&gt;, figures in their own &lt;span lang=EN-US&gt;
    /// split in two spans, and &amp;nbsp; in empty cells.
    /// </summary>
    public bool WordMarkup { get; init; }

    /// <summary>Row and column labels in &lt;th&gt;.</summary>
    public bool HeaderCells { get; init; }

    /// <summary>An empty cell at the end of every table row, as Word's uneven rows leave them.</summary>
    public bool TrailingEmptyCells { get; init; }

    /// <summary>大汉-style page: nested layout tables, a menu table beside the report and a footer table below it.</summary>
    public bool NestedLayout { get; init; }

    /// <summary>The paragraphs of each narrative run as one &lt;p&gt; with &lt;br&gt; between them.</summary>
    public bool LineBreaks { get; init; }

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    public string Write(AnnualReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n")
            .Append("<title>").Append(E(report.Title)).Append("_政府信息公开年报</title>\n<script>var _hmt = _hmt || [];</script>\n</head>\n<body>\n");
        html.Append("<div class=\"top\"><ul class=\"nav\"><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk\">政务公开</a></li><li><a href=\"/hdjl\">互动交流</a></li></ul></div>\n");
        html.Append("<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk\">政府信息公开年报</a> &gt; ")
            .Append(E(report.Title)).Append("</div>\n");
        if (LayoutTable) html.Append("<table width=\"100%\" border=\"0\"><tr><td class=\"main\">\n");
        if (NestedLayout)
        {
            html.Append("<table width=\"1000\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\">\n<tr>\n<td width=\"220\" valign=\"top\">\n")
                .Append("<table width=\"100%\"><tr><td><a href=\"/zwgk/jcgk\">决策公开</a></td></tr><tr><td><a href=\"/zwgk/ndbg\">政府信息公开年报</a></td></tr></table>\n")
                .Append("</td>\n<td width=\"780\" valign=\"top\">\n<table width=\"100%\" class=\"bt_content\"><tr><td id=\"zoom\">\n");
        }
        html.Append("<div class=\"content\">\n<div class=\"TRS_Editor\">\n");

        html.Append("<p align=\"center\" style=\"text-align:center\">\n  <b><span style=\"font-size:22pt\">").Append(E(report.AgencyName)).Append("</span></b>\n</p>\n");
        html.Append("<p align=\"center\" style=\"text-align:center\">\n  <b><span style=\"font-size:22pt\">").Append(report.Year).Append("年政府信息公开工作年度报告</span></b>\n</p>\n");
        if (report.PublicationDate is { } date) Paragraph(html, "发布日期：" + date);
        foreach (var p in report.Opening.Paragraphs) Paragraph(html, p);
        FlushLines(html);

        Heading(html, "一、" + report.Overview.Heading);
        Narrative(html, report.Overview.Introduction, report.Overview.Parts.Select((p, i) => (p, i + 1)));

        Heading(html, "二、主动公开政府信息情况");
        if (report.ProactiveDisclosure is { } proactive) Section2(html, proactive);
        if (report.LegacyProactiveTables is { } legacy) Legacy(html, legacy);

        Heading(html, "三、收到和处理政府信息公开申请情况");
        if (report.Applications is { } applications) Section3(html, applications);

        Heading(html, "四、政府信息公开行政复议、行政诉讼情况");
        if (report.ReviewAndLitigation is { } review) Section4(html, review);

        var problems = report.ProblemsAndImprovements;
        Heading(html, "五、" + problems.Heading);
        Narrative(html, problems.Introduction, [(problems.Problems, 1), (problems.Improvements, 2)]);

        Heading(html, "六、" + report.OtherMatters.Heading);
        Narrative(html, report.OtherMatters.Introduction, report.OtherMatters.Parts.Select((p, i) => (p, i + 1)));

        html.Append("</div>\n</div>\n");
        if (NestedLayout)
        {
            html.Append("</td></tr></table>\n</td>\n</tr>\n</table>\n")
                .Append("<table width=\"1000\" align=\"center\"><tr><td><a href=\"javascript:window.print()\">打印本页</a></td><td><a href=\"javascript:window.close()\">关闭窗口</a></td></tr></table>\n");
        }
        if (LayoutTable) html.Append("</td></tr></table>\n");
        html.Append("<div class=\"footer\"><p>主办单位：某市人民政府办公室　联系电话：0517-00000000</p><p>网站标识码：3208000001　苏ICP备00000000号</p></div>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Text as Word writes it: runs of ASCII digits in their own spans, a number of two or more digits split across two.</summary>
    private string T(string text)
    {
        if (!WordMarkup) return E(text);
        return Digits.Replace(E(text), m => m.Value.Length > 1
            ? $"<span lang=EN-US>{m.Value[..1]}</span><span lang=EN-US>{m.Value[1..]}</span>"
            : $"<span lang=EN-US>{m.Value}</span>");
    }

    private static readonly System.Text.RegularExpressions.Regex Digits = new("[0-9]+");

    private string ParagraphStart(string style) => WordMarkup ? $"<p class=MsoNormal style='{style};line-height:28.0pt'>" : $"<p style=\"{style}\">";

    private string ParagraphEnd => WordMarkup ? "<span lang=EN-US><o:p></o:p></span></p>\n" : "</p>\n";

    // Paragraphs held back for one <p> with <br> between them (LineBreaks).
    private readonly List<string> _pendingLines = [];

    private void FlushLines(StringBuilder html)
    {
        if (_pendingLines.Count == 0) return;
        html.Append(ParagraphStart("text-indent:2em")).Append(string.Join("<br>\n", _pendingLines)).Append(ParagraphEnd);
        _pendingLines.Clear();
    }

    private void Paragraph(StringBuilder html, string text)
    {
        var body = $"<span style=\"font-family:仿宋_GB2312\">{T(text)}</span>";
        if (LineBreaks)
        {
            _pendingLines.Add(body);
            return;
        }
        html.Append(ParagraphStart("text-indent:2em")).Append("\n  &nbsp;&nbsp;").Append(body).Append('\n').Append(ParagraphEnd);
    }

    private void Heading(StringBuilder html, string text)
    {
        FlushLines(html);
        html.Append(ParagraphStart("text-indent:2em")).Append("\n  <strong><span style=\"font-family:黑体\">").Append(T(text)).Append("</span></strong>\n").Append(ParagraphEnd);
    }

    private void Narrative(StringBuilder html, IEnumerable<string> introduction, IEnumerable<(NarrativePart Part, int Number)> parts)
    {
        foreach (var p in introduction) Paragraph(html, p);
        foreach (var (part, number) in parts)
        {
            if (string.IsNullOrWhiteSpace(part.Title))
            {
                foreach (var p in part.Paragraphs) Paragraph(html, p);
                continue;
            }
            var title = $"（{Numerals[number - 1]}）{part.Title}";
            if (part.TitleOnOwnLine || part.Paragraphs.Count == 0)
            {
                FlushLines(html);
                html.Append(ParagraphStart("text-indent:2em")).Append("<strong>").Append(T(title)).Append("</strong>").Append(ParagraphEnd);
                foreach (var p in part.Paragraphs) Paragraph(html, p);
                continue;
            }
            FlushLines(html);
            html.Append(ParagraphStart("text-indent:2em")).Append("\n  <strong>").Append(T(title + "。")).Append("</strong>")
                .Append(T(part.Paragraphs[0])).Append('\n').Append(ParagraphEnd);
            foreach (var p in part.Paragraphs.Skip(1)) Paragraph(html, p);
        }
        FlushLines(html);
    }

    private string Figure(Cell cell)
    {
        var text = cell.ToString();
        if (cell.Value is { } v && ThousandsSeparators && v >= 1000 && decimal.Truncate(v) == v)
        {
            text = v.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);
        }
        if (cell.IsNumber && FullWidthDigits) text = string.Concat(text.Select(c => char.IsAsciiDigit(c) ? (char)(c + 0xFEE0) : c));
        return text;
    }

    private void Td(StringBuilder html, string text, int colspan = 1, int rowspan = 1) => Cell(html, HeaderCells ? "th" : "td", text, colspan, rowspan);

    private void Cell(StringBuilder html, string tag, string text, int colspan = 1, int rowspan = 1)
    {
        html.Append("    <").Append(tag);
        if (colspan > 1) html.Append(" colspan=\"").Append(colspan).Append('"');
        if (rowspan > 1) html.Append(" rowspan=\"").Append(rowspan).Append('"');
        if (!WordMarkup)
        {
            html.Append(" valign=\"center\">\n      <p align=\"center\"><span style=\"font-size:10.5pt\">").Append(E(text)).Append("</span></p>\n    </").Append(tag).Append(">\n");
            return;
        }
        var content = text.Length == 0 ? "<span lang=EN-US><o:p>&nbsp;</o:p></span>" : $"<span style='font-size:10.5pt'>{T(text)}</span><span lang=EN-US><o:p></o:p></span>";
        html.Append(" width=62 valign=center style='width:46.5pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>\n      <p class=MsoNormal align=center style='text-align:center'>")
            .Append(content).Append("</p>\n    </").Append(tag).Append(">\n");
    }

    private void FigureTd(StringBuilder html, Cell cell) => Cell(html, "td", Figure(cell));

    /// <summary>Ends a row, with the empty cell Word leaves at the end of an uneven row when asked for.</summary>
    private string EndRow => TrailingEmptyCells ? (WordMarkup ? "    <td><p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p></td>\n  </tr>\n" : "    <td></td>\n  </tr>\n") : "  </tr>\n";

    private void Section2(StringBuilder html, ProactiveDisclosure proactive)
    {
        (string Caption, string[] Headers, (string Item, Cell[] Cells)[] Rows)[] tables =
        [
            ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
            [
                ("规章", [proactive.Rules.Issued, proactive.Rules.Repealed, proactive.Rules.InForce]),
                ("行政规范性文件", [proactive.NormativeDocuments.Issued, proactive.NormativeDocuments.Repealed, proactive.NormativeDocuments.InForce]),
            ]),
            ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", [proactive.AdministrativeLicensing])]),
            ("第二十条第（六）项", ["本年处理决定数量"], [("行政处罚", [proactive.AdministrativePunishment]), ("行政强制", [proactive.AdministrativeCoercion])]),
            ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", [proactive.AdministrativeFees])]),
        ];
        if (!CaptionParagraphs) html.Append("<table border=\"1\" cellspacing=\"0\" width=\"100%\">\n<tbody>\n");
        foreach (var (caption, headers, rows) in tables)
        {
            if (CaptionParagraphs)
            {
                html.Append("<p><strong>").Append(E(caption)).Append("</strong></p>\n<table border=\"1\">\n<tbody>\n");
            }
            else
            {
                html.Append("  <tr>\n");
                Td(html, caption, colspan: 4);
                html.Append(EndRow);
            }
            var span = 3 / headers.Length;
            html.Append("  <tr>\n");
            Td(html, "信息内容");
            foreach (var h in headers) Td(html, h, colspan: CaptionParagraphs ? 1 : span);
            html.Append(EndRow);
            foreach (var (item, cells) in rows)
            {
                html.Append("  <tr>\n");
                Td(html, item);
                foreach (var c in cells) Td(html, Figure(c), colspan: CaptionParagraphs ? 1 : span);
                html.Append(EndRow);
            }
            if (CaptionParagraphs) html.Append("</tbody>\n</table>\n");
        }
        if (!CaptionParagraphs) html.Append("</tbody>\n</table>\n");
    }

    private void Legacy(StringBuilder html, List<SimpleTable> tables)
    {
        foreach (var table in tables)
        {
            html.Append("<p>").Append(E(table.Caption)).Append("</p>\n<table border=\"1\">\n  <tr>\n");
            foreach (var h in table.Header) Td(html, h);
            html.Append(EndRow);
            foreach (var row in table.Rows)
            {
                html.Append("  <tr>\n");
                Td(html, row.Label);
                foreach (var c in row.Cells) FigureTd(html, c);
                html.Append(EndRow);
            }
            html.Append("</table>\n");
        }
    }

    private string Label(ApplicationRow row)
    {
        if (!LabelVariants) return row.Label;
        if (row == ApplicationRows.NotDisclosed[1]) return "2.其他法律行政止公开";
        if (row.Group == ApplicationRows.OtherProcessingGroup) return row.Label.Replace("1.", "1、").Replace("2.", "2、").Replace("3.", "3、");
        return row.Label;
    }

    private void Section3(StringBuilder html, ApplicationTable table)
    {
        var rows = ApplicationRows.Present(table).ToList();
        var results = rows.Count(r => r.Row.IsResultItem || r.Row == ApplicationRows.ResultsTotal);
        html.Append("<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\">\n<tbody>\n  <tr>\n");
        Td(html, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colspan: 3, rowspan: 3);
        Td(html, "申请人情况", colspan: 7);
        html.Append(EndRow).Append("  <tr>\n");
        Td(html, "自然人", rowspan: 2);
        Td(html, "法人或其他组织", colspan: 5);
        Td(html, "总计", rowspan: 2);
        html.Append(EndRow).Append("  <tr>\n");
        foreach (var h in new[] { "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他" }) Td(html, h);
        html.Append(EndRow);
        var resultsOpened = false;
        string? group = null;
        foreach (var (row, counts) in rows)
        {
            html.Append("  <tr>\n");
            if (!(row.IsResultItem || row == ApplicationRows.ResultsTotal))
            {
                Td(html, row.Label, colspan: 3);
            }
            else
            {
                if (!resultsOpened)
                {
                    Td(html, "三、本年度办理结果", rowspan: results);
                    resultsOpened = true;
                }
                if (row.Group is null)
                {
                    Td(html, row.Label, colspan: 2);
                }
                else
                {
                    if (row.Group != group)
                    {
                        Td(html, row.Group, rowspan: rows.Count(r => r.Row.Group == row.Group));
                        group = row.Group;
                    }
                    Td(html, Label(row));
                }
            }
            foreach (var column in ApplicantCounts.Columns) FigureTd(html, counts[column]);
            html.Append(EndRow);
        }
        html.Append("</tbody>\n</table>\n");
    }

    private void Section4(StringBuilder html, ReviewAndLitigation review)
    {
        string[] outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
        html.Append("<table border=\"1\">\n  <tr>\n");
        Td(html, "行政复议", colspan: 5);
        Td(html, "行政诉讼", colspan: 10);
        html.Append(EndRow).Append("  <tr>\n");
        foreach (var o in outcomes) Td(html, o.Insert(2, " "), rowspan: 2);
        Td(html, "未经复议直接起诉", colspan: 5);
        Td(html, "复议后起诉", colspan: 5);
        html.Append(EndRow).Append("  <tr>\n");
        foreach (var o in outcomes.Concat(outcomes)) Td(html, o);
        html.Append(EndRow).Append("  <tr>\n");
        foreach (var g in new[] { review.AdministrativeReconsideration, review.LitigationWithoutReconsideration, review.LitigationAfterReconsideration })
        {
            foreach (var c in new[] { g.Upheld, g.Corrected, g.OtherResult, g.Pending, g.Total }) FigureTd(html, c);
        }
        html.Append(EndRow).Append("</table>\n");
    }
}
