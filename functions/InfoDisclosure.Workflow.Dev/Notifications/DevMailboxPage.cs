using System.Text;
using InfoDisclosure.Workflow.Notifications;
using static System.Net.WebUtility;

namespace InfoDisclosure.Workflow.Dev.Notifications;

/// <summary>
/// /dev/mailbox: the mail the embedded server caught, newest first, each rendered so its links can be clicked.
/// Each body sits in a sandboxed srcdoc frame (no scripts, no same-origin) whose links open in the top window,
/// because the review page refuses to be framed.
/// </summary>
public static class DevMailboxPage
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    public static string Render(IReadOnlyList<ReceivedMail> messages)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>开发邮箱</title><style>")
            .Append("body{font-family:'PingFang SC','Microsoft YaHei',sans-serif;margin:0 auto;max-width:900px;padding:12px;color:#222}")
            .Append("article{border:1px solid #ccc;border-radius:6px;margin:0 0 16px;padding:8px 12px}")
            .Append("h2{font-size:16px;margin:4px 0}.meta{color:#555;font-size:13px;margin:0 0 8px}")
            .Append("iframe{width:100%;height:480px;border:1px solid #eee}pre{white-space:pre-wrap;font-size:13px}")
            .Append("</style></head><body>\n<h1>开发邮箱</h1>\n")
            .Append("<p>本地运行时未配置 SMTP（Smtp__Host），系统发出的邮件都被内置的 SMTP 服务器接收并显示在这里，最新的在前。刷新页面可查看新邮件。</p>\n");
        if (messages.Count == 0) html.Append("<p>（暂无邮件）</p>\n");
        foreach (var m in messages.OrderByDescending(m => m.Id))
        {
            html.Append("<article id=\"mail-").Append(m.Id).Append("\">\n<h2>").Append(HtmlEncode(m.Subject)).Append("</h2>\n")
                .Append("<p class=\"meta\">收件人：").Append(HtmlEncode(string.Join("；", m.To)))
                .Append(" · 时间：").Append(HtmlEncode(BeijingTime.FormatDateTime(m.ReceivedAt)))
                .Append(" · 发件人：").Append(HtmlEncode(m.From)).Append("</p>\n");
            if (m.HtmlBody is { } body)
            {
                html.Append("<iframe sandbox=\"allow-top-navigation-by-user-activation allow-popups\" title=\"")
                    .Append(HtmlEncode(m.Subject)).Append("\" srcdoc=\"")
                    .Append(HtmlEncode("<base target=\"_top\">" + body)).Append("\"></iframe>\n");
            }
            else
            {
                html.Append("<pre>").Append(HtmlEncode(m.TextBody ?? "")).Append("</pre>\n");
            }
            html.Append("</article>\n");
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }
}
