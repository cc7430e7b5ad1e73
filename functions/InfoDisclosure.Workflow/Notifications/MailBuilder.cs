using System.Net;
using System.Text;

namespace InfoDisclosure.Workflow.Notifications;

/// <summary>
/// Writes one e-mail's HTML and plain-text bodies side by side so the two always say the same thing.
/// Every piece of text is HTML-escaped here; callers never pass markup.
/// </summary>
internal sealed class MailBuilder
{
    private readonly StringBuilder html = new();
    private readonly StringBuilder text = new();

    public MailBuilder Heading(string value)
    {
        html.Append("<h2 style=\"font-size:18px;margin:0 0 12px\">").Append(Escape(value)).Append("</h2>\n");
        text.Append(value).Append('\n').Append(new string('=', Math.Min(40, value.Length * 2))).Append("\n\n");
        return this;
    }

    public MailBuilder Paragraph(string value)
    {
        html.Append("<p style=\"margin:0 0 12px\">").Append(Escape(value)).Append("</p>\n");
        text.Append(value).Append("\n\n");
        return this;
    }

    public MailBuilder Fields(IEnumerable<(string Label, string Value)> fields)
    {
        html.Append("<table style=\"border-collapse:collapse;margin:0 0 12px\">\n");
        foreach (var (label, value) in fields)
        {
            html.Append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0;white-space:nowrap;vertical-align:top\">")
                .Append(Escape(label)).Append("</th><td style=\"padding:2px 0\">").Append(Escape(value)).Append("</td></tr>\n");
            text.Append(label).Append("：").Append(value).Append('\n');
        }
        html.Append("</table>\n");
        text.Append('\n');
        return this;
    }

    public MailBuilder List(string title, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count == 0) return this;
        html.Append("<p style=\"margin:0 0 4px\"><strong>").Append(Escape(title)).Append("</strong></p>\n<ul style=\"margin:0 0 12px\">\n");
        text.Append(title).Append('\n');
        foreach (var item in list)
        {
            html.Append("<li>").Append(Escape(item)).Append("</li>\n");
            text.Append("  - ").Append(item).Append('\n');
        }
        html.Append("</ul>\n");
        text.Append('\n');
        return this;
    }

    public MailBuilder Quote(string label, string value)
    {
        html.Append("<p style=\"margin:0 0 4px\"><strong>").Append(Escape(label)).Append("</strong></p>\n")
            .Append("<blockquote style=\"margin:0 0 12px;padding:8px 12px;border-left:4px solid #c00;background:#fff5f5;white-space:pre-wrap\">")
            .Append(Escape(value)).Append("</blockquote>\n");
        text.Append(label).Append('\n');
        foreach (var line in value.Split('\n')) text.Append("> ").Append(line.TrimEnd('\r')).Append('\n');
        text.Append('\n');
        return this;
    }

    public MailBuilder Link(string label, string url)
    {
        html.Append("<p style=\"margin:16px 0\"><a href=\"").Append(Escape(url))
            .Append("\" style=\"display:inline-block;padding:10px 18px;background:#b22222;color:#fff;text-decoration:none;border-radius:4px\">")
            .Append(Escape(label)).Append("</a></p>\n")
            .Append("<p style=\"margin:0 0 12px;font-size:12px;color:#555;word-break:break-all\">").Append(Escape(url)).Append("</p>\n");
        text.Append(label).Append('：').Append(url).Append("\n\n");
        return this;
    }

    public MailBuilder Note(string value)
    {
        html.Append("<p style=\"margin:12px 0 0;font-size:12px;color:#666\">").Append(Escape(value)).Append("</p>\n");
        text.Append("-- \n").Append(value).Append('\n');
        return this;
    }

    public EmailMessage Build(IReadOnlyList<EmailAddress> to, string subject) => new(to, subject,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + Escape(subject) + "</title></head>\n"
        + "<body style=\"font-family:'PingFang SC','Microsoft YaHei',sans-serif;font-size:15px;line-height:1.6;color:#222;max-width:640px\">\n"
        + html + "</body></html>\n",
        text.ToString());

    public static string Escape(string value) => WebUtility.HtmlEncode(value);
}
