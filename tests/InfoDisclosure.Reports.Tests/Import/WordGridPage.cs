using System.Net;
using System.Text;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>
/// A report's published text as Word saves it to HTML and a CMS publishes it: each line a MsoNormal paragraph, each
/// run of tab-separated lines a table with one cell per tab-separated cell, so the rows are as uneven as the text's
/// grid (trailing empty cells included) and no cell spans. Figures sit in &lt;span lang=EN-US&gt;, empty cells hold
/// &lt;o:p&gt;&amp;nbsp;&lt;/o:p&gt;.
/// </summary>
public sealed class WordGridPage
{
    /// <summary>Labels (cells with two or more Chinese characters) in &lt;th&gt;.</summary>
    public bool HeaderCells { get; init; }

    /// <summary>Consecutive prose lines as one paragraph with &lt;br&gt; between them.</summary>
    public bool LineBreaks { get; init; }

    /// <summary>The charset the page declares; <see cref="Bytes"/> encodes it so.</summary>
    public string Charset { get; init; } = "utf-8";

    public string Write(string text)
    {
        var html = new StringBuilder();
        html.Append("<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\">\n<head>\n")
            .Append("<meta http-equiv=Content-Type content=\"text/html; charset=").Append(Charset).Append("\">\n")
            .Append("<meta name=Generator content=\"Microsoft Word 15 (filtered)\">\n")
            .Append("<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->\n")
            .Append("<style>\n<!-- p.MsoNormal {margin:0cm; text-align:justify; font-size:10.5pt;} -->\n</style>\n</head>\n")
            .Append("<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>\n<div class=WordSection1 style='layout-grid:15.6pt'>\n");
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n").Split('\n');
        var prose = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (!line.Contains('\t'))
            {
                if (line.Trim().Length == 0) continue;
                if (LineBreaks)
                {
                    prose.Add(Runs(line.Trim()));
                    continue;
                }
                html.Append("<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><span style='font-family:仿宋_GB2312'>")
                    .Append(Runs(line.Trim())).Append("<span lang=EN-US><o:p></o:p></span></span></p>\n");
                continue;
            }
            Flush(html, prose);
            html.Append("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>\n");
            for (; i < lines.Length && lines[i].Contains('\t'); i++)
            {
                html.Append(" <tr style='mso-yfti-irow:").Append(i).Append("'>\n");
                foreach (var cell in lines[i].Split('\t'))
                {
                    var content = cell.Trim();
                    var tag = HeaderCells && IsLabel(content) ? "th" : "td";
                    html.Append("  <").Append(tag).Append(" width=57 valign=top style='width:42.5pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>\n")
                        .Append("  <p class=MsoNormal align=center style='text-align:center'>")
                        .Append(content.Length == 0 ? "<span lang=EN-US><o:p>&nbsp;</o:p></span>" : Runs(content) + "<span lang=EN-US><o:p></o:p></span>")
                        .Append("</p>\n  </").Append(tag).Append(">\n");
                }
                html.Append(" </tr>\n");
            }
            i--;
            html.Append("</table>\n");
        }
        Flush(html, prose);
        html.Append("</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Flush(StringBuilder html, List<string> prose)
    {
        if (prose.Count == 0) return;
        html.Append("<p class=MsoNormal style='text-indent:32.0pt'>").Append(string.Join("<br>\n", prose)).Append("<span lang=EN-US><o:p></o:p></span></p>\n");
        prose.Clear();
    }

    /// <summary>The page in its declared charset (GB2312 pages written as GB18030, which is what browsers decode them with).</summary>
    public byte[] Bytes(string html)
    {
        if (Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)) return Encoding.UTF8.GetBytes(html);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030").GetBytes(html);
    }

    private static bool IsLabel(string cell) => cell.Count(c => c is >= '\u4E00' and <= '\u9FFF') >= 2;

    /// <summary>Word's runs: ASCII digits in spans of their own, numbers of two or more digits split across two.</summary>
    private static string Runs(string text)
    {
        var html = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (char.IsAsciiDigit(text[i]))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                var digits = text[start..i];
                html.Append(digits.Length > 1
                    ? $"<span lang=EN-US>{digits[..1]}</span><span lang=EN-US>{digits[1..]}</span>"
                    : $"<span lang=EN-US>{digits}</span>");
                continue;
            }
            while (i < text.Length && !char.IsAsciiDigit(text[i])) i++;
            html.Append(WebUtility.HtmlEncode(text[start..i]));
        }
        return html.ToString();
    }
}
