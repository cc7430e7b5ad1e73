using System.Globalization;
using System.Net;
using System.Text;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Admin;

/// <summary>
/// The supervising office's overview page: Chinese, no script, readable at 375 px (the table becomes one card per
/// report), printable. Every piece of text is HTML-escaped here.
/// </summary>
public static class AdminPage
{
    /// <summary>Content-Security-Policy of the page: no script at all, only the page's own inline styles, forms to itself.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private const string Styles = """
        body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;padding:12px;color:#222;background:#fafafa;line-height:1.5}
        h1{font-size:20px;margin:0 0 4px}
        .meta{color:#666;font-size:13px;margin:0 0 12px}
        .bar{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:0 0 12px}
        .bar form{display:inline-flex;gap:6px;align-items:center;margin:0}
        input,button{font:inherit;padding:4px 8px}
        .tiles{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 12px}
        .tile{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:88px}
        .tile b{display:block;font-size:22px}
        .tile.bad b{color:#b00020}
        .chart{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px;margin:0 0 12px;max-width:640px}
        .chart h2{font-size:15px;margin:0 0 6px}
        .chart svg{display:block;width:100%;max-width:480px}
        table{border-collapse:collapse;width:100%;background:#fff}
        th,td{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top;font-size:14px}
        th{background:#f0f0f0}
        tr.overdue td{background:#fde8e8}
        tr.failed td{background:#f6c6c6;color:#8b0000}
        tr.soon td{background:#fff4e0}
        tr.published td{background:#eef8ee}
        .badge{display:inline-block;border-radius:3px;padding:0 4px;font-size:12px;color:#fff;background:#b00020;margin-left:4px}
        a{color:#0b57d0;word-break:break-all}
        .error{color:#b00020}
        @media (max-width:700px){
          table,thead,tbody,tr,td{display:block;width:auto}
          thead{display:none}
          tr{border:1px solid #ccc;border-radius:6px;margin:0 0 10px;overflow:hidden}
          td{border:none;border-bottom:1px solid #eee}
          td::before{content:attr(data-label) "：";font-weight:bold;color:#555}
        }
        @media print{.bar form,.logout{display:none}body{background:#fff}}
        """;

    public static string Render(Overview overview, string basePath, Web.FormToken signOutToken)
    {
        var h = new StringBuilder();
        var title = $"{overview.Year}年度政府信息公开工作年度报告进度总览";
        Head(h, title);
        h.Append("<h1>").Append(E(title)).Append("</h1>\n");
        h.Append("<p class=\"meta\">统计时间：").Append(E(Date(overview.GeneratedAt, withTime: true))).Append("（北京时间）。按风险排序：已逾期在前，其次按剩余天数由少到多，已发布在后。</p>\n");

        h.Append("<div class=\"bar\"><form method=\"get\" action=\"").Append(E(basePath)).Append("\"><label>年度 <input type=\"number\" name=\"year\" min=\"2008\" max=\"2100\" value=\"")
            .Append(overview.Year.ToString(CultureInfo.InvariantCulture)).Append("\" style=\"width:6em\"></label><button type=\"submit\">查看</button></form>")
            .Append("<a href=\"").Append(E($"{basePath}/export.csv?year={overview.Year}")).Append("\">导出 CSV（Excel）</a>")
            .Append("<form class=\"logout\" method=\"post\" action=\"/sign-out\"><input type=\"hidden\" name=\"").Append(E(signOutToken.FieldName))
            .Append("\" value=\"").Append(E(signOutToken.Value)).Append("\"><button type=\"submit\">退出</button></form></div>\n");

        h.Append("<div class=\"tiles\">");
        Tile(h, "单位", overview.Total, false);
        Tile(h, "已发布", overview.PublishedCount, false);
        Tile(h, "已逾期未发布", overview.OverdueCount, overview.OverdueCount > 0);
        Tile(h, "逾期发布", overview.LateCount, overview.LateCount > 0);
        h.Append("</div>\n");

        Chart(h, overview.Counts);

        h.Append("<table>\n<thead><tr>");
        foreach (var label in Columns) h.Append("<th>").Append(E(label)).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        if (overview.Reports.Count == 0)
        {
            h.Append("<tr><td colspan=\"").Append(Columns.Length).Append("\">尚无单位。</td></tr>\n");
        }
        foreach (var r in overview.Reports)
        {
            var css = r.WorkflowFailed ? "failed" : r.Stage == ReportStages.Published ? "published" : r.Overdue ? "overdue" : r.DaysLeft <= 7 ? "soon" : "";
            h.Append("<tr").Append(css.Length > 0 ? $" class=\"{css}\"" : "").Append(" data-agency=\"").Append(E(r.AgencyId)).Append("\">");
            Cell(h, Columns[0], E(r.AgencyName) + (r.Kind == AgencyKinds.Government ? "（本级政府）" : ""));
            Cell(h, Columns[1], E(r.StageText) + (r.Stage == ReportStages.PublishFailed && r.LastError is { } err ? $"<br><small class=\"error\">{E(err)}</small>" : "")
                + (r.WorkflowFailed ? "<span class=\"badge\">流程出错</span><br><small class=\"error\">流程已中止，请管理员恢复（POST …/recover）。</small>" : "")
                + (r.NotificationFailed ? "<span class=\"badge\">发送失败</span><br><small class=\"error\">邮件或报送发送失败，系统正在重试。</small>" : ""));
            Cell(h, Columns[2], E(r.Holder.Count == 0 ? "—" : string.Join("；", r.Holder.Select(p => p.Name.Length > 0 ? p.Name : p.Email))));
            Cell(h, Columns[3], E(Date(r.Deadline)));
            Cell(h, Columns[4], r.DaysLeft switch
            {
                null => "—",
                < 0 and var d => $"已逾期 {-d} 天<span class=\"badge\">逾期</span>",
                0 => "今天到期",
                var d => r.WorkingDaysLeft is { } w ? $"{d} 天<br><small>其中工作日 {w} 天</small>" : $"{d} 天",
            });
            Cell(h, Columns[5], r.PublishedAt is { } at
                ? E(Date(at, withTime: true)) + (r.Late ? "<span class=\"badge\">迟发布</span>" : "")
                : "—");
            Cell(h, Columns[6], r.PublishedUrl is { } url && IsHttp(url) ? $"<a href=\"{E(url)}\" rel=\"noopener noreferrer\">{E(url)}</a>" : "—");
            h.Append("</tr>\n");
        }
        h.Append("</tbody></table>\n</body></html>\n");
        return h.ToString();
    }

    private static readonly string[] Columns = ["单位", "状态", "当前持有人", "发布截止", "剩余天数", "发布时间", "发布地址"];

    private static void Head(StringBuilder h, string title) =>
        h.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(E(title)).Append("</title>")
            .Append("<style>").Append(Styles).Append("</style></head>\n<body>\n");

    private static void Tile(StringBuilder h, string label, int value, bool bad) =>
        h.Append("<div class=\"tile").Append(bad ? " bad" : "").Append("\"><b>").Append(value.ToString(CultureInfo.InvariantCulture))
            .Append("</b>").Append(E(label)).Append("</div>");

    /// <summary>Counts by stage as an inline SVG bar chart (no script; readable when printed).</summary>
    private static void Chart(StringBuilder h, IReadOnlyList<StageCount> counts)
    {
        const int rowHeight = 24, labelWidth = 122, barMax = 210;
        var max = Math.Max(1, counts.Max(c => c.Count));
        var height = counts.Count * rowHeight + 4;
        h.Append("<div class=\"chart\"><h2>各阶段单位数</h2><svg role=\"img\" aria-label=\"各阶段单位数\" viewBox=\"0 0 ")
            .Append(labelWidth + barMax + 50).Append(' ').Append(height).Append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < counts.Count; i++)
        {
            var c = counts[i];
            var y = i * rowHeight + 2;
            var width = c.Count == 0 ? 0 : Math.Max(2, c.Count * barMax / max);
            var color = c.Stage switch
            {
                ReportStages.Published => "#2e7d32",
                ReportStages.PublishFailed => "#b00020",
                AdminOverview.NotCreated => "#9e9e9e",
                _ => "#1565c0",
            };
            h.Append("<text x=\"").Append(labelWidth - 6).Append("\" y=\"").Append(y + 16).Append("\" text-anchor=\"end\" font-size=\"13\">").Append(E(c.StageText)).Append("</text>")
                .Append("<rect x=\"").Append(labelWidth).Append("\" y=\"").Append(y + 3).Append("\" width=\"").Append(width).Append("\" height=\"16\" fill=\"").Append(color).Append("\"/>")
                .Append("<text x=\"").Append(labelWidth + width + 6).Append("\" y=\"").Append(y + 16).Append("\" font-size=\"13\">").Append(c.Count).Append("</text>");
        }
        h.Append("</svg></div>\n");
    }

    private static void Cell(StringBuilder h, string label, string html) =>
        h.Append("<td data-label=\"").Append(E(label)).Append("\">").Append(html).Append("</td>");

    /// <summary>"2027-01-31T23:59:59+08:00" → "2027-01-31" (or with the time).</summary>
    private static string Date(string iso, bool withTime = false) =>
        iso.Length >= 16 ? (withTime ? iso[..10] + " " + iso[11..16] : iso[..10]) : iso;

    private static bool IsHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
