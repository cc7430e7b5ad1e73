using System.Text;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Workflow.Notifications;
using static System.Net.WebUtility;

namespace InfoDisclosure.Workflow.Review.Page;

/// <summary>What the reviewer posted; kept to show the form again when something is missing.</summary>
public sealed record ReviewForm(string? Decision, bool ReviewConfirmed, bool ProofreadConfirmed, string? Comment);

/// <summary>Everything the review page shows.</summary>
public sealed record ReviewPageModel(
    AnnualReport Report,
    int Level,
    string LevelName,
    int LevelCount,
    int Round,
    string ReviewerName,
    string ReviewerEmail,
    int VersionNumber,
    string VersionSha256,
    DateTimeOffset? LevelDueAt,
    DateTimeOffset? Deadline,
    DateTimeOffset LinkExpiresAt,
    IReadOnlyList<Finding> Findings,
    ReportChanges? Changes,
    string FormValue,
    string? Error = null,
    ReviewForm? Posted = null);

/// <summary>
/// The review page and its result pages: plain HTML forms, no script, styles inline in the document (allowed by the
/// page's CSP), readable at 375 px and printable (the form and the notes are left off paper).
/// </summary>
public static class ReviewPage
{
    public const string FormField = "form";
    public const string DecisionField = "decision";
    public const string ReviewField = "reviewConfirmed";
    public const string ProofreadField = "proofreadConfirmed";
    public const string CommentField = "comment";

    private const string Styles = """
        body{margin:0;background:#f3f3f3;color:#111;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;-webkit-text-size-adjust:100%;text-size-adjust:100%}
        .wrap{max-width:980px;margin:0 auto;padding:10px}
        .panel{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px 14px;margin:0 0 12px}
        .panel h1{font-size:1.2em;margin:0 0 8px;line-height:1.4}
        .panel h2{font-size:1.05em;margin:0 0 8px}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}
        dl.facts dt{color:#555}dl.facts dd{margin:0;overflow-wrap:anywhere}
        .warn li{margin:0 0 4px}.muted{color:#666;font-size:.9em}
        .error{border-color:#c00;background:#fff5f5;color:#900;font-weight:bold}
        .changes table{border-collapse:collapse;width:100%;font-size:.9em}
        .changes th,.changes td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
        del{background:#fde2e2;color:#8a1f1f}ins{background:#e0f5e0;text-decoration:none}
        .gov-report td.changed{background:#fff2a8;outline:2px solid #e0a800}
        .gov-report mark.changed{background:#fff2a8}
        .report-box{background:#fff;border:1px solid #ddd;border-radius:6px;margin:0 0 12px}
        form label{display:block;margin:0 0 10px;line-height:1.5}
        form input[type=checkbox]{width:1.2em;height:1.2em;vertical-align:-.2em;margin-right:6px}
        textarea{width:100%;box-sizing:border-box;min-height:6em;font:inherit;padding:6px}
        .buttons{display:flex;flex-wrap:wrap;gap:10px;margin-top:10px}
        button{font:inherit;font-size:1.05em;padding:10px 18px;border-radius:4px;border:1px solid #888;cursor:pointer}
        button.approve{background:#1d6b2f;color:#fff;border-color:#1d6b2f}
        button.reject{background:#fff;color:#a00;border-color:#a00}
        @media (max-width:480px){.wrap{padding:6px}.panel{padding:10px}button{flex:1 1 100%}}
        @media print{body{background:#fff}.no-print{display:none}.panel,.report-box{border:none;padding:0}}
        """;

    public static string Render(ReviewPageModel m)
    {
        var title = $"审核：{m.Report.Title}（{m.LevelName}）";
        var html = Start(title);
        html.Append("<div class=\"panel\"><h1>").Append(HtmlEncode(m.Report.Title)).Append("</h1>\n<dl class=\"facts\">")
            .Append(Fact("单位", m.Report.AgencyName))
            .Append(Fact("年度", $"{m.Report.Year}年"))
            .Append(Fact("审核环节", $"第{m.Level}级（共{m.LevelCount}级） {m.LevelName}"))
            .Append(Fact("审核轮次", $"第{m.Round}轮"))
            .Append(Fact("审核人", string.IsNullOrWhiteSpace(m.ReviewerName) ? m.ReviewerEmail : $"{m.ReviewerName}（{m.ReviewerEmail}）"))
            .Append(Fact("送审版本", $"第{m.VersionNumber}版 · SHA-256 {m.VersionSha256[..Math.Min(12, m.VersionSha256.Length)]}…"));
        if (m.LevelDueAt is { } due) html.Append(Fact("本环节审核时限", BeijingTime.FormatDateTime(due)));
        if (m.Deadline is { } deadline) html.Append(Fact("报告发布截止日期", BeijingTime.FormatDate(deadline)));
        html.Append(Fact("链接有效期至", BeijingTime.FormatDateTime(m.LinkExpiresAt)))
            .Append("</dl></div>\n");

        if (m.Error is { } error) html.Append("<div class=\"panel error\" role=\"alert\">").Append(HtmlEncode(error)).Append("</div>\n");

        AppendFindings(html, m.Findings);
        AppendChanges(html, m.Changes);

        var fragment = HtmlRenderer.RenderFragment(m.Report);
        if (m.Changes is { IsEmpty: false } changes) fragment = HighlightChanges(fragment, changes);
        html.Append("<div class=\"report-box\">\n").Append(fragment).Append("</div>\n");

        AppendForm(html, m);
        return End(html);
    }

    /// <summary>Marks the changed figures (their data-where cells) and the changed paragraphs in the rendered report.</summary>
    public static string HighlightChanges(string fragment, ReportChanges changes)
    {
        var result = new StringBuilder(fragment);
        foreach (var cell in changes.Cells)
        {
            var before = string.IsNullOrEmpty(cell.Old) ? "（空白）" : cell.Old;
            result.Replace($"<td data-where=\"{HtmlEncode(cell.Where)}\">",
                $"<td data-where=\"{HtmlEncode(cell.Where)}\" class=\"changed\" title=\"{HtmlEncode("原为：" + before)}\">");
        }
        foreach (var paragraph in changes.Paragraphs)
        {
            if (string.IsNullOrEmpty(paragraph.New)) continue;
            var encoded = HtmlEncode(paragraph.New);
            result.Replace(encoded + "</p>", "<mark class=\"changed\">" + encoded + "</mark></p>");
        }
        return result.ToString();
    }

    /// <summary>The confirmation after a recorded decision.</summary>
    public static string Done(AnnualReport report, string levelName, bool approved, string? comment, DateTimeOffset at)
    {
        var title = approved ? "已提交：审核通过" : "已提交：退回修改";
        var html = Start(title);
        html.Append("<div class=\"panel\"><h1>").Append(HtmlEncode(title)).Append("</h1>\n<p>")
            .Append(HtmlEncode(approved
                ? $"您已同意《{report.Title}》通过“{levelName}”，报告将送下一环节审核（如本级还需其他审核人同意，将在全部同意后送出）。"
                : $"您已将《{report.Title}》在“{levelName}”环节退回起草人修改，起草人将收到您的意见。"))
            .Append("</p>\n<dl class=\"facts\">").Append(Fact("提交时间", BeijingTime.FormatDateTime(at)));
        if (!string.IsNullOrWhiteSpace(comment)) html.Append(Fact("意见", comment));
        html.Append("</dl>\n<p class=\"muted\">此链接已使用，无需再次操作。可以关闭本页面。</p></div>\n");
        return End(html);
    }

    private static void AppendFindings(StringBuilder html, IReadOnlyList<Finding> findings)
    {
        var warnings = findings.Where(f => f.Severity == Severity.Warning).ToList();
        html.Append("<div class=\"panel warn\"><h2>校验提示</h2>\n");
        if (warnings.Count == 0)
        {
            html.Append("<p class=\"muted\">系统校验未发现需要提示的问题。</p></div>\n");
            return;
        }
        html.Append("<p class=\"muted\">以下问题不妨碍提交，请审核时留意：</p><ul>\n");
        foreach (var w in warnings)
        {
            html.Append("<li><strong>").Append(HtmlEncode(w.Where)).Append("</strong>：").Append(HtmlEncode(w.Message)).Append("</li>\n");
        }
        html.Append("</ul></div>\n");
    }

    private static void AppendChanges(StringBuilder html, ReportChanges? changes)
    {
        html.Append("<div class=\"panel changes\"><h2>修改情况</h2>\n");
        if (changes is null)
        {
            html.Append("<p class=\"muted\">本报告为首轮送审，没有可对比的早前送审版本。</p></div>\n");
            return;
        }
        html.Append("<p class=\"muted\">").Append(HtmlEncode($"与{changes.ComparedWith}相比。")).Append("</p>\n");
        if (changes.IsEmpty)
        {
            html.Append("<p>没有修改。</p></div>\n");
            return;
        }
        if (changes.Cells.Count > 0)
        {
            html.Append("<p>表格数据修改 ").Append(changes.Cells.Count).Append(" 处（下文报告中以黄色标出）：</p>\n<table><thead><tr><th>位置</th><th>原值</th><th>现值</th></tr></thead><tbody>\n");
            foreach (var c in changes.Cells)
            {
                html.Append("<tr><td>").Append(HtmlEncode(c.Where)).Append("</td><td><del>").Append(HtmlEncode(Blank(c.Old)))
                    .Append("</del></td><td><ins>").Append(HtmlEncode(Blank(c.New))).Append("</ins></td></tr>\n");
            }
            html.Append("</tbody></table>\n");
        }
        if (changes.Paragraphs.Count > 0)
        {
            html.Append("<p>文字修改 ").Append(changes.Paragraphs.Count).Append(" 处：</p>\n<table><thead><tr><th>位置</th><th>修改</th></tr></thead><tbody>\n");
            foreach (var p in changes.Paragraphs)
            {
                html.Append("<tr><td>").Append(HtmlEncode(p.Where)).Append("</td><td>");
                if (p.Old is not null) html.Append("<del>").Append(HtmlEncode(p.Old)).Append("</del><br>");
                html.Append(p.New is null ? "（已删除）" : "<ins>" + HtmlEncode(p.New) + "</ins>").Append("</td></tr>\n");
            }
            html.Append("</tbody></table>\n");
        }
        html.Append("</div>\n");
    }

    private static void AppendForm(StringBuilder html, ReviewPageModel m)
    {
        var posted = m.Posted;
        html.Append("<form class=\"panel no-print\" method=\"post\" action=\"\">\n<h2>审核意见</h2>\n")
            .Append("<input type=\"hidden\" name=\"").Append(FormField).Append("\" value=\"").Append(HtmlEncode(m.FormValue)).Append("\">\n")
            .Append("<label><input type=\"checkbox\" name=\"").Append(ReviewField).Append("\" value=\"on\"")
            .Append(posted?.ReviewConfirmed == true ? " checked" : "").Append(">")
            .Append(HtmlEncode($"【审】我已审阅报告全文，内容真实准确，不涉及国家秘密和不宜公开的信息，同意以此版本通过“{m.LevelName}”。"))
            .Append("</label>\n")
            .Append("<label><input type=\"checkbox\" name=\"").Append(ProofreadField).Append("\" value=\"on\"")
            .Append(posted?.ProofreadConfirmed == true ? " checked" : "").Append(">")
            .Append(HtmlEncode("【校】我已校对文字、数据和表格，与原始记录一致，勾稽关系无误。"))
            .Append("</label>\n")
            .Append("<label>意见（退回时必填）<textarea name=\"").Append(CommentField).Append("\" maxlength=\"").Append(ReviewDecisionService.MaxCommentLength).Append("\">")
            .Append(HtmlEncode(posted?.Comment ?? "")).Append("</textarea></label>\n")
            .Append("<div class=\"buttons\"><button type=\"submit\" class=\"approve\" name=\"").Append(DecisionField).Append("\" value=\"approve\">审核通过</button>")
            .Append("<button type=\"submit\" class=\"reject\" name=\"").Append(DecisionField).Append("\" value=\"reject\">退回修改</button></div>\n")
            .Append("<p class=\"muted\">通过须勾选【审】和【校】两项；退回须填写意见。提交后本链接即失效。</p>\n</form>\n");
    }

    private static StringBuilder Start(string title) => new StringBuilder(64 * 1024)
        .Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
        .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .Append("<meta name=\"robots\" content=\"noindex, nofollow\">")
        .Append("<title>").Append(HtmlEncode(title)).Append("</title>\n<style>\n").Append(Styles).Append('\n').Append(HtmlStyles.Report)
        .Append("\n</style></head><body><main class=\"wrap\">\n");

    private static string End(StringBuilder html) => html.Append("</main></body></html>\n").ToString();

    private static string Fact(string label, string value) => $"<dt>{HtmlEncode(label)}</dt><dd>{HtmlEncode(value)}</dd>";

    private static string Blank(string value) => string.IsNullOrEmpty(value) ? "（空白）" : value;
}
